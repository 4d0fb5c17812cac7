package dev.kubewizard.ui;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.sim.SimOptions;
import dev.kubewizard.ui.install.DemoMachines;
import dev.kubewizard.ui.install.InstallModel;
import dev.kubewizard.ui.install.SimulatedMachineSource;
import dev.kubewizard.ui.install.SshMachineSource;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Runs the wizard in a real window (under Xvfb in the screenshots profile) and saves a PNG of every page to the folder
 * given as argument: the pictures the README shows. Not a test: a person looks at the result.
 */
public final class ScreenshotTour {
    private static Path out;

    private ScreenshotTour() {
    }

    /** Not an Application itself: the JavaFX launcher refuses such a main class on the class path. */
    public static void main(String[] args) throws IOException {
        out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        try (var old = Files.newDirectoryStream(out, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        }
        Application.launch(TourApp.class, args);
    }

    public static final class TourApp extends Application {
    private WizardWindow window;
    private Stage stage;

    @Override
    public void start(Stage primary) throws IOException {
        Path home = Files.createTempDirectory("kubewizard-tour");
        Settings settings = Settings.load(home.resolve("settings.properties"));
        Theme.apply(false);
        stage = primary;
        // Demo mode on the simulated nodes, six times the demo's pace; k8s-node1 meets a dpkg lock once, so that the
        // install page can be shown running, with a diagnosis, and done.
        AppFolders folders = AppFolders.of(java.util.Map.of(), "Linux", home.toString(), home.resolve("logs").toString());
        SimulatedMachineSource demo = new SimulatedMachineSource(folders,
                SimOptions.demo().speed(6).faults("k8s-node1:base-packages:fail@1"));
        Path kube = home.resolve(".kube").resolve("config");
        InstallBackends backends = new InstallBackends(new SshMachineSource(folders),
                Optional.of(new DemoMachines(demo, demo.passwords())), () -> kube);
        window = new WizardWindow(settings, new UiText(Language.ZH), Platform::runLater, backends);
        stage.setX(0);
        stage.setY(0);
        DesktopApp.show(stage, window);
        stage.setWidth(1280);
        stage.setHeight(860);
        Thread tour = new Thread(this::tour, "screenshot-tour");
        tour.setDaemon(true);
        tour.start();
    }

    private void tour() {
        try {
            shot("01-welcome");
            fx(() -> window.wizard().goTo(0));
            fx(() -> ((javafx.scene.control.Button) stage.getScene().lookup("#welcome-course")).fire());
            shot("02-nodes");
            fx(() -> window.draft().nodes().get(1).addressProperty().set("192.168.1.300"));
            shot("03-nodes-bad-address");
            fx(() -> window.draft().nodes().get(1).addressProperty().set("192.168.1.102"));
            fx(() -> window.wizard().next());
            shot("04-network");
            fx(() -> window.wizard().next());
            shot("05-mirrors");
            fx(() -> window.wizard().next());
            shot("06-harbor");
            fx(() -> window.wizard().next());
            shot("07-login");
            fx(() -> window.wizard().next());
            shot("08-review");
            fx(() -> window.wizard().goTo(window.wizard().indexOf(WizardWindow.REVIEW)));
            fx(() -> window.text().languageProperty().set(Language.EN));
            shot("10-review-english");

            fx(() -> window.wizard().goTo(window.wizard().indexOf(WizardWindow.NETWORK)));
            fx(() -> window.darkProperty().set(true));
            fx(() -> window.draft().vipProperty().set("192.168.1.300"));
            shot("11-network-dark-english-bad-vip");
            fx(() -> window.draft().vipProperty().set("192.168.1.100"));
            fx(() -> window.darkProperty().set(false));
            fx(() -> window.text().languageProperty().set(Language.ZH));
            fx(() -> window.draft().lbModeProperty().set(dev.kubewizard.plan.LbMode.KEEPALIVED));
            shot("12-network-keepalived");
            fx(() -> window.draft().lbModeProperty().set(dev.kubewizard.plan.LbMode.EXTERNAL));
            installTour();
        } catch (Exception e) {
            e.printStackTrace();
            Platform.runLater(() -> Platform.exit());
            return;
        }
        Platform.runLater(Platform::exit);
    }

    /** Demo mode from the Welcome page to an exported kubeconfig, with a failure on the way. */
    private void installTour() throws Exception {
        fx(() -> window.wizard().goTo(0));
        fx(() -> ((javafx.scene.control.Button) stage.getScene().lookup("#welcome-demo")).fire());
        fx(() -> window.wizard().goTo(window.wizard().indexOf(WizardWindow.INSTALL)));
        shot("13-install-ready-demo");
        fx(() -> window.install().start());
        waitFor(() -> window.install().countsProperty().get() != null
                && window.install().countsProperty().get().done() >= 25, 120);
        shot("14-install-running");
        waitFor(() -> window.install().status() == InstallModel.Status.FAILED, 180);
        fx(() -> { });
        shot("15-install-diagnosis");
        fx(() -> window.install().retry("k8s-node1"));
        Thread.sleep(2500);
        shot("16-install-after-retry");
        waitFor(() -> window.install().status() == InstallModel.Status.SUCCEEDED, 180);
        shot("17-install-done");
        fx(() -> window.wizard().next());
        waitFor(() -> window.finish().nodesReadProperty().get(), 30);
        fx(() -> window.finish().exportToDefault());
        shot("18-finish");
        fx(() -> window.text().languageProperty().set(Language.EN));
        shot("19-finish-english");
        fx(() -> window.text().languageProperty().set(Language.ZH));
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("the tour waited in vain");
            }
            Thread.sleep(100);
        }
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        Thread.sleep(400);
    }

    private void shot(String name) throws Exception {
        Thread.sleep(600);
        CompletableFuture<WritableImage> image = new CompletableFuture<>();
        Platform.runLater(() -> image.complete(stage.getScene().snapshot(null)));
        write(image.get(10, TimeUnit.SECONDS), out.resolve(name + ".png"));
    }

    static void write(WritableImage image, Path file) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
}
