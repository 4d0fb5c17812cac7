package dev.kubewizard.kubeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** The hand-written kubeconfig fixtures of this package, plans derived from the course plan, real certificates. */
public final class KubeconfigFixtures {
    private KubeconfigFixtures() {
    }

    /** A file of src/test/resources/dev/kubewizard/kubeconfig. */
    public static String read(String name) {
        try (InputStream in = KubeconfigFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static ClusterPlan coursePlan() {
        return PlanYaml.courseExample();
    }

    /** The course plan with another cluster name and endpoint (null values stay null). */
    public static ClusterPlan plan(String name, String vip, Integer port) {
        ClusterPlan course = coursePlan();
        Cluster c = course.cluster();
        Cluster cluster = new Cluster(name, c.kubernetesVersion(), c.podSubnet(), c.serviceSubnet(),
                new Endpoint(c.endpoint().host(), vip, port));
        return withCluster(course, cluster);
    }

    public static ClusterPlan withCluster(ClusterPlan p, Cluster cluster) {
        return new ClusterPlan(p.apiVersion(), cluster, p.loadBalancer(), p.nodes(), p.ssh(), p.mirrors(),
                p.harbor(), p.cni());
    }

    /** Writes text to dir/name and returns the path. */
    public static Path file(Path dir, String name, String text) {
        try {
            Path f = dir.resolve(name);
            Files.createDirectories(f.getParent());
            return Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The text of a kubeconfig field reached by names, e.g. ("users", 0, "user", "client-key-data"). */
    public static String at(JsonNode tree, Object... path) {
        JsonNode n = tree;
        for (Object step : path) {
            n = step instanceof Integer i ? n.get(i) : n.get((String) step);
            if (n == null) {
                return null;
            }
        }
        return n.asText();
    }

    /**
     * A real self-signed client certificate and key made by openssl, base64 like admin.conf holds them:
     * {certificate-data, key-data}.
     */
    public static String[] certificate(Path dir, String subject) {
        Path openssl = Tools.require("openssl");
        Path key = dir.resolve("client.key");
        Path cert = dir.resolve("client.crt");
        Tools.Result r = Tools.run(60, openssl.toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", subject,
                "-keyout", key.toString(), "-out", cert.toString());
        assertEquals(0, r.exitCode(), r.output());
        try {
            return new String[] {Base64.getEncoder().encodeToString(Files.readAllBytes(cert)),
                    Base64.getEncoder().encodeToString(Files.readAllBytes(key))};
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** admin.conf in kubeadm's layout with the given user name and client certificate. */
    public static String adminConf(String userName, String certificateData, String keyData) {
        String ca = Base64.getEncoder().encodeToString(
                "-----BEGIN CERTIFICATE-----\nTEST-ONLY CA\n-----END CERTIFICATE-----\n"
                        .getBytes(StandardCharsets.US_ASCII));
        return "apiVersion: v1\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: " + ca + "\n"
                + "    server: https://k8s-api.cluster.local:6443\n"
                + "  name: kubernetes\n"
                + "contexts:\n"
                + "- context:\n"
                + "    cluster: kubernetes\n"
                + "    user: " + userName + "\n"
                + "  name: " + userName + "@kubernetes\n"
                + "current-context: " + userName + "@kubernetes\n"
                + "kind: Config\n"
                + "preferences: {}\n"
                + "users:\n"
                + "- name: " + userName + "\n"
                + "  user:\n"
                + "    client-certificate-data: " + certificateData + "\n"
                + "    client-key-data: " + keyData + "\n";
    }
}
