package dev.kubewizard.plan;

import java.util.Locale;
import java.util.regex.Pattern;

/** Host names as Kubernetes and kubeadm accept them (RFC 1123), and host[:port] as registries and URLs use them. */
final class DnsName {
    static final int MAX_LABEL = 63;
    private static final int MAX_NAME = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    private DnsName() {
    }

    /** An RFC 1123 label: lowercase a-z, 0-9 and '-', starts and ends with a letter or digit, at most 63 long. */
    static boolean isLabel(String s) {
        return s != null && s.length() <= MAX_LABEL && LABEL.matcher(s).matches();
    }

    /** An RFC 1123 subdomain: labels joined by dots, at most 253 long. */
    static boolean isSubdomain(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_NAME) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A name or an IPv4 address to connect to, in any letter case (DNS ignores case). Digits and dots only must be a
     * valid address: 192.168.1.300 is neither a name nor an address.
     */
    static boolean isHost(String s) {
        if (s == null) {
            return false;
        }
        if (Ipv4.looksNumeric(s)) {
            return Ipv4.parse(s) != null;
        }
        return isSubdomain(s.toLowerCase(Locale.ROOT));
    }

    /** host or host:port with a port 1-65535. */
    static boolean isHostPort(String s) {
        if (s == null) {
            return false;
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return isHost(s);
        }
        return isHost(s.substring(0, colon)) && isPort(s.substring(colon + 1));
    }

    static boolean isPort(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || digits.startsWith("0")
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Integer.parseInt(digits) <= 65535;
    }

    /**
     * A valid label close to what was typed: lower case, other characters as '-', at most 63 long. Null when nothing
     * sensible is left (no letter at all).
     */
    static String suggestLabel(String s) {
        if (s == null) {
            return null;
        }
        String label = s.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (label.length() > MAX_LABEL) {
            label = label.substring(0, MAX_LABEL).replaceAll("-+$", "");
        }
        return isLabel(label) && label.chars().anyMatch(Character::isLetter) ? label : null;
    }
}
