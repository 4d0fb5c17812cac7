package dev.kubewizard.kubeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real kubectl reading a kubeconfig file: the judge of whether what kubewizard writes is usable. */
public final class Kubectl {
    private final Path kubectl;
    private final Path kubeconfig;

    private Kubectl(Path kubectl, Path kubeconfig) {
        this.kubectl = kubectl;
        this.kubeconfig = kubeconfig;
    }

    /** kubectl on this file; skips (or fails under CI) when kubectl is not installed. */
    public static Kubectl on(Path kubeconfig) {
        return new Kubectl(Tools.require("kubectl"), kubeconfig);
    }

    /** Output of {@code kubectl --kubeconfig F ARGS}, which must succeed. */
    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Tools.Result result = Tools.run(30, command);
        assertEquals(0, result.exitCode(), "kubectl " + String.join(" ", args) + " failed:\n" + result.output());
        return result.output();
    }

    /** {@code kubectl config view} must load the file. */
    public String view() {
        return run("config", "view");
    }

    /** The whole file as kubectl understands it (credentials included), as a JSON tree. */
    public JsonNode rawJson() {
        try {
            return new ObjectMapper().readTree(run("config", "view", "--raw", "-o", "json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public String jsonpath(String expression) {
        return run("config", "view", "-o", "jsonpath=" + expression);
    }

    /** The NAME column of the row {@code kubectl config get-contexts} marks with "*". */
    public String starredContext() {
        for (String line : run("config", "get-contexts").lines().toList()) {
            if (line.startsWith("*")) {
                return line.substring(1).strip().split("\\s+")[0];
            }
        }
        return null;
    }

    /** The server of the current context's cluster, as kubectl resolves it. */
    public String currentServer() {
        return run("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}");
    }
}
