package dev.kubewizard.ui;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/**
 * The window and taskbar icon at every size, rendered from the master drawing icons/kubewizard.svg into the resources
 * (again after changing the drawing: {@code rsvg-convert -w N -h N icons/kubewizard.svg -o .../kubewizard-N.png}).
 */
public final class AppIcon {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256};

    private AppIcon() {
    }

    public static List<Image> images() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            InputStream in = AppIcon.class.getResourceAsStream("/dev/kubewizard/ui/icons/kubewizard-" + size + ".png");
            if (in != null) {
                images.add(new Image(in));
            }
        }
        return images;
    }
}
