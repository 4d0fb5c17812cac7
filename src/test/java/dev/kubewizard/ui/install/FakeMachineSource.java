package dev.kubewizard.ui.install;

import dev.kubewizard.install.ClusterNodes;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.Machines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.Role;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.FakeNodes;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Machines for the wizard's tests: {@link FakeNodes} run the steps; the first master's admin.conf is the kubeconfig
 * fixture; reading the nodes answers every plan node Ready. Each machine offers a host key on first use, as SSH would,
 * so the host-key queue is exercised; {@link #hostKeysTrusted()} says what the prompt answered.
 */
public final class FakeMachineSource implements MachineSource {
    public static final String HARBOR_PASSWORD = "Harbor-fake-3e9";

    private final FakeNodes nodes;
    private final Path runs;
    private final boolean simulated;
    private final boolean askHostKeys;
    private final Map<String, Boolean> trusted = new ConcurrentHashMap<>();
    private volatile InstallPasswords lastPasswords;

    public FakeMachineSource(FakeNodes nodes, Path runs, boolean simulated, boolean askHostKeys) {
        this.nodes = nodes;
        this.runs = runs;
        this.simulated = simulated;
        this.askHostKeys = askHostKeys;
    }

    public FakeNodes fakeNodes() {
        return nodes;
    }

    public Map<String, Boolean> hostKeysTrusted() {
        return trusted;
    }

    public InstallPasswords lastPasswords() {
        return lastPasswords;
    }

    public static InstallPasswords passwords() {
        return new InstallPasswords("Ssh-fake-1a2", null, HARBOR_PASSWORD);
    }

    public static String adminConf() {
        try (InputStream in = FakeMachineSource.class.getResourceAsStream("/dev/kubewizard/kubeconfig/admin.conf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public RecipeInputs recipeInputs(ClusterPlan plan, Path planFile) {
        return RecipeInputs.none();
    }

    @Override
    public Machines open(ClusterPlan plan, InstallPasswords passwords, SecretMasker masker, HostKeyPrompt hostKeys) {
        lastPasswords = passwords;
        return new Machines() {
            @Override
            public StepExecutor executor(PlanHost host) {
                if (askHostKeys) {
                    HostKeyOffer offer = new HostKeyOffer(host.address(), host.sshPort(), "ssh-ed25519",
                            HostKeyOffer.fingerprint(host.hostname().getBytes(StandardCharsets.UTF_8)));
                    trusted.put(host.hostname(), hostKeys.trust(offer));
                }
                return nodes.apply(host);
            }

            @Override
            public String adminConf() {
                return FakeMachineSource.adminConf();
            }

            @Override
            public ClusterNodes nodes() {
                return kubeconfig -> {
                    List<ClusterNodes.NodeStatus> list = new ArrayList<>();
                    for (Node n : plan.nodes()) {
                        list.add(new ClusterNodes.NodeStatus(n.hostname(), n.role() == Role.MASTER
                                ? List.of("control-plane") : List.of(), true, "", "v1.34.1", n.address()));
                    }
                    return list;
                };
            }

            @Override
            public boolean simulated() {
                return simulated;
            }
        };
    }

    @Override
    public RunFolder runFolder(ClusterPlan plan, Path planFile) {
        return new RunFolder(runs.resolve(plan.cluster().name()));
    }

    @Override
    public boolean resumes() {
        return false;
    }

    @Override
    public boolean simulated() {
        return simulated;
    }
}
