package dev.kubewizard.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 network written as address/prefix, e.g. 10.244.0.0/16. */
record Cidr(Ipv4 base, int prefix) {
    private static final Pattern FORM = Pattern.compile("([0-9.]+)/(\\d{1,2})");

    /** The network as written (host bits may be set; see {@link #hasHostBits()}), or null when it is not a CIDR. */
    static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches() || m.group(2).length() > 1 && m.group(2).startsWith("0")) {
            return null;
        }
        Ipv4 base = Ipv4.parse(m.group(1));
        int prefix = Integer.parseInt(m.group(2));
        return base == null || prefix > 32 ? null : new Cidr(base, prefix);
    }

    private int mask() {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /** True for 10.244.1.0/16: the address has bits set beyond the prefix, so it does not name the network. */
    boolean hasHostBits() {
        return (base.bits() & ~mask()) != 0;
    }

    /** The network this CIDR lies in: 10.244.0.0/16 for 10.244.1.0/16. */
    Cidr network() {
        return new Cidr(new Ipv4(base.bits() & mask()), prefix);
    }

    boolean contains(Ipv4 address) {
        return (address.bits() & mask()) == (base.bits() & mask());
    }

    /** Two CIDR networks overlap exactly when one contains the other's base address. */
    boolean overlaps(Cidr other) {
        return contains(other.network().base()) || other.contains(network().base());
    }

    @Override
    public String toString() {
        return base + "/" + prefix;
    }
}
