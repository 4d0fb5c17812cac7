package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Lines.group;
import static dev.kubewizard.diagnosis.Lines.hasAny;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * apt and dpkg (apt 2.4 on Ubuntu 22.04, 2.7 on 24.04), needrestart, and the download messages of kubewizard's own
 * prep steps (prep.error.* in the prep bundle).
 */
final class AptClues {
    private static final Pattern SOURCE_LINE = Pattern.compile("^(?:Err|Ign|Get|Hit):\\d+ (\\S+)|^Error: (\\S+)");
    private static final Pattern CURL_ERROR = Pattern.compile("curl: \\((\\d+)\\)");
    private static final Pattern FETCH_404 = Pattern.compile("Failed to fetch (\\S+)\\s+404\\s+Not Found");
    private static final Pattern NO_RELEASE_FILE = Pattern.compile(
            "The repository '(\\S+)[^']*' does not have a Release file");
    private static final Pattern NOT_SIGNED =
            Pattern.compile("The repository '(\\S+)[^']*' is (?:not|no longer) signed");
    private static final Pattern GPG_ERROR_SOURCE = Pattern.compile("GPG error: (\\S+)");
    private static final Pattern FETCH_SOURCE = Pattern.compile("Failed to fetch (\\S+)");
    private static final Pattern KEY_ID = Pattern.compile("(?:NO_PUBKEY|EXPKEYSIG|KEYEXPIRED) ([0-9A-Fa-f]{8,})");
    private static final Pattern NO_PACKAGE = Pattern.compile(
            "Unable to locate package (\\S+)|Package '([^']+)' has no installation candidate"
                    + "|Version '[^']+' for '([^']+)' was not found");
    private static final Pattern KUBEWIZARD_NO_PACKAGES = Pattern.compile("No \\S+ packages found in (\\S+)");
    private static final Pattern KUBEWIZARD_NOT_A_KEY =
            Pattern.compile("What was downloaded is not a repository key: ([^;\\s]+)");
    private static final Pattern KUBEWIZARD_DOWNLOAD_FAILED = Pattern.compile("Download failed: ([^;\\s]+)");
    private static final Pattern KUBEWIZARD_NO_INDEX =
            Pattern.compile("apt update got no package index from ([^;\\s]+)");
    private static final Pattern PREFLIGHT_MIRROR = Pattern.compile("^PROBLEM: cannot use (\\S+) \\(HTTP ([^)]*)\\)");
    private static final Pattern CANNOT_CONNECT = Pattern.compile("(?:Could not connect to|Unable to connect to) "
            + "([\\w.-]+)");
    /** curl exit codes of a connection that never got an answer (7 refused, 28 timeout, 35 TLS, 56 reset). */
    private static final Set<Integer> CURL_UNREACHABLE = Set.of(7, 28, 35, 56);

    private AptClues() {
    }

    /**
     * Remembers the source an apt line is about, for the line right after it (apt prints the reason there), and curl's
     * last error, for kubewizard's message that follows it.
     */
    static void track(String line, ScanState state) {
        String source = state.pendingAptSource;
        String sourceLine = state.pendingAptSourceLine;
        state.pendingAptSource = null;
        state.pendingAptSourceLine = null;
        state.aptSource = source;
        state.aptSourceLine = sourceLine;
        if (line.length() > 4 && (line.startsWith("Err") || line.startsWith("Ign") || line.startsWith("Get")
                || line.startsWith("Hit"))) {
            var m = SOURCE_LINE.matcher(line);
            if (m.find()) {
                state.pendingAptSource = m.group(1) != null ? m.group(1) : m.group(2);
                state.pendingAptSourceLine = line;
            }
        } else if (line.startsWith("Error: ")) {
            // apt 2.9 (Ubuntu 25.04 and later) says "Error:" where older apt says "Err:N"
            var m = SOURCE_LINE.matcher(line);
            if (m.find()) {
                state.pendingAptSource = m.group(2);
                state.pendingAptSourceLine = line;
            }
        } else if (line.contains("curl: (")) {
            String code = group(CURL_ERROR, line);
            if (code != null) {
                state.lastCurlError = Integer.parseInt(code);
            }
        }
    }

    /**
     * needrestart's dialog ("Daemons using outdated libraries" / "Which services should be restarted?") and the
     * libc6 debconf question: apt waits for an answer that cannot come over a non-interactive connection.
     */
    static Clue needrestart(String line, ScanState state) {
        if (hasAny(line, "Which services should be restarted?", "Daemons using outdated libraries",
                "Restart services during package upgrades without asking?")) {
            return Clue.of(Cause.NEEDRESTART_QUESTION);
        }
        return null;
    }

    static Clue dpkgInterrupted(String line, ScanState state) {
        return line.contains("dpkg was interrupted, you must manually run") ? Clue.of(Cause.DPKG_INTERRUPTED) : null;
    }

    /**
     * "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1843 (unattended-upgr)" settles it;
     * "Waiting for cache lock: ..." only shows that apt was waiting when the output stopped.
     */
    static Clue dpkgLock(String line, ScanState state) {
        if (line.contains("Waiting for cache lock")) {
            return Clue.hint(Cause.DPKG_LOCK);
        }
        if (hasAny(line, "Could not get lock /var/lib/dpkg/lock", "Could not get lock /var/lib/apt/lists/lock",
                "Could not get lock /var/cache/apt/archives/lock", "Unable to acquire the dpkg frontend lock",
                "Unable to lock the administration directory", "Unable to lock directory /var/lib/apt/lists")) {
            return Clue.of(Cause.DPKG_LOCK);
        }
        return null;
    }

    /**
     * NO_PUBKEY / EXPKEYSIG on apt's "Err:" continuation line or its "E:" summary settle it; on a "W:" line apt went on
     * with older package lists, so it is only a hint.
     */
    static Clue keys(String line, ScanState state) {
        String notSigned = hasAny(line, "is not signed", "is no longer signed") ? group(NOT_SIGNED, line) : null;
        if (notSigned != null) {
            return Clue.of(Cause.APT_KEY_MISSING, notSigned);
        }
        boolean missing = line.contains("NO_PUBKEY");
        boolean expired = hasAny(line, "EXPKEYSIG", "KEYEXPIRED");
        if (!missing && !expired) {
            return null;
        }
        String source = group(GPG_ERROR_SOURCE, line);
        if (source == null) {
            source = group(FETCH_SOURCE, line);
        }
        String context = null;
        if (source == null && state.aptSource != null) {
            source = state.aptSource;
            context = state.aptSourceLine;
        }
        if (source == null) {
            source = group(KEY_ID, line);
        }
        source = source == null ? "?" : Lines.trimPunctuation(source);
        Cause cause = expired ? Cause.APT_KEY_EXPIRED : Cause.APT_KEY_MISSING;
        return (line.startsWith("W:") ? Clue.hint(cause, source) : Clue.of(cause, source)).after(context);
    }

    /**
     * A mirror that answers without what kubewizard needs (404, no Release file, no such package, not a key) or that
     * does not answer at all.
     */
    static Clue mirrors(String line, ScanState state) {
        String url = line.contains("404") ? group(FETCH_404, line) : null;
        if (url == null && line.startsWith("404") && line.contains("Not Found") && state.aptSource != null) {
            return wrong(state.aptSource).after(state.aptSourceLine);
        }
        if (url == null && line.contains("The repository '")) {
            url = group(NO_RELEASE_FILE, line);
        }
        if (url == null && line.contains("packages found in")) {
            url = group(KUBEWIZARD_NO_PACKAGES, line);
        }
        if (url == null && line.contains("is not a repository key")) {
            url = group(KUBEWIZARD_NOT_A_KEY, line);
        }
        if (url != null) {
            return wrong(url);
        }
        if (hasAny(line, "Unable to locate package", "has no installation candidate", "' was not found")) {
            var m = NO_PACKAGE.matcher(line);
            if (m.find()) {
                String pkg = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                return Clue.of(Cause.MIRROR_WRONG_PACKAGE, pkg, packageField(pkg));
            }
        }
        if (line.startsWith("PROBLEM: cannot use ")) {
            var m = PREFLIGHT_MIRROR.matcher(line);
            if (m.find()) {
                String code = m.group(2);
                boolean noAnswer = "no answer".equals(code) || "000".equals(code);
                return noAnswer ? unreachable(m.group(1), true) : wrong(m.group(1));
            }
        }
        if (line.contains("Download failed: ")) {
            String failed = group(KUBEWIZARD_DOWNLOAD_FAILED, line);
            if (failed != null) {
                if (state.lastCurlError == 22) {
                    return wrong(failed);
                }
                return unreachable(failed, CURL_UNREACHABLE.contains(state.lastCurlError));
            }
        }
        if (line.contains("got no package index from")) {
            String index = group(KUBEWIZARD_NO_INDEX, line);
            if (index != null) {
                return unreachable(index, false);
            }
        }
        if (hasAny(line, "Could not connect to", "Unable to connect to", "Connection failed [IP:",
                "Connection timed out [IP:") && !line.contains("the server")) {
            String where = line.contains("Failed to fetch ") ? group(FETCH_SOURCE, line) : null;
            if (where != null) {
                return unreachable(where, true);
            }
            if (state.aptSource != null) {
                return unreachable(state.aptSource, true).after(state.aptSourceLine);
            }
            where = group(CANNOT_CONNECT, line);
            if (where != null) {
                return unreachable(where, true);
            }
        }
        return null;
    }

    private static Clue wrong(String url) {
        String clean = Lines.trimPunctuation(url);
        return Clue.of(Cause.MIRROR_WRONG, clean, mirrorField(clean));
    }

    private static Clue unreachable(String url, boolean strong) {
        String clean = Lines.trimPunctuation(url);
        String field = mirrorField(clean);
        return strong ? Clue.of(Cause.MIRROR_UNREACHABLE, clean, field)
                : Clue.hint(Cause.MIRROR_UNREACHABLE, clean, field);
    }

    /** The plan field a package source comes from, guessed from its address (kubewizard builds them that way). */
    static String mirrorField(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.contains("kubernetes") || u.contains("pkgs.k8s.io")) {
            return "mirrors.kubernetes";
        }
        if (u.contains("docker")) {
            return "mirrors.dockerCe";
        }
        if (u.contains("ubuntu")) {
            return "mirrors.ubuntu";
        }
        return "mirrors";
    }

    static String packageField(String pkg) {
        return switch (pkg) {
            case "kubelet", "kubeadm", "kubectl", "cri-tools", "kubernetes-cni" -> "mirrors.kubernetes";
            case "containerd.io", "docker-ce", "docker-ce-cli" -> "mirrors.dockerCe";
            default -> "mirrors.ubuntu";
        };
    }
}
