package dev.kubewizard.ui.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.text.Messages;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class UiTextTest {
    @Test
    void boundTextsFollowTheLanguageSwitch() {
        UiText text = new UiText();
        StringBinding next = text.bind("ui.action.next");
        assertEquals("下一步", next.get());
        text.languageProperty().set(Language.EN);
        assertEquals("Next", next.get());
    }

    @Test
    void aChangingBilingualTextIsShownInTheCurrentLanguage() {
        UiText text = new UiText(Language.EN);
        SimpleObjectProperty<dev.kubewizard.text.Text> message = new SimpleObjectProperty<>(
                Messages.text("ui.nodes.counts", 3, 2));
        StringBinding shown = text.bind(message);
        assertEquals("3 master(s), 2 worker(s)", shown.get());
        message.set(null);
        assertEquals("", shown.get());
        text.languageProperty().set(Language.ZH);
        message.set(Messages.text("ui.nodes.counts", 1, 0));
        assertEquals("1 台 Master，0 台 Node", shown.get());
    }

    @Test
    void anUnknownStoredLanguageIsChinese() {
        assertEquals(Language.ZH, Language.fromCode("fr"));
        assertEquals(Language.EN, Language.fromCode("en"));
    }
}
