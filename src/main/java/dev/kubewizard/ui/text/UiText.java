package dev.kubewizard.ui.text;

import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * The window's current language and its texts. Every label binds to a {@link StringBinding} from here, so switching
 * the language re-labels the whole window at once without rebuilding it. Holds no scene nodes: models use it too.
 */
public final class UiText {
    // Properties
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(this, "language", Language.ZH);

    public UiText() {
    }

    public UiText(Language initial) {
        language.set(initial);
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public Language language() {
        return language.get();
    }

    /** The message for a ui.* key (or any area's key) in the current language. */
    public String get(String key, Object... args) {
        return Messages.format(key, language.get().code(), args);
    }

    public String get(Text text) {
        return language.get().pick(text);
    }

    /** The message, following the language. */
    public StringBinding bind(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), language);
    }

    /** A bilingual text that may change, in the current language. */
    public StringBinding bind(ObservableValue<Text> text) {
        return Bindings.createStringBinding(() -> get(text.getValue()), language, text);
    }
}
