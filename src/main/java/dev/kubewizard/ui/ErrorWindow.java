package dev.kubewizard.ui;

import dev.kubewizard.install.AppFolders;
import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the teacher sees when something unexpected breaks: a calm window, the details to copy into a bug report, and
 * where the log is. Installed as the default uncaught-exception handler; the wizard keeps running behind it.
 */
public final class ErrorWindow {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorWindow.class);

    private final UiText text;
    private final AppFolders folders;
    private Stage stage;
    private TextArea details;

    public ErrorWindow(UiText text, AppFolders folders) {
        this.text = text;
        this.folders = folders;
    }

    /** Makes this window the handler of every exception no code caught, on any thread. */
    public void installAsUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> report(thread.getName(), error));
    }

    /** Logs the error and shows it (on the FX thread; errors while showing are only logged). */
    public void report(String where, Throwable error) {
        LOG.error("uncaught error on {}", where, error);
        String entry = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " [" + where + "]\n"
                + stackTrace(error);
        if (Platform.isFxApplicationThread()) {
            show(entry);
        } else {
            try {
                Platform.runLater(() -> show(entry));
            } catch (IllegalStateException toolkitGone) {
                LOG.error("the window is closed; the error above could not be shown");
            }
        }
    }

    private void show(String entry) {
        try {
            if (stage == null) {
                build();
            }
            details.appendText((details.getText().isEmpty() ? "" : "\n\n") + entry);
            stage.show();
            stage.toFront();
        } catch (RuntimeException e) {
            LOG.error("the error window itself failed", e);
        }
    }

    private void build() {
        Label title = new Label(text.get("ui.error.title"), Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE, 22,
                "error-icon"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label explain = new Label(text.get("ui.error.explain"));
        explain.setWrapText(true);
        Label log = new Label(text.get("ui.error.log", folders.logFile()));
        log.setWrapText(true);
        log.getStyleClass().add(Styles.TEXT_MUTED);
        details = new TextArea();
        details.setEditable(false);
        details.getStyleClass().add("code");
        details.setId("error-details");
        VBox.setVgrow(details, Priority.ALWAYS);
        Button copy = new Button(text.get("ui.error.copy"), Icons.of(MaterialDesignC.CONTENT_COPY, 16));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.get("ui.error.log", folders.logFile()) + "\n\n" + details.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button close = new Button(text.get("ui.action.close"));
        close.getStyleClass().add(Styles.ACCENT);
        close.setOnAction(e -> stage.hide());
        HBox buttons = new HBox(10, copy, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(12, title, explain, log, details, buttons);
        root.setPadding(new Insets(20));
        stage = new Stage();
        stage.setTitle(text.get("ui.error.title"));
        stage.getIcons().setAll(AppIcon.images());
        Scene scene = new Scene(root, 760, 520);
        scene.getStylesheets().add(Theme.appStylesheet());
        stage.setScene(scene);
    }

    static String stackTrace(Throwable error) {
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
