package dev.kubewizard.diagnosis;

import dev.kubewizard.recipe.KubeadmLeftovers;
import dev.kubewizard.recipe.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names the cause of a failed step from its output, with a plain explanation and the exact fix, for the teacher in
 * front of the class. Pure: text in, findings out.
 *
 * <p>Each output line is read once, by the recognisers in {@link #RECOGNISERS} order (most specific first); the first
 * that knows the line claims it. Lines that settle a cause win over lines that only hint at one. Causes of one family
 * explain the same failure, so only the most specific of a family is reported, and at most
 * {@value #MAX_FINDINGS} findings in all. Nothing recognised: no finding (the screen then shows the last lines).
 */
public final class Diagnosis {
    /** More would not fit beside a node's console; the first is the one to act on. */
    public static final int MAX_FINDINGS = 3;
    /** Output lines kept as evidence per finding. */
    public static final int MAX_EVIDENCE = 3;

    /** In claiming order: a line goes to the first recogniser that knows it. */
    private static final List<Recogniser> RECOGNISERS = List.of(
            MachineClues::sudo,
            MachineClues::clonedMachine,
            MachineClues::unsupportedOs,
            MachineClues::diskFull,
            AptClues::needrestart,
            AptClues::dpkgInterrupted,
            AptClues::dpkgLock,
            NetworkClues::clock,
            MachineClues::containerRuntime,
            MachineClues::swap,
            KubeadmClues::resources,
            MachineClues::kernel,
            KubeadmClues::missingProgram,
            LoadBalancerClues::nginxStream,
            LoadBalancerClues::addresses,
            KubeadmClues::resetMessages,
            KubeadmClues::ports,
            KubeadmClues::leftoverFiles,
            KubeadmClues::otherVersion,
            KubeadmClues::join,
            KubeadmClues::etcd,
            RegistryClues::protocol,
            NetworkClues::certificates,
            AptClues::keys,
            NetworkClues::dns,
            RegistryClues::pulls,
            AptClues::mirrors,
            NetworkClues::endpoint,
            KubeadmClues::otherPreflightError,
            KubeadmClues::kubelet,
            RegistryClues::pullFailed,
            KubeadmClues::clusterNotReady);

    private Diagnosis() {
    }

    /** What went wrong, most specific first; usually one finding, sometimes two; empty when nothing is recognised. */
    public static List<Finding> diagnose(FailedStep failure) {
        ScanState state = new ScanState(failure.phase(), failure.host());
        Map<Cause, Sighting> seen = new EnumMap<>(Cause.class);
        if (failure.connectionLost()) {
            seen.put(Cause.CONNECTION_LOST, new Sighting(Clue.of(Cause.CONNECTION_LOST, failure.host())));
        }
        if (failure.exitCode().orElse(0) == KubeadmLeftovers.EXIT_NEEDS_RESET && runsKubeadm(failure.phase())) {
            seen.put(Cause.NEEDS_RESET, new Sighting(Clue.hint(Cause.NEEDS_RESET, failure.host())));
        }
        for (String raw : failure.output()) {
            if (raw.indexOf('\n') >= 0) {
                for (String part : raw.split("\n", -1)) {
                    read(part, state, seen);
                }
            } else {
                read(raw, state, seen);
            }
        }
        return choose(seen);
    }

    private static boolean runsKubeadm(Phase phase) {
        return phase == Phase.INIT || phase == Phase.JOIN_MASTER || phase == Phase.JOIN_WORKER;
    }

    private static void read(String raw, ScanState state, Map<Cause, Sighting> seen) {
        String line = OutputLine.normalise(raw);
        if (OutputLine.ignorable(line)) {
            return;
        }
        AptClues.track(line, state);
        for (Recogniser recogniser : RECOGNISERS) {
            Clue clue = recogniser.recognise(line, state);
            if (clue != null) {
                seen.computeIfAbsent(clue.cause(), c -> new Sighting(clue)).add(clue, line);
                return;
            }
        }
    }

    private static List<Finding> choose(Map<Cause, Sighting> seen) {
        boolean anyStrong = seen.values().stream().anyMatch(s -> s.strong);
        List<Finding> findings = new ArrayList<>();
        Set<String> families = new HashSet<>();
        for (Map.Entry<Cause, Sighting> e : seen.entrySet()) {   // EnumMap: declaration order = most specific first
            Cause cause = e.getKey();
            Sighting s = e.getValue();
            if (s.strong != anyStrong || !families.add(cause.family)) {
                continue;
            }
            findings.add(cause.finding(s.args, s.evidence));
            if (findings.size() == MAX_FINDINGS) {
                break;
            }
        }
        return List.copyOf(findings);
    }

    /** Everything seen of one cause: the values of its first settling line, and the first lines as evidence. */
    private static final class Sighting {
        boolean strong;
        List<String> args;
        final List<String> evidence = new ArrayList<>(MAX_EVIDENCE);

        Sighting(Clue first) {
            strong = first.strong();
            args = first.args();
        }

        void add(Clue clue, String line) {
            if (clue.strong() && !strong) {
                strong = true;
                args = clue.args();
            }
            if (clue.context() != null) {
                keep(clue.context());
            }
            keep(line);
        }

        private void keep(String line) {
            if (evidence.size() < MAX_EVIDENCE && !evidence.contains(line)) {
                evidence.add(line);
            }
        }
    }
}
