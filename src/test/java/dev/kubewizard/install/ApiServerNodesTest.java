package dev.kubewizard.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nodes as the fabric8 client reads them with a kubeconfig, from an API server on the loopback. */
class ApiServerNodesTest {
    private static final String NODES = """
            {"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[
             {"metadata":{"name":"k8s-node1","labels":{"kubernetes.io/hostname":"k8s-node1"}},
              "status":{"conditions":[{"type":"Ready","status":"False","reason":"KubeletNotReady"}],
                        "addresses":[{"type":"InternalIP","address":"192.168.1.201"}],
                        "nodeInfo":{"kubeletVersion":"v1.34.1"}}},
             {"metadata":{"name":"k8s-master1","labels":{"node-role.kubernetes.io/control-plane":""}},
              "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True"}],
                        "addresses":[{"type":"InternalIP","address":"192.168.1.101"}],
                        "nodeInfo":{"kubeletVersion":"v1.34.1"}}}]}
            """;

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String kubeconfig(int port) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: k8s-class
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: k8s-class
                  context: {cluster: k8s-class, user: k8s-class-admin}
                current-context: k8s-class
                users:
                - name: k8s-class-admin
                  user: {token: test-token-1}
                """.formatted(port);
    }

    @Test
    void readsEveryNodeWithItsRolesReadinessVersionAndAddressUsingTheKubeconfigsCredentials() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/nodes", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = NODES.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        List<ClusterNodes.NodeStatus> nodes = new ApiServerNodes(Duration.ofSeconds(5))
                .read(kubeconfig(server.getAddress().getPort()));
        assertEquals(List.of("k8s-master1", "k8s-node1"), nodes.stream().map(ClusterNodes.NodeStatus::name).toList());
        ClusterNodes.NodeStatus master = nodes.get(0);
        assertTrue(master.ready());
        assertEquals(List.of("control-plane"), master.roles());
        assertEquals("v1.34.1", master.version());
        assertEquals("192.168.1.101", master.address());
        ClusterNodes.NodeStatus worker = nodes.get(1);
        assertFalse(worker.ready());
        assertEquals("KubeletNotReady", worker.reason());
        assertEquals(List.of(), worker.roles());
        assertEquals(List.of("Bearer test-token-1"), authorizations);
    }

    @Test
    void anEndpointNobodyAnswersIsAnErrorNamingItWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class,
                () -> new ApiServerNodes(Duration.ofSeconds(2)).read(kubeconfig(port)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "no retries for minutes");
    }

    @Test
    void refusedCredentialsSayTheHttpStatus() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":401,\"reason\":\"Unauthorized\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        IOException e = assertThrows(IOException.class,
                () -> new ApiServerNodes(Duration.ofSeconds(5)).read(kubeconfig(server.getAddress().getPort())));
        assertTrue(e.getMessage().contains("401"), e.getMessage());
    }
}
