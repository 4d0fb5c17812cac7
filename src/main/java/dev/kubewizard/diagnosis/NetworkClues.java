package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Lines.hasAny;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Name resolution, the cluster endpoint (load balancer / VIP) and TLS certificates (Go's crypto/x509 wording). */
final class NetworkClues {
    /** x509: certificate is valid for 10.96.0.1, 192.168.1.101, not 192.168.1.100 */
    private static final Pattern VALID_FOR = Pattern.compile("certificate is valid for .+?, not ([^\\s,\"\\\\]+)");
    private static final Pattern NO_IP_SANS =
            Pattern.compile("cannot validate certificate for (\\S+) because it doesn't contain any IP SANs");
    private static final Pattern[] UNRESOLVED = {
        Pattern.compile("Temporary failure resolving '([^']+)'"),
        Pattern.compile("Could not resolve host: (\\S+)"),
        Pattern.compile("Could not resolve '([^']+)'"),
        Pattern.compile("Something wicked happened resolving '([^':]+)"),
        Pattern.compile("lookup (\\S+?)(?: on \\S+)?: (?:no such host|server misbehaving"
                + "|Temporary failure in name resolution|i/o timeout|read: connection refused)"),
        Pattern.compile("(\\S+): (?:Temporary failure in name resolution|Name or service not known)"),
    };
    private static final Pattern DIAL = Pattern.compile("dial tcp ([\\w.-]+|\\[[0-9a-fA-F:]+\\]):(\\d+): "
            + "(connect: connection refused|connect: no route to host|connect: network is unreachable"
            + "|i/o timeout|connect: connection timed out)");
    private static final Pattern KUBECTL_REFUSED =
            Pattern.compile("The connection to the server ([\\w.-]+):(\\d+) was refused");
    private static final Pattern HTTPS_URL = Pattern.compile("https://([\\w.-]+):(\\d+)/");
    /** Ports that are never the cluster endpoint: registries and mirrors, DNS, node-local components, etcd. */
    private static final Set<String> NOT_ENDPOINT_PORTS =
            Set.of("80", "443", "53", "2379", "2380", "10248", "10249", "10250", "10256", "10257", "10259");

    private NetworkClues() {
    }

    static Clue certificates(String line, ScanState state) {
        if (!line.contains("certificate") && !line.contains("are pinned")) {
            return null;
        }
        String name = line.contains("is valid for") ? Lines.group(VALID_FOR, line) : null;
        if (name == null && line.contains("IP SANs")) {
            name = Lines.group(NO_IP_SANS, line);
        }
        if (name != null) {
            return Clue.of(Cause.X509_WRONG_NAME, Lines.trimPunctuation(name));
        }
        if (line.contains("certificate signed by unknown authority")
                || line.contains("none of the public keys") && line.contains("are pinned")) {
            return Clue.of(Cause.X509_UNKNOWN_AUTHORITY);
        }
        return null;
    }

    /** The clock must be checked before any certificate: a wrong clock makes every certificate look invalid. */
    static Clue clock(String line, ScanState state) {
        if (hasAny(line, "certificate has expired or is not yet valid", "certificate is not yet valid",
                "is not valid yet (invalid for another")) {
            return Clue.of(Cause.CLOCK_WRONG);
        }
        return null;
    }

    /** A name that does not resolve; the endpoint name (looked up with its API port) is the hosts block's job. */
    static Clue dns(String line, ScanState state) {
        if (!hasAny(line, "resolv", "lookup ", "name resolution", "Name or service not known")) {
            return null;
        }
        for (Pattern p : UNRESOLVED) {
            String name = Lines.group(p, line);
            if (name != null) {
                name = hostOnly(Lines.trimPunctuation(name));
                if (name.isEmpty()) {
                    continue;
                }
                if (usedWithApiPort(line, name)) {
                    return Clue.of(Cause.ENDPOINT_NAME_UNRESOLVED, name);
                }
                return Clue.of(isLocalName(name) ? Cause.DNS_FAILURE_LOCAL : Cause.DNS_FAILURE, name);
            }
        }
        return null;
    }

    /** Hostnames and private names: no DNS server on the internet knows them, only /etc/hosts does. */
    private static boolean isLocalName(String name) {
        return name.indexOf('.') < 0 && !name.isEmpty() && Character.isLetter(name.charAt(0))
                || name.endsWith(".local") || name.endsWith(".internal") || name.endsWith(".lan")
                || name.endsWith(".localdomain") || name.endsWith(".home.arpa");
    }

    private static String hostOnly(String name) {
        int colon = name.indexOf(':');
        return colon > 0 && name.indexOf(':', colon + 1) < 0 ? name.substring(0, colon) : name;
    }

    private static boolean usedWithApiPort(String line, String name) {
        int at = line.indexOf(name + ":");
        while (at >= 0) {
            int from = at + name.length() + 1;
            int to = from;
            while (to < line.length() && Character.isDigit(line.charAt(to))) {
                to++;
            }
            if (to > from && !NOT_ENDPOINT_PORTS.contains(line.substring(from, to))) {
                return true;
            }
            at = line.indexOf(name + ":", at + 1);
        }
        return false;
    }

    /**
     * The cluster endpoint does not take connections (refused, no route, timeout), or takes them with nothing behind
     * (EOF, reset, TLS handshake timeout). Loopback and the ports of registries, etcd and node-local components are
     * someone else's business.
     */
    static Clue endpoint(String line, ScanState state) {
        if (line.contains("dial tcp ")) {
            Matcher m = DIAL.matcher(line);
            if (m.find() && isEndpoint(m.group(1), m.group(2))) {
                String address = m.group(1) + ":" + m.group(2);
                return switch (m.group(3)) {
                    case "connect: connection refused" -> Clue.of(Cause.ENDPOINT_REFUSED, address);
                    case "connect: no route to host", "connect: network is unreachable" ->
                            Clue.of(Cause.ENDPOINT_NO_ROUTE, address);
                    default -> Clue.of(Cause.ENDPOINT_TIMEOUT, address);
                };
            }
        }
        if (line.contains("The connection to the server ")) {
            Matcher m = KUBECTL_REFUSED.matcher(line);
            if (m.find() && isEndpoint(m.group(1), m.group(2))) {
                return Clue.of(Cause.ENDPOINT_REFUSED, m.group(1) + ":" + m.group(2));
            }
        }
        if (line.contains("https://")) {
            boolean noBackend = hasAny(line, ": EOF", "connection reset by peer", "TLS handshake timeout");
            boolean timeout = line.contains("Client.Timeout exceeded");
            if (noBackend || timeout) {
                Matcher m = HTTPS_URL.matcher(line);
                if (m.find() && isEndpoint(m.group(1), m.group(2))) {
                    String address = m.group(1) + ":" + m.group(2);
                    return Clue.of(noBackend ? Cause.ENDPOINT_NO_BACKEND : Cause.ENDPOINT_TIMEOUT, address);
                }
            }
        }
        return null;
    }

    private static boolean isEndpoint(String host, String port) {
        return !NOT_ENDPOINT_PORTS.contains(port) && !host.startsWith("127.") && !host.equals("localhost")
                && !host.equals("[::1]");
    }
}
