package dev.kubewizard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;

class WizardModelTest {
    private final BooleanProperty first = new SimpleBooleanProperty(false);
    private final BooleanProperty second = new SimpleBooleanProperty(true);
    private final BooleanProperty third = new SimpleBooleanProperty(true);
    private final WizardModel wizard = new WizardModel(List.of(
            WizardPage.open("a", "ui.page.welcome", first),
            WizardPage.open("b", "ui.page.nodes", second),
            WizardPage.open("c", "ui.page.review", third),
            WizardPage.locked("d", "ui.page.install", "ui.locked.engine", new SimpleBooleanProperty(true))));

    @Test
    void nextIsAllowedOnlyWhileTheCurrentPageIsComplete() {
        assertFalse(wizard.canGoNextProperty().get());
        assertFalse(wizard.next());
        assertEquals(0, wizard.currentIndex());

        first.set(true);
        assertTrue(wizard.canGoNextProperty().get());
        assertTrue(wizard.next());
        assertEquals("b", wizard.current().id());

        second.set(false);
        assertFalse(wizard.canGoNextProperty().get(), "an invalid page blocks Next at once");
        second.set(true);
        assertTrue(wizard.canGoNextProperty().get());
    }

    @Test
    void backIsAlwaysAllowedExceptOnTheFirstPage() {
        assertFalse(wizard.canGoBackProperty().get());
        first.set(true);
        wizard.next();
        second.set(false);
        assertTrue(wizard.canGoBackProperty().get());
        assertTrue(wizard.back());
        assertEquals(0, wizard.currentIndex());
    }

    @Test
    void aLaterPageOpensFromTheStepBarOnlyWhenEveryPageBeforeItIsComplete() {
        assertFalse(wizard.canOpen(2), "the first page is not complete");
        first.set(true);
        assertTrue(wizard.goTo(2));
        assertEquals("c", wizard.current().id());
        assertTrue(wizard.goTo(0), "earlier pages always open");
        second.set(false);
        assertFalse(wizard.goTo(2));
    }

    @Test
    void aPageThatWaitsForTheEngineCanBeReadButLeadsNowhere() {
        first.set(true);
        wizard.goTo(2);
        assertTrue(wizard.next());
        assertEquals("d", wizard.current().id());
        assertFalse(wizard.current().available());
        assertFalse(wizard.canGoNextProperty().get(), "the last page has no next");
    }

    @Test
    void aLockedPageIsNeverCompleteSoNothingAfterItOpens() {
        WizardModel locked = new WizardModel(List.of(
                WizardPage.open("a", "ui.page.review", new SimpleBooleanProperty(true)),
                WizardPage.locked("b", "ui.page.install", "ui.locked.engine", new SimpleBooleanProperty(false)),
                WizardPage.locked("c", "ui.page.finish", "ui.locked.engine", new SimpleBooleanProperty(false))));
        assertTrue(locked.next());
        assertFalse(locked.canGoNextProperty().get());
        assertFalse(locked.canOpen(2));
    }

    @Test
    void pagesAreFoundByTheirId() {
        assertEquals(2, wizard.indexOf("c"));
    }
}
