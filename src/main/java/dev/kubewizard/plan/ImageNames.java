package dev.kubewizard.plan;

import java.util.regex.Pattern;

/**
 * Container image names as containerd reads them: {@code registry[:port]/path/name[:tag][@digest]}, path components
 * in lower case. No scheme: an image name is not a URL.
 */
final class ImageNames {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private ImageNames() {
    }

    /** A registry host, optionally followed by a path: {@code registry.aliyuncs.com/google_containers}. */
    static boolean isRegistryPath(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        String[] parts = s.split("/", -1);
        if (!DnsName.isHostPort(parts[0])) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!COMPONENT.matcher(parts[i]).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A full image reference such as {@code harbor.labworlds.cc/go-starter/dev:lbw-v1.0}. */
    static boolean isReference(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        String name = s;
        int at = name.indexOf('@');
        if (at >= 0) {
            if (!DIGEST.matcher(name.substring(at + 1)).matches()) {
                return false;
            }
            name = name.substring(0, at);
        }
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            if (!TAG.matcher(name.substring(colon + 1)).matches()) {
                return false;
            }
            name = name.substring(0, colon);
        }
        if (name.indexOf('/') < 0) {
            return COMPONENT.matcher(name).matches();
        }
        String first = name.substring(0, name.indexOf('/'));
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return registry ? isRegistryPath(name) : isRegistryPath("registry.invalid/" + name);
    }

    /** What is left of {@code https://host/path/} without the scheme and trailing slashes. */
    static String withoutScheme(String s) {
        int scheme = s.indexOf("://");
        String rest = scheme < 0 ? s : s.substring(scheme + 3);
        return rest.replaceAll("/+$", "");
    }
}
