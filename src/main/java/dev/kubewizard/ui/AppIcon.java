package dev.kubewizard.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The app icon at every size a window, the taskbar and the wizard's own pages use. The PNGs are rendered from the
 * master drawing icons/kubewizard.svg by icons/build-icons.sh (which also writes the installers' .ico and .icns from
 * the same renderings) and shipped as resources of the jar.
 */
public final class AppIcon {
    /** The sizes shipped in the jar, smallest first: what Windows, GNOME and macOS pick from for a window. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256);

    private AppIcon() {
    }

    /** Every shipped size, smallest first, for {@code Stage.getIcons()}. */
    public static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            images.add(ofSize(size));
        }
        return images;
    }

    /** The icon rendered at exactly {@code size} pixels (one of {@link #SIZES}). */
    public static Image ofSize(int size) {
        if (!SIZES.contains(size)) {
            throw new IllegalArgumentException("no " + size + " px app icon; shipped sizes: " + SIZES);
        }
        try (InputStream in = AppIcon.class.getResourceAsStream(resource(size))) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource(size));
            }
            return new Image(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource path of one size. */
    public static String resource(int size) {
        return "/dev/kubewizard/ui/icons/kubewizard-" + size + ".png";
    }
}
