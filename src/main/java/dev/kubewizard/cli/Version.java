package dev.kubewizard.cli;

/** The application's version, from the jar manifest (Implementation-Version) when packaged. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
