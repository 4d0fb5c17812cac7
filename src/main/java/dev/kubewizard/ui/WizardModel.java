package dev.kubewizard.ui;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.value.ObservableValue;

/**
 * The wizard as a whole: the pages in order, which one is showing, and whether Back and Next may be used. Next is
 * allowed only when the current page is complete. A page that waits for the install engine can still be opened, to
 * read what it will do; it is never complete, so the wizard goes no further. No scene nodes: tested without FX.
 */
public final class WizardModel {
    private final List<WizardPage> pages;
    // Properties
    private final ReadOnlyIntegerWrapper currentIndex = new ReadOnlyIntegerWrapper(this, "currentIndex", 0);
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;

    public WizardModel(List<WizardPage> pages) {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("a wizard needs at least one page");
        }
        this.pages = List.copyOf(pages);
        ObservableValue<?>[] deps = new ObservableValue<?>[this.pages.size() + 1];
        deps[0] = currentIndex;
        for (int i = 0; i < this.pages.size(); i++) {
            deps[i + 1] = this.pages.get(i).valid();
        }
        canGoNext = Bindings.createBooleanBinding(() -> canOpen(currentIndex.get() + 1), deps);
        canGoBack = Bindings.createBooleanBinding(() -> currentIndex.get() > 0, currentIndex);
    }

    public List<WizardPage> pages() {
        return pages;
    }

    public ReadOnlyIntegerProperty currentIndexProperty() {
        return currentIndex.getReadOnlyProperty();
    }

    public int currentIndex() {
        return currentIndex.get();
    }

    public WizardPage current() {
        return pages.get(currentIndex.get());
    }

    public BooleanBinding canGoNextProperty() {
        return canGoNext;
    }

    public BooleanBinding canGoBackProperty() {
        return canGoBack;
    }

    public int indexOf(String id) {
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no page " + id);
    }

    /**
     * Whether a page may be opened from where the wizard stands: any earlier page, or a later one when every page
     * before it is complete.
     */
    public boolean canOpen(int index) {
        if (index < 0 || index >= pages.size()) {
            return false;
        }
        if (index <= currentIndex.get()) {
            return true;
        }
        for (int i = 0; i < index; i++) {
            if (!pages.get(i).valid().get()) {
                return false;
            }
        }
        return true;
    }

    // Commands

    /** Goes to the next page; returns whether it moved. */
    public boolean next() {
        return goTo(currentIndex.get() + 1);
    }

    public boolean back() {
        return goTo(currentIndex.get() - 1);
    }

    /** Opens a page if {@link #canOpen(int)} allows it; returns whether it moved. */
    public boolean goTo(int index) {
        if (index == currentIndex.get() || !canOpen(index)) {
            return false;
        }
        currentIndex.set(index);
        return true;
    }
}
