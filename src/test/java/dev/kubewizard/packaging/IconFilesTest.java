package dev.kubewizard.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.ui.AppIcon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed icon files: every PNG of its named size, and the .ico, .icns and window icons made from them. */
class IconFilesTest {
    private static final Path ICONS = Path.of("icons");

    @Test
    void everyRenderingHasTheSizeItsNameSays() throws IOException {
        List<Integer> sizes = new ArrayList<>();
        try (Stream<Path> files = Files.list(ICONS.resolve("png"))) {
            for (Path png : files.sorted().toList()) {
                String name = png.getFileName().toString();
                assertTrue(name.matches("kubewizard-\\d+\\.png"), name);
                int size = Integer.parseInt(name.replaceAll("\\D", ""));
                int[] actual = IconContainers.pngSize(Files.readAllBytes(png));
                assertEquals(size, actual[0], name + " width");
                assertEquals(size, actual[1], name + " height");
                BufferedImage image = IconContainers.decode(Files.readAllBytes(png));
                assertTrue(image.getColorModel().hasAlpha(), name + " has transparent corners");
                assertEquals(0, image.getRGB(0, 0) >>> 24, name + " corner is transparent");
                sizes.add(size);
            }
        }
        assertEquals(IconContainers.PNG_SIZES, sizes.stream().sorted().toList());
    }

    @Test
    void windowIconsInTheJarAreTheRenderingsOfTheMaster() throws IOException {
        for (int size : AppIcon.SIZES) {
            try (InputStream in = AppIcon.class.getResourceAsStream(AppIcon.resource(size))) {
                assertArrayEquals(Files.readAllBytes(ICONS.resolve("png/kubewizard-" + size + ".png")),
                        in.readAllBytes(), "resource of " + size + " px differs from icons/png: run icons/build-icons.sh");
            }
        }
    }

    @Test
    void windowsIconHoldsEverySizeWindowsAsksForWithTheRenderedPixels() throws IOException {
        byte[] ico = Files.readAllBytes(ICONS.resolve("app.ico"));
        Map<Integer, byte[]> pngs = IconContainers.readPngs(ICONS.resolve("png"));
        List<IconContainers.IcoImage> images = IconContainers.readIco(ico);

        assertEquals(IconContainers.ICO_SIZES, images.stream().map(IconContainers.IcoImage::listedWidth).toList());
        for (IconContainers.IcoImage image : images) {
            int size = image.listedWidth();
            assertEquals(size, image.listedHeight());
            assertEquals(32, image.bitCount(), size + " px is 32-bit");
            assertEquals(size, image.image().getWidth(), size + " px image width");
            assertEquals(size, image.image().getHeight(), size + " px image height");
            assertEquals(size == 256, image.png(), size + " px: PNG only for 256");
            assertSamePixels(IconContainers.decode(pngs.get(size)), image.image(), size + " px");
        }
        assertArrayEquals(IconContainers.ico(pngs), ico, "icons/app.ico is out of date: run icons/build-icons.sh");
    }

    @Test
    void macIconHoldsEveryStandardAndRetinaSize() throws IOException {
        byte[] icns = Files.readAllBytes(ICONS.resolve("app.icns"));
        Map<Integer, byte[]> pngs = IconContainers.readPngs(ICONS.resolve("png"));
        List<IconContainers.IcnsImage> images = IconContainers.readIcns(icns);

        assertEquals(List.copyOf(IconContainers.ICNS_TYPES.keySet()),
                images.stream().map(IconContainers.IcnsImage::type).toList());
        for (IconContainers.IcnsImage image : images) {
            int size = IconContainers.ICNS_TYPES.get(image.type());
            assertArrayEquals(new int[] {size, size}, image.size(), image.type());
            assertArrayEquals(pngs.get(size), image.png(), image.type() + " holds the " + size + " px rendering");
        }
        assertArrayEquals(IconContainers.icns(pngs), icns, "icons/app.icns is out of date: run icons/build-icons.sh");
    }

    @Test
    void packagingUsesTheCommittedIcons() throws IOException {
        assertTrue(Files.readString(Path.of("packaging/windows/app-image.txt")).contains("icons/app.ico"));
        assertTrue(Files.readString(Path.of("packaging/macos/app-image.txt")).contains("icons/app.icns"));
        assertTrue(Files.readString(Path.of("packaging/linux/app-image.txt")).contains("icons/png/kubewizard-"));
        assertFalse(Files.readString(Path.of("packaging/linux/app-image.txt")).contains("app.ico"));
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int e = expected.getRGB(x, y);
                int a = actual.getRGB(x, y);
                // A fully transparent pixel has no colour worth comparing.
                if (e != a && !((e >>> 24) == 0 && (a >>> 24) == 0)) {
                    throw new AssertionError(what + ": pixel " + x + "," + y + " is " + Integer.toHexString(a)
                            + ", the rendering has " + Integer.toHexString(e));
                }
            }
        }
    }
}
