package dev.kubewizard.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The http(s) URLs of package and registry mirrors. */
final class HttpUrl {
    private HttpUrl() {
    }

    /** An absolute http:// or https:// URL with a valid host (name or IPv4), an optional port and path. */
    static boolean isValid(String s) {
        if (s == null || s.isEmpty() || !s.strip().equals(s) || s.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()) {
            return false;
        }
        // URI leaves host null for names it cannot read as a server (e.g. with '_'); the raw authority then decides.
        String authority = uri.getRawAuthority();
        if (authority == null || uri.getRawUserInfo() != null) {
            return false;
        }
        return DnsName.isHostPort(authority);
    }

    /** For a URL typed without its scheme (mirrors.aliyun.com/ubuntu): the https:// form, when that is valid. */
    static String suggestScheme(String s) {
        if (s == null || s.contains("://") || s.isBlank()) {
            return null;
        }
        String candidate = "https://" + s.strip();
        return isValid(candidate) ? candidate : null;
    }
}
