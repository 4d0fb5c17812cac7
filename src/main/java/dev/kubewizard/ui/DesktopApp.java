package dev.kubewizard.ui;

import dev.kubewizard.install.AppFolders;
import dev.kubewizard.ui.text.UiText;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The desktop window: the wizard in a full window, Chinese unless the teacher chose English last time. */
public final class DesktopApp extends Application {
    private WizardWindow window;

    /** Entry point used by {@link dev.kubewizard.Main} when started without arguments. */
    public static void launchApp(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Logger log = LoggerFactory.getLogger(DesktopApp.class);
        AppFolders folders = AppFolders.ofThisUser();
        Settings settings = Settings.load(folders.settingsFile());
        UiText text = new UiText(settings.language());
        ErrorWindow errors = new ErrorWindow(text, folders);
        errors.installAsUncaughtHandler();
        log.info("kubewizard starting; java {}, javafx {}, logs in {}", System.getProperty("java.version"),
                System.getProperty("javafx.runtime.version"), folders.logs());
        try {
            Theme.apply(settings.darkTheme());
            window = new WizardWindow(settings, text, Platform::runLater, InstallBackends.ofThisUser(folders));
            window.setFolderOpener(folder -> getHostServices().showDocument(folder.toUri().toString()));
            show(stage, window);
        } catch (RuntimeException e) {
            // Even a wizard that cannot start shows why, with the log path, instead of vanishing.
            errors.report("start", e);
        }
    }

    /** Puts a wizard into a stage sized for the screen (a 1024x768 projector included). */
    public static void show(Stage stage, WizardWindow window) {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double width = Math.min(1280, screen.getWidth() * 0.95);
        double height = Math.min(880, screen.getHeight() * 0.95);
        Scene scene = new Scene(window.root(), width, height);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
        stage.titleProperty().bind(window.titleBinding());
        stage.getIcons().setAll(AppIcon.images());
        stage.setMinWidth(Math.min(900, screen.getWidth()));
        stage.setMinHeight(Math.min(640, screen.getHeight()));
        stage.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
