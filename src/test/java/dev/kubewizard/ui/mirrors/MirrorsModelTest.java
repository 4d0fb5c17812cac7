package dev.kubewizard.ui.mirrors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RegistryMirrorRow;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MirrorsModelTest {
    private final PlanDraft draft = new PlanDraft();
    private final BackgroundWork work = new BackgroundWork("test", 4, Runnable::run);
    private final MirrorsModel model = new MirrorsModel(draft, work, new MirrorProbe(Duration.ofSeconds(3)));
    private HttpServer server;
    private final ConcurrentLinkedQueue<String> asked = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startLocalMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, Integer> answers = Map.of("/ubuntu/dists/", 200, "/k8s/v1.34/deb/Release.key", 200,
                "/hub/v2/", 401);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            exchange.sendResponseHeaders(answers.getOrDefault(path, 404), -1);
            exchange.close();
        });
        server.start();
        draft.load(PlanYaml.courseExample(), null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
        work.close();
    }

    @Test
    void everyPresetFillsEveryFieldWithValuesThePlanAccepts() {
        for (MirrorPreset preset : MirrorPreset.values()) {
            model.apply(preset);
            assertEquals(preset.ubuntu(), draft.ubuntuMirrorProperty().get());
            assertEquals(preset.imageRepository(), draft.imageRepositoryProperty().get());
            assertEquals(preset.ntp(), draft.toPlan().mirrors().ntp());
            assertTrue(model.validProperty().get(), preset + ": " + draft.check().under(List.of("mirrors")));
        }
        model.apply(MirrorPreset.USTC);
        assertEquals("https://mirrors.ustc.edu.cn/kubernetes/core:/stable:", draft.toPlan().mirrors().kubernetes());
    }

    @Test
    void theTestAsksTheSameUrlsAsThePreflightStep() {
        List<ProbeRow> rows = MirrorsModel.targets(draft.toPlan());
        assertEquals(List.of("https://mirrors.aliyun.com/ubuntu/dists/",
                "https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg",
                "https://mirrors.aliyun.com/kubernetes-new/core/stable/v1.34/deb/Release.key",
                "https://registry.aliyuncs.com/v2/", "https://docker.m.daocloud.io/v2/",
                "https://quay.m.daocloud.io/v2/"), rows.stream().map(ProbeRow::url).toList());
    }

    @Test
    void eachUrlShowsWhetherItAnswersAndHowFast() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        draft.ubuntuMirrorProperty().set(base + "/ubuntu");
        draft.dockerCeMirrorProperty().set(base + "/docker");
        draft.kubernetesMirrorProperty().set(base + "/k8s/");
        draft.imageRepositoryProperty().set("127.0.0.1:" + closed + "/google_containers");
        draft.registryMirrors().setAll(new RegistryMirrorRow("docker.io", base + "/hub"),
                new RegistryMirrorRow("quay.io", "http://127.0.0.1:" + closed));

        model.testFromThisComputer();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (model.testingProperty().get() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(model.testingProperty().get(), "the test ends by itself");
        List<ProbeStatus> statuses = model.probes().stream().map(r -> r.statusProperty().get()).toList();
        assertEquals(List.of(ProbeStatus.REACHABLE, ProbeStatus.WRONG_ANSWER, ProbeStatus.REACHABLE,
                ProbeStatus.UNREACHABLE, ProbeStatus.REACHABLE, ProbeStatus.UNREACHABLE), statuses);
        assertEquals("HTTP 404", model.probes().get(1).detailProperty().get());
        assertEquals("HTTP 401", model.probes().get(4).detailProperty().get());
        assertTrue(model.probes().get(0).millisProperty().get() >= 0);
        assertTrue(asked.containsAll(List.of("/ubuntu/dists/", "/docker/gpg", "/k8s/v1.34/deb/Release.key",
                "/hub/v2/")), asked.toString());
    }

    @Test
    void registryMirrorRowsCanBeAddedAndRemoved() {
        RegistryMirrorRow row = model.addRegistryMirror();
        assertEquals(3, draft.registryMirrors().size());
        assertFalse(model.validProperty().get(), "an empty mirror URL is not accepted");
        model.removeRegistryMirror(row);
        assertTrue(model.validProperty().get());
    }
}
