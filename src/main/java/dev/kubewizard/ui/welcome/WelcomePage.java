package dev.kubewizard.ui.welcome;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.AppIcon;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The first page: four large choices, the last plan to reopen, and why a plan file did not open. */
public final class WelcomePage implements Page {
    private final WelcomeModel model;
    private final UiText text;
    private final Runnable onLoaded;
    private final Region root;

    public WelcomePage(WelcomeModel model, UiText text, Runnable onLoaded) {
        this.model = model;
        this.text = text;
        this.onLoaded = onLoaded;
        this.root = build();
    }

    @Override
    public Region root() {
        return root;
    }

    private Region build() {
        ImageView logo = new ImageView(AppIcon.ofSize(128));
        logo.setFitWidth(96);
        logo.setFitHeight(96);
        Label title = new Label();
        title.textProperty().bind(text.bind("ui.welcome.title"));
        title.getStyleClass().add(Styles.TITLE_1);
        Label subtitle = new Label();
        subtitle.textProperty().bind(text.bind("ui.welcome.subtitle"));
        subtitle.getStyleClass().addAll(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);
        VBox heading = new VBox(6, title, subtitle);
        HBox head = new HBox(20, logo, heading);
        head.setAlignment(Pos.CENTER_LEFT);

        Button newPlan = choice("welcome-new", MaterialDesignF.FILE_PLUS_OUTLINE, "ui.welcome.new",
                "ui.welcome.new.help");
        newPlan.setOnAction(e -> {
            model.newPlan();
            onLoaded.run();
        });
        Button open = choice("welcome-open", MaterialDesignF.FOLDER_OPEN_OUTLINE, "ui.welcome.open",
                "ui.welcome.open.help");
        open.setOnAction(e -> openFile());
        Button course = choice("welcome-course", MaterialDesignS.SCHOOL, "ui.welcome.course",
                "ui.welcome.course.help");
        course.setOnAction(e -> {
            model.loadCourseExample();
            onLoaded.run();
        });
        Button demo = choice("welcome-demo", MaterialDesignP.PLAY_CIRCLE_OUTLINE, "ui.welcome.demo",
                "ui.welcome.demo.help");
        demo.setDisable(!model.demoAvailable());
        demo.setOnAction(e -> {
            model.startDemo();
            onLoaded.run();
        });
        StackPane demoHolder = new StackPane(demo);
        if (!model.demoAvailable()) {
            Tooltip demoTip = new Tooltip();
            demoTip.textProperty().bind(text.bind("ui.welcome.demo.later"));
            // A disabled control shows no tooltip: the wrapper carries it.
            Tooltip.install(demoHolder, demoTip);
        }
        Label demoBadge = new Label();
        demoBadge.textProperty().bind(text.bind("ui.demo.badge"));
        demoBadge.getStyleClass().add("demo-badge");
        StackPane.setAlignment(demoBadge, Pos.TOP_RIGHT);
        StackPane.setMargin(demoBadge, new Insets(8));
        demoHolder.getChildren().add(demoBadge);

        FlowPane choices = new FlowPane(16, 16, newPlan, open, course, demoHolder);
        choices.setPrefWrapLength(640);

        Hyperlink last = new Hyperlink();
        last.setId("welcome-last");
        last.textProperty().bind(Bindings.createStringBinding(() -> model.lastPlanProperty().get() == null ? ""
                : text.get("ui.welcome.last", model.lastPlanProperty().get()), model.lastPlanProperty(),
                text.languageProperty()));
        last.visibleProperty().bind(model.lastPlanProperty().isNotNull());
        last.managedProperty().bind(last.visibleProperty());
        last.setOnAction(e -> {
            if (model.openLast()) {
                onLoaded.run();
            }
        });

        Message error = new Message();
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT_CIRCLE_OUTLINE, 20));
        error.titleProperty().bind(text.bind("ui.welcome.openError"));
        error.descriptionProperty().bind(text.bind(model.loadErrorProperty()));
        error.visibleProperty().bind(model.loadErrorProperty().isNotNull());
        error.managedProperty().bind(error.visibleProperty());
        error.setId("welcome-error");

        VBox box = new VBox(24, head, choices, last, error);
        box.setPadding(new Insets(36, 40, 40, 40));
        box.setMaxWidth(900);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private Button choice(String id, Ikon ikon, String titleKey, String helpKey) {
        Label title = new Label();
        title.textProperty().bind(text.bind(titleKey));
        title.getStyleClass().addAll(Styles.TITLE_4);
        Label help = new Label();
        help.textProperty().bind(text.bind(helpKey));
        help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        help.setWrapText(true);
        VBox content = new VBox(8, Icons.of(ikon, 32, "choice-icon"), title, help);
        content.setAlignment(Pos.TOP_LEFT);
        Button b = new Button(null, content);
        b.setId(id);
        b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        b.getStyleClass().add("choice");
        b.setPrefSize(300, 150);
        b.setMinSize(300, 150);
        b.setAlignment(Pos.TOP_LEFT);
        b.accessibleTextProperty().bind(title.textProperty());
        return b;
    }

    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("ui.welcome.open"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(text.get("ui.file.planFiles"), "*.yaml", "*.yml"),
                new FileChooser.ExtensionFilter(text.get("ui.file.allFiles"), "*.*"));
        Path last = model.lastPlanProperty().get();
        if (last != null && last.toAbsolutePath().getParent() != null) {
            File folder = last.toAbsolutePath().getParent().toFile();
            if (folder.isDirectory()) {
                chooser.setInitialDirectory(folder);
            }
        }
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null && model.open(file.toPath())) {
            onLoaded.run();
        }
    }
}
