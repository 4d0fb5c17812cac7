package dev.kubewizard.recipe;

import java.util.Optional;

/**
 * What the recipe needs besides the plan. {@code calicoManifest} is the text of calico.yaml as read on this computer
 * (the plan's local file, or one downloaded and checked before the run); when absent the CNI step carries a named
 * placeholder for it.
 */
public record RecipeInputs(Optional<String> calicoManifest) {
    public static RecipeInputs none() {
        return new RecipeInputs(Optional.empty());
    }

    public static RecipeInputs withCalicoManifest(String text) {
        return new RecipeInputs(Optional.of(text));
    }
}
