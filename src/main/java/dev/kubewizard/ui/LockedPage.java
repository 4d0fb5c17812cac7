package dev.kubewizard.ui;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/**
 * A step whose page needs the install engine (SSH and the run orchestrator), which this build does not have yet: it
 * says so plainly, says what the page will do, and what to do meanwhile. Nothing on it pretends to work.
 */
public final class LockedPage implements Page {
    private final Region root;

    public LockedPage(UiText text, String titleKey, String introKey, String plannedKey) {
        Message notice = new Message();
        notice.setId("locked-notice");
        notice.getStyleClass().add(Styles.WARNING);
        notice.setGraphic(Icons.of(MaterialDesignL.LOCK_OUTLINE, 22));
        notice.titleProperty().bind(text.bind("ui.locked.title"));
        notice.descriptionProperty().bind(text.bind("ui.locked.engine"));
        Label planned = new Label();
        planned.textProperty().bind(text.bind(plannedKey));
        planned.setWrapText(true);
        Label meanwhile = new Label();
        meanwhile.textProperty().bind(text.bind("ui.locked.meanwhile"));
        meanwhile.setWrapText(true);
        meanwhile.getStyleClass().add(Styles.TEXT_MUTED);
        root = Page.frame(text, titleKey, introKey, notice, planned, meanwhile);
    }

    @Override
    public Region root() {
        return root;
    }
}
