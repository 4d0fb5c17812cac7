package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import java.util.List;

/**
 * Ubuntu's apt sources pointed at the plan's mirror (the course's "修改源为国内阿里源"). Ubuntu 24.04 keeps them in the
 * deb822 file /etc/apt/sources.list.d/ubuntu.sources (two stanzas: the release with -updates and -backports, and
 * -security) and leaves /etc/apt/sources.list as a one-line comment; 22.04 still uses /etc/apt/sources.list. The node
 * picks the variant by VERSION_CODENAME.
 */
public final class AptSources {
    public static final String UBUNTU_SOURCES = "/etc/apt/sources.list.d/ubuntu.sources";
    public static final String SOURCES_LIST = "/etc/apt/sources.list";
    public static final String VARIANT_2404 = "ubuntu-24.04";
    public static final String VARIANT_2204 = "ubuntu-22.04";
    public static final String NOBLE = "noble";
    public static final String JAMMY = "jammy";
    /** What Ubuntu 24.04 itself ships in /etc/apt/sources.list. */
    public static final String SOURCES_LIST_STUB =
            "# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources\n";

    private static final String COMPONENTS = "main restricted universe multiverse";
    private static final String KEYRING = "/usr/share/keyrings/ubuntu-archive-keyring.gpg";

    private AptSources() {
    }

    /** 24.04: the deb822 ubuntu.sources for the mirror. */
    public static String ubuntuSources(String mirror, String codename) {
        String uri = withSlash(mirror);
        return "# Written by kubewizard: Ubuntu packages from " + uri + "\n"
                + "Types: deb\n"
                + "URIs: " + uri + "\n"
                + "Suites: " + codename + " " + codename + "-updates " + codename + "-backports\n"
                + "Components: " + COMPONENTS + "\n"
                + "Signed-By: " + KEYRING + "\n"
                + "\n"
                + "Types: deb\n"
                + "URIs: " + uri + "\n"
                + "Suites: " + codename + "-security\n"
                + "Components: " + COMPONENTS + "\n"
                + "Signed-By: " + KEYRING + "\n";
    }

    /** 22.04: the one-line-per-source /etc/apt/sources.list for the mirror. */
    public static String sourcesList(String mirror, String codename) {
        String uri = withSlash(mirror);
        StringBuilder b = new StringBuilder("# Written by kubewizard: Ubuntu packages from " + uri + "\n");
        for (String suffix : List.of("", "-updates", "-backports", "-security")) {
            b.append("deb ").append(uri).append(' ').append(codename).append(suffix).append(' ').append(COMPONENTS)
                    .append('\n');
        }
        return b.toString();
    }

    /** The files of each variant, in the order they are written. */
    public static List<StepFile> files(String mirror) {
        return List.of(
                StepFile.variant(UBUNTU_SOURCES, "0644", ubuntuSources(mirror, NOBLE), VARIANT_2404),
                StepFile.variant(SOURCES_LIST, "0644", SOURCES_LIST_STUB, VARIANT_2404),
                StepFile.variant(SOURCES_LIST, "0644", sourcesList(mirror, JAMMY), VARIANT_2204));
    }

    /**
     * The name apt gives the file it downloads for a URI under /var/lib/apt/lists (apt's URItoFileName): scheme and
     * credentials dropped, some characters %-escaped, '/' turned into '_'.
     */
    public static String listFileName(String uri) {
        String rest = uri.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            rest = rest.substring(at + 1);
        }
        StringBuilder b = new StringBuilder();
        for (char ch : rest.toCharArray()) {
            if ("\\|{}[]<>\"^~_=!@#$%&*".indexOf(ch) >= 0 || ch <= 0x20 || ch >= 0x7f) {
                b.append(String.format("%%%02x", (int) ch));
            } else {
                b.append(ch == '/' ? '_' : ch);
            }
        }
        return b.toString();
    }

    /** The apt-mirror step: the variant for the node's Ubuntu release, then apt update. */
    public static Step step(ClusterPlan plan, PlanHost host) {
        String mirror = NodePrepSteps.required(plan.mirrors() == null ? null : plan.mirrors().ubuntu(),
                "mirrors.ubuntu");
        List<StepFile> files = files(mirror);
        // Downloaded index of the release suite, e.g. mirrors.aliyun.com_ubuntu_dists_noble_InRelease.
        String lists = "/var/lib/apt/lists/" + listFileName(withSlash(mirror) + "dists/");
        String unsupported = PrepShellFunctions.failWith("prep.error.unsupportedUbuntu");
        String listsPresent = "[ -s " + Bash.quote(lists) + "\"${codename}_InRelease\" ] || [ -s "
                + Bash.quote(lists) + "\"${codename}_Release\" ]";
        return new StepBuilder("apt-mirror", Phase.PREP, host).texts("prep.aptMirror", mirror)
                .run(PrepShellFunctions.FAIL, "codename=$(kw_os_codename)", "case \"$codename\" in", NOBLE + ")")
                .write(files.get(0)).write(files.get(1))
                .run(";;", JAMMY + ")")
                .write(files.get(2))
                .run(";;", "*)", unsupported, ";;", "esac",
                        "kw_apt update",
                        listsPresent + " || " + PrepShellFunctions.failWith("prep.error.aptUpdate", mirror))
                .check("codename=$(kw_os_codename)", "case \"$codename\" in", NOBLE + ")")
                .checkFile(files.get(0)).checkFile(files.get(1))
                .check(";;", JAMMY + ")")
                .checkFile(files.get(2))
                .check(";;", "*)", "exit 1", ";;", "esac", listsPresent)
                .build();
    }

    static String withSlash(String uri) {
        return uri.endsWith("/") ? uri : uri + "/";
    }
}
