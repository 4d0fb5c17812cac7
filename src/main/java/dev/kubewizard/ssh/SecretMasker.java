package dev.kubewizard.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every secret a run knows (SSH, sudo and Harbor passwords, join tokens, certificate keys), and the one place that
 * hides them: each output line passes {@link #mask} before any listener, log or file sees it. Secrets can be added
 * while a run is going (a join token printed by a step is added before its line is shown).
 *
 * <p>Lines are masked whole, so a secret that reached us in two network chunks is still found; a secret therefore
 * never contains a line break. Base64 forms are masked too: the exact {@code base64(user:password)} of
 * {@link #addBasicAuth} (Harbor's and Docker's "auth"), and for every secret of six or more characters the part of its
 * base64 encoding that does not depend on what stands before or after it, at each of the three byte alignments.
 * Thread-safe.
 */
public final class SecretMasker {
    public static final String MASK = "******";
    private static final int MIN_BASE64_SECRET = 6;

    private final Set<String> secrets = new LinkedHashSet<>();
    private final Set<String> forms = new LinkedHashSet<>();
    private volatile Pattern pattern;

    /** Adds a secret (null or empty is ignored). */
    public void add(String secret) {
        if (secret == null || secret.isEmpty()) {
            return;
        }
        if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a secret is a single line: it must not contain a line break");
        }
        synchronized (this) {
            if (!secrets.add(secret)) {
                return;
            }
            forms.add(secret);
            forms.addAll(base64Forms(secret));
            rebuild();
        }
    }

    /** Adds a password and the {@code base64(user:password)} form used by HTTP basic auth and Docker config files. */
    public void addBasicAuth(String user, String password) {
        add(password);
        if (password == null || password.isEmpty() || user == null) {
            return;
        }
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            forms.add(auth);
            forms.add(auth.replaceAll("=+$", ""));
            rebuild();
        }
    }

    public boolean isEmpty() {
        return pattern == null;
    }

    /** The text with every secret (and its base64 forms) replaced by {@value #MASK}. */
    public String mask(String text) {
        Pattern p = pattern;
        if (p == null || text == null || text.isEmpty()) {
            return text;
        }
        return p.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /**
     * Masks a line that was cut short (the rest was never seen): besides whole secrets, a tail that is the start of a
     * secret is masked too, since the cut may have split one.
     */
    public String maskCut(String text) {
        String masked = mask(text);
        if (masked == null) {
            return null;
        }
        List<String> known;
        synchronized (this) {
            known = new ArrayList<>(forms);
        }
        int cut = masked.length();
        for (String form : known) {
            for (int n = Math.min(form.length() - 1, masked.length()); n > 0; n--) {
                if (masked.regionMatches(masked.length() - n, form, 0, n)) {
                    cut = Math.min(cut, masked.length() - n);
                    break;
                }
            }
        }
        return cut == masked.length() ? masked : masked.substring(0, cut) + MASK;
    }

    private void rebuild() {
        List<String> sorted = new ArrayList<>(forms);
        // longest first, so that a secret containing another one is masked whole
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String s : sorted) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            regex.append(Pattern.quote(s));
        }
        pattern = Pattern.compile(regex.toString());
    }

    /**
     * The characters of the base64 encoding of {@code secret} that only depend on the secret's own bytes, for the
     * secret starting at byte offset 0, 1 and 2 of a 3-byte group (where it starts in the encoded text).
     */
    static List<String> base64Forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> result = new ArrayList<>();
        if (bytes.length < MIN_BASE64_SECRET) {
            return result;
        }
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + bytes.length];
            System.arraycopy(bytes, 0, shifted, offset, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int first = (8 * offset + 5) / 6;                  // first character made only of secret bits
            int end = 8 * (offset + bytes.length) / 6;          // characters after this also hold following bits
            if (end - first >= 4) {
                result.add(encoded.substring(first, end));
            }
        }
        return result;
    }
}
