package dev.kubewizard.sim;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How simulated nodes behave. Immutable; each {@code withX}-style method returns a changed copy:
 * <pre>
 * SimOptions.instant().password("pw").fault(Fault.fail("k8s-node2", "containerd"))
 * SimOptions.demo().fixtures(Path.of("../shared/fixtures")).faults("k8s-node1:*:slow=3")
 * </pre>
 *
 * @param speed          1 = the demo's pace ({@link StepDurations#demo()}), 10 = ten times faster,
 *                       {@link Double#POSITIVE_INFINITY} = no waiting at all (tests)
 * @param fixtures       a folder of real-world console captures (../shared/fixtures) preferred over the project's own
 *                       texts; null = the project's own texts only
 * @param password       the login password every node accepts for the plan's user
 * @param sudoPassword   the password sudo asks a non-root user for; null = the login password (as on Ubuntu)
 * @param sudo           how a non-root plan user becomes root
 * @param harborPassword the Harbor password the pull test accepts; null = any non-empty password
 * @param authorizedKeys public keys accepted for key logins; empty = any key the plan's user offers
 * @param seed           makes host keys, product_uuids, MAC addresses, tokens and hashes the same from run to run
 * @param firstPort      the port of the first node, the others follow; 0 = any free ports. With fixed ports and the
 *                       same seed a demo started again presents the host keys a known_hosts file already trusts
 */
public record SimOptions(double speed, Path fixtures, String password, String sudoPassword, SudoPolicy sudo,
                         String harborPassword, List<PublicKey> authorizedKeys, List<Fault> faults, long seed,
                         int firstPort, StepDurations durations) {
    /** How a user other than root becomes root on the simulated nodes. */
    public enum SudoPolicy {
        /** sudo asks for the user's password (Ubuntu's default for the first user). */
        PASSWORD,
        /** sudo without a password (NOPASSWD in sudoers, as on many cloud images). */
        PASSWORDLESS,
        /** the user is not in the sudoers file. */
        NOT_ALLOWED
    }

    public static final String DEFAULT_PASSWORD = "Demo-Pa55-2026";

    public SimOptions {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("the speed must be above 0: " + speed);
        }
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sudo, "sudo");
        authorizedKeys = List.copyOf(authorizedKeys);
        faults = List.copyOf(faults);
        Objects.requireNonNull(durations, "durations");
        if (firstPort < 0 || firstPort > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + firstPort);
        }
    }

    /** The demo's pace: the course plan takes about three minutes. */
    public static SimOptions demo() {
        return new SimOptions(1.0, null, DEFAULT_PASSWORD, null, SudoPolicy.PASSWORD, null, List.of(), List.of(), 1L,
                0, StepDurations.demo());
    }

    /** No waiting: every step answers at once (tests). */
    public static SimOptions instant() {
        return demo().speed(Double.POSITIVE_INFINITY);
    }

    public SimOptions speed(double factor) {
        return new SimOptions(factor, fixtures, password, sudoPassword, sudo, harborPassword, authorizedKeys, faults,
                seed, firstPort, durations);
    }

    public SimOptions fixtures(Path folder) {
        return new SimOptions(speed, folder, password, sudoPassword, sudo, harborPassword, authorizedKeys, faults,
                seed, firstPort, durations);
    }

    public SimOptions password(String loginPassword) {
        return new SimOptions(speed, fixtures, loginPassword, sudoPassword, sudo, harborPassword, authorizedKeys,
                faults, seed, firstPort, durations);
    }

    public SimOptions sudo(SudoPolicy policy, String password) {
        return new SimOptions(speed, fixtures, this.password, password, policy, harborPassword, authorizedKeys,
                faults, seed, firstPort, durations);
    }

    public SimOptions harborPassword(String password) {
        return new SimOptions(speed, fixtures, this.password, sudoPassword, sudo, password, authorizedKeys, faults,
                seed, firstPort, durations);
    }

    public SimOptions authorizedKey(PublicKey key) {
        List<PublicKey> keys = new ArrayList<>(authorizedKeys);
        keys.add(key);
        return new SimOptions(speed, fixtures, password, sudoPassword, sudo, harborPassword, keys, faults, seed,
                firstPort, durations);
    }

    public SimOptions fault(Fault fault) {
        List<Fault> all = new ArrayList<>(faults);
        all.add(fault);
        return new SimOptions(speed, fixtures, password, sudoPassword, sudo, harborPassword, authorizedKeys, all,
                seed, firstPort, durations);
    }

    /** Adds faults in their text form ({@link Fault#parseAll}). */
    public SimOptions faults(String text) {
        SimOptions o = this;
        for (Fault f : Fault.parseAll(text)) {
            o = o.fault(f);
        }
        return o;
    }

    public SimOptions seed(long value) {
        return new SimOptions(speed, fixtures, password, sudoPassword, sudo, harborPassword, authorizedKeys, faults,
                value, firstPort, durations);
    }

    public SimOptions firstPort(int port) {
        return new SimOptions(speed, fixtures, password, sudoPassword, sudo, harborPassword, authorizedKeys, faults,
                seed, port, durations);
    }

    public SimOptions durations(StepDurations profile) {
        return new SimOptions(speed, fixtures, password, sudoPassword, sudo, harborPassword, authorizedKeys, faults,
                seed, firstPort, profile);
    }

    /** The sudo password a node expects (before faults). */
    public String effectiveSudoPassword() {
        return sudoPassword != null ? sudoPassword : password;
    }

    /** A duration at speed 1 as it passes at this speed; zero when instant. */
    public Duration scaled(Duration atSpeedOne) {
        if (Double.isInfinite(speed)) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) (atSpeedOne.toNanos() / speed));
    }

    @Override
    public String toString() {
        // never the passwords
        return "SimOptions[speed=" + speed + ", fixtures=" + fixtures + ", sudo=" + sudo + ", faults=" + faults
                + ", seed=" + seed + ", firstPort=" + firstPort + "]";
    }
}
