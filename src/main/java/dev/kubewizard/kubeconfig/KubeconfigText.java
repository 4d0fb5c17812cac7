package dev.kubewizard.kubeconfig;

import dev.kubewizard.text.Messages;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of kubeconfig files. Reads what Windows editors and shells leave behind (a UTF-8 BOM from Notepad, CRLF,
 * UTF-16 from PowerShell 5's {@code >}); writes UTF-8 without BOM and with LF only, which every kubectl reads.
 */
public final class KubeconfigText {
    private KubeconfigText() {
    }

    /** The text of a kubeconfig file, line ends normalised to LF; {@code source} names the file in messages. */
    public static String decode(byte[] bytes, String source) throws KubeconfigException {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new KubeconfigException(Messages.text("kubeconfig.read.encoding", source));
        }
        return normalize(text);
    }

    /** The bytes to write: UTF-8, no BOM, LF only. */
    public static byte[] encode(String text) {
        return normalize(text).getBytes(StandardCharsets.UTF_8);
    }

    /** Text without a leading BOM, with LF line ends only. */
    static String normalize(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
