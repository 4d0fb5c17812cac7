package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    @Test
    void masksEveryOccurrenceOfEverySecret() {
        SecretMasker m = new SecretMasker();
        m.add("Harbor12345");
        m.add("abcdef.0123456789abcdef");
        assertEquals("login ****** token ****** and ******",
                m.mask("login Harbor12345 token abcdef.0123456789abcdef and Harbor12345"));
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        SecretMasker m = new SecretMasker();
        m.add("pass");
        m.add("password-long");
        assertEquals("x ****** y ******", m.mask("x password-long y pass"));
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        SecretMasker m = new SecretMasker();
        assertEquals("nothing to hide", m.mask("nothing to hide"));
        m.add("s3cr3t-value");
        assertEquals("安装完成", m.mask("安装完成"));
        assertEquals("a.b*c(d)$1\\", m.mask("a.b*c(d)$1\\"), "no regex or replacement characters leak through");
    }

    @Test
    void secretsWithRegexCharactersAreTakenLiterally() {
        SecretMasker m = new SecretMasker();
        m.add("p@$$.w*rd(1)\\");
        assertEquals("pw=******;", m.mask("pw=p@$$.w*rd(1)\\;"));
        assertEquals("pXXXw", m.mask("pXXXw"));
    }

    @Test
    void refusesASecretWithALineBreakAndIgnoresEmptyOnes() {
        SecretMasker m = new SecretMasker();
        assertThrows(IllegalArgumentException.class, () -> m.add("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> m.add("cr\rhere"));
        m.add("");
        m.add(null);
        assertTrue(m.isEmpty());
        assertEquals("text", m.mask("text"));
    }

    @Test
    void masksTheBase64BasicAuthOfUserAndPassword() {
        SecretMasker m = new SecretMasker();
        m.addBasicAuth("admin", "Harbor12345");
        String auth = Base64.getEncoder().encodeToString("admin:Harbor12345".getBytes(StandardCharsets.UTF_8));
        String dockerConfig = "{\"auths\":{\"harbor.labworlds.cc\":{\"auth\":\"" + auth + "\"}}}";
        String masked = m.mask(dockerConfig);
        assertFalse(masked.contains(auth), masked);
        assertEquals("{\"auths\":{\"harbor.labworlds.cc\":{\"auth\":\"******\"}}}", masked);
    }

    @Test
    void masksTheBase64OfASecretWhereverItStandsInTheEncodedText() {
        SecretMasker m = new SecretMasker();
        String secret = "kw-Secret-Ω-value";
        m.add(secret);
        for (String prefix : new String[] {"", "u", "us", "user:", "robot$ci:", "abc"}) {
            for (String suffix : new String[] {"", "\n", "xy"}) {
                String encoded = Base64.getEncoder().encodeToString(
                        (prefix + secret + suffix).getBytes(StandardCharsets.UTF_8));
                String masked = m.mask("auth " + encoded);
                assertTrue(masked.contains(SecretMasker.MASK), prefix + "|" + suffix + ": " + masked);
                // what stays visible is the encoding of the neighbours plus at most 2 characters shared with them
                String[] parts = masked.substring("auth ".length()).split(java.util.regex.Pattern.quote(
                        SecretMasker.MASK), -1);
                assertEquals(2, parts.length, masked);
                assertTrue(parts[0].length() <= prefix.length() * 4 / 3 + 2, masked);
                assertTrue(parts[1].replace("=", "").length() <= suffix.length() * 4 / 3 + 2, masked);
            }
        }
    }

    @Test
    void shortSecretsHaveNoBase64FormsThatWouldMaskOrdinaryText() {
        assertTrue(SecretMasker.base64Forms("abc12").isEmpty());
        assertEquals(3, SecretMasker.base64Forms("abcdefghij").size());
    }

    @Test
    void secretsAddedLaterAreMaskedFromThenOn() {
        SecretMasker m = new SecretMasker();
        assertEquals("token 8f2k1.j3k4l5m6n7", m.mask("token 8f2k1.j3k4l5m6n7"));
        m.add("8f2k1.j3k4l5m6n7");
        assertEquals("token ******", m.mask("token 8f2k1.j3k4l5m6n7"));
    }

    @Test
    void aCutLineAlsoHidesTheStartOfASecretAtItsEnd() {
        SecretMasker m = new SecretMasker();
        m.add("certificate-key-0123456789");
        assertEquals("key: ******", m.maskCut("key: certific"));
        assertEquals("key: ******", m.maskCut("key: certificate-key-0123456789"));
        assertEquals("plain tail", m.maskCut("plain tail"));
    }
}
