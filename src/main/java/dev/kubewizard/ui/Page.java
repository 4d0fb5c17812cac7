package dev.kubewizard.ui;

import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.text.UiText;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A wizard page's view: built in code from its model, shown in the window's page area. */
public interface Page {
    Region root();

    /** Called each time the page comes into view (the Review page generates its steps then). */
    default void shown() {
    }

    /** The common frame: title, one line saying what the page is for, then the content, scrolling as a whole. */
    static ScrollPane frame(UiText text, String titleKey, String introKey, Node... content) {
        Label title = new Label();
        title.textProperty().bind(text.bind(titleKey));
        title.getStyleClass().addAll(Styles.TITLE_2, "page-title");
        Label intro = new Label();
        intro.textProperty().bind(text.bind(introKey));
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, "page-intro");
        intro.setWrapText(true);
        VBox box = new VBox(12, title, intro);
        box.getChildren().addAll(content);
        box.setPadding(new Insets(20, 28, 28, 28));
        box.getStyleClass().add("page");
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }
}
