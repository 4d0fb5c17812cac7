package dev.kubewizard.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 address as its 32 bits. Parsing is strict: four decimal numbers 0-255, no leading zeros, no spaces. */
record Ipv4(int bits) {
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** The address, or null when the text is not exactly a dotted-quad IPv4 address. */
    static Ipv4 parse(String text) {
        Ipv4 lenient = parseLenient(text);
        return lenient != null && lenient.toString().equals(text) ? lenient : null;
    }

    /**
     * Also reads what a person may type but tools read differently or not at all: spaces around it and leading zeros
     * (192.168.001.010, which some tools read as octal). Used to suggest the clean form.
     */
    static Ipv4 parseLenient(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DOTTED.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        int bits = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return null;
            }
            bits = bits << 8 | octet;
        }
        return new Ipv4(bits);
    }

    /** True for text made of digits and dots only: meant as an address even when it is not a valid one. */
    static boolean looksNumeric(String text) {
        return text != null && !text.isEmpty() && text.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    int octet(int index) {
        return bits >>> (24 - 8 * index) & 0xFF;
    }

    boolean isUnspecified() {
        return octet(0) == 0;
    }

    boolean isLoopback() {
        return octet(0) == 127;
    }

    /** 169.254.x.x: what a machine gives itself when DHCP did not answer. */
    boolean isLinkLocal() {
        return octet(0) == 169 && octet(1) == 254;
    }

    /** Multicast (224-239) and the reserved range above it, including the broadcast address. */
    boolean isMulticastOrReserved() {
        return octet(0) >= 224;
    }

    /** The /24 network around this address, the usual size of a classroom network. */
    Cidr slash24() {
        return new Cidr(new Ipv4(bits & 0xFFFFFF00), 24);
    }

    @Override
    public String toString() {
        return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
    }
}
