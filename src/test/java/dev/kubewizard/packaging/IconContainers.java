package dev.kubewizard.packaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The installers' icon files, written from the PNG renderings of icons/kubewizard.svg: Windows' .ico and macOS'
 * .icns are both a directory of images, so no image tool is needed, only these few bytes of layout. Also reads them
 * back, for the test that keeps the committed files in step with the PNGs.
 *
 * <p>Run as a program by icons/build-icons.sh: {@code java src/test/java/dev/kubewizard/packaging/IconContainers.java
 * icons} reads {@code icons/png/kubewizard-N.png} and writes {@code icons/app.ico} and {@code icons/app.icns}.
 */
public final class IconContainers {
    /** Every size of icons/png/, rendered from the master drawing. */
    public static final List<Integer> PNG_SIZES = List.of(16, 20, 24, 32, 40, 48, 64, 128, 256, 512, 1024);

    /** The sizes Windows asks an .ico for (100 %, 125 %, 150 %, 200 % of the small and large icons, and 256). */
    public static final List<Integer> ICO_SIZES = List.of(16, 20, 24, 32, 40, 48, 64, 256);

    /** The .icns element types with PNG data and their pixel sizes ("@2x" types are the Retina ones). */
    public static final Map<String, Integer> ICNS_TYPES = icnsTypes();

    private IconContainers() {
    }

    private static Map<String, Integer> icnsTypes() {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic10", 1024); // 512@2x
        types.put("ic11", 32);   // 16@2x
        types.put("ic12", 64);   // 32@2x
        types.put("ic13", 256);  // 128@2x
        types.put("ic14", 512);  // 256@2x
        return Collections.unmodifiableMap(types);
    }

    public static void main(String[] args) throws IOException {
        Path icons = Path.of(args.length > 0 ? args[0] : "icons");
        Map<Integer, byte[]> pngs = readPngs(icons.resolve("png"));
        Files.write(icons.resolve("app.ico"), ico(pngs));
        Files.write(icons.resolve("app.icns"), icns(pngs));
        System.out.println("wrote " + icons.resolve("app.ico") + " and " + icons.resolve("app.icns"));
    }

    /** icons/png/kubewizard-N.png for every size of {@link #PNG_SIZES}, by size. */
    public static Map<Integer, byte[]> readPngs(Path dir) throws IOException {
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : PNG_SIZES) {
            pngs.put(size, Files.readAllBytes(dir.resolve("kubewizard-" + size + ".png")));
        }
        return pngs;
    }

    // --- Windows .ico ---------------------------------------------------------------------------------------------

    /**
     * An .ico of {@link #ICO_SIZES}: the 256 px image as PNG (as Windows Vista and later expect), the smaller ones as
     * 32-bit bitmaps with alpha, which every Windows shell and resource tool reads.
     */
    public static byte[] ico(Map<Integer, byte[]> pngs) {
        List<byte[]> images = new ArrayList<>();
        for (int size : ICO_SIZES) {
            byte[] png = pngs.get(size);
            images.add(size >= 256 ? png : dib(decode(png)));
        }
        int offset = 6 + 16 * images.size();
        ByteBuffer out = ByteBuffer.allocate(offset + images.stream().mapToInt(i -> i.length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        for (int i = 0; i < images.size(); i++) {
            int size = ICO_SIZES.get(i);
            out.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            out.put((byte) 0).put((byte) 0);
            out.putShort((short) 1).putShort((short) 32);
            out.putInt(images.get(i).length).putInt(offset);
            offset += images.get(i).length;
        }
        images.forEach(out::put);
        return out.array();
    }

    /** A BITMAPINFOHEADER, the BGRA rows bottom-up, then the 1-bit AND mask (set where fully transparent). */
    private static byte[] dib(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int maskStride = (w + 31) / 32 * 4;
        ByteBuffer out = ByteBuffer.allocate(40 + w * h * 4 + maskStride * h).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(40).putInt(w).putInt(2 * h).putShort((short) 1).putShort((short) 32).putInt(0)
                .putInt(w * h * 4 + maskStride * h).putInt(0).putInt(0).putInt(0).putInt(0);
        for (int y = h - 1; y >= 0; y--) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                out.put((byte) argb).put((byte) (argb >>> 8)).put((byte) (argb >>> 16)).put((byte) (argb >>> 24));
            }
        }
        for (int y = h - 1; y >= 0; y--) {
            byte[] row = new byte[maskStride];
            for (int x = 0; x < w; x++) {
                if ((image.getRGB(x, y) >>> 24) == 0) {
                    row[x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
            out.put(row);
        }
        return out.array();
    }

    /** One image of an .ico as its directory entry states it, with the pixels it really holds. */
    public record IcoImage(int listedWidth, int listedHeight, int bitCount, boolean png, BufferedImage image) {
    }

    public static List<IcoImage> readIco(byte[] ico) {
        ByteBuffer in = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getShort() != 0 || in.getShort() != 1) {
            throw new IllegalArgumentException("not an .ico file");
        }
        int count = in.getShort() & 0xffff;
        List<IcoImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            in.position(6 + 16 * i);
            int width = in.get() & 0xff;
            int height = in.get() & 0xff;
            in.position(in.position() + 4);
            int bitCount = in.getShort() & 0xffff;
            int length = in.getInt();
            int offset = in.getInt();
            byte[] data = new byte[length];
            System.arraycopy(ico, offset, data, 0, length);
            boolean png = isPng(data);
            images.add(new IcoImage(width == 0 ? 256 : width, height == 0 ? 256 : height, bitCount, png,
                    png ? decode(data) : readDib(data)));
        }
        return images;
    }

    private static BufferedImage readDib(byte[] dib) {
        ByteBuffer in = ByteBuffer.wrap(dib).order(ByteOrder.LITTLE_ENDIAN);
        int headerSize = in.getInt();
        int w = in.getInt();
        int h = in.getInt() / 2;
        in.getShort();
        if (in.getShort() != 32) {
            throw new IllegalArgumentException("only 32-bit bitmaps are read");
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        in.position(headerSize);
        for (int y = h - 1; y >= 0; y--) {
            for (int x = 0; x < w; x++) {
                int b = in.get() & 0xff;
                int g = in.get() & 0xff;
                int r = in.get() & 0xff;
                int a = in.get() & 0xff;
                image.setRGB(x, y, a << 24 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    // --- macOS .icns ----------------------------------------------------------------------------------------------

    /** An .icns of every {@link #ICNS_TYPES} element, each holding the PNG of its pixel size. */
    public static byte[] icns(Map<Integer, byte[]> pngs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, Integer> type : ICNS_TYPES.entrySet()) {
            byte[] png = pngs.get(type.getValue());
            body.writeBytes(type.getKey().getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(ByteBuffer.allocate(4).putInt(8 + png.length).array());
            body.writeBytes(png);
        }
        ByteBuffer out = ByteBuffer.allocate(8 + body.size());
        out.put("icns".getBytes(StandardCharsets.US_ASCII)).putInt(8 + body.size()).put(body.toByteArray());
        return out.array();
    }

    /** One element of an .icns: its type and the PNG it holds. */
    public record IcnsImage(String type, byte[] png) {
        public int[] size() {
            return pngSize(png);
        }
    }

    public static List<IcnsImage> readIcns(byte[] icns) {
        ByteBuffer in = ByteBuffer.wrap(icns);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!"icns".equals(new String(magic, StandardCharsets.US_ASCII)) || in.getInt() != icns.length) {
            throw new IllegalArgumentException("not an .icns file, or its length is wrong");
        }
        List<IcnsImage> images = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] type = new byte[4];
            in.get(type);
            int length = in.getInt();
            byte[] data = new byte[length - 8];
            in.get(data);
            images.add(new IcnsImage(new String(type, StandardCharsets.US_ASCII), data));
        }
        return images;
    }

    // --- PNG ------------------------------------------------------------------------------------------------------

    public static boolean isPng(byte[] data) {
        return data.length > 24 && (data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
    }

    /** Width and height from a PNG's IHDR chunk. */
    public static int[] pngSize(byte[] png) {
        if (!isPng(png)) {
            throw new IllegalArgumentException("not a PNG");
        }
        ByteBuffer in = ByteBuffer.wrap(png);
        return new int[] {in.getInt(16), in.getInt(20)};
    }

    public static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalArgumentException("not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
