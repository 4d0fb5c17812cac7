package dev.kubewizard.run;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.Severity;
import dev.kubewizard.recipe.PreflightSteps;
import dev.kubewizard.text.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks no single machine can make: it compares the preflight facts of all machines. Cloned classroom VMs share
 * product_uuid and MAC addresses (kubeadm's docs require both to be unique), clocks that differ break certificates and
 * apt, and kubeadm refuses too few CPUs or too little memory. Pure: facts in, findings out.
 */
public final class ClusterPreflight {
    /** Clocks may differ by this much: chrony, set up in PREP, pulls them together. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);
    /** kubeadm's own limits (preflight NumCPU and Mem), as in the preflight script. */
    static final int MIN_CPUS = PreflightSteps.MIN_CPUS;
    static final int MIN_MEMORY_MB = PreflightSteps.MIN_MEMORY_MB;
    private static final Set<String> SUPPORTED_OS = Set.of("ubuntu 22.04", "ubuntu 24.04");

    private ClusterPreflight() {
    }

    /** Every finding, errors first, each naming its machines in plan order. */
    public static List<ClusterFinding> check(ClusterPlan plan, Map<String, PreflightFacts> facts) {
        List<ClusterFinding> errors = new ArrayList<>();
        List<ClusterFinding> warnings = new ArrayList<>();
        List<PlanHost> hosts = plan.hosts().stream().filter(h -> facts.containsKey(h.hostname())).toList();

        for (PlanHost h : plan.hosts()) {
            PreflightFacts f = facts.get(h.hostname());
            if (f == null || blank(f.get(PreflightSteps.PRODUCT_UUID.name()))
                    || blank(f.get(PreflightSteps.MACS.name())) || blank(f.get(PreflightSteps.CLOCK.name()))) {
                warnings.add(new ClusterFinding(Severity.WARNING, "facts-missing", List.of(h.hostname()),
                        Messages.text("run.finding.facts-missing", h.hostname())));
            }
        }

        Map<String, List<String>> byUuid = new TreeMap<>();
        Map<String, List<String>> byMac = new TreeMap<>();
        for (PlanHost h : hosts) {
            PreflightFacts f = facts.get(h.hostname());
            String uuid = f.get(PreflightSteps.PRODUCT_UUID.name());
            if (!blank(uuid) && !"unknown".equals(uuid.trim())) {
                byUuid.computeIfAbsent(uuid.trim().toLowerCase(Locale.ROOT), u -> new ArrayList<>()).add(h.hostname());
            }
            String macs = f.get(PreflightSteps.MACS.name());
            if (!blank(macs) && !"none".equals(macs.trim())) {
                Set<String> own = new TreeSet<>();
                for (String mac : macs.split(",")) {
                    if (!mac.isBlank() && !mac.trim().equals("00:00:00:00:00:00")) {
                        own.add(mac.trim().toLowerCase(Locale.ROOT));
                    }
                }
                own.forEach(mac -> byMac.computeIfAbsent(mac, m -> new ArrayList<>()).add(h.hostname()));
            }
        }
        byUuid.forEach((uuid, names) -> {
            if (names.size() > 1) {
                errors.add(new ClusterFinding(Severity.ERROR, "duplicate-product-uuid", names,
                        Messages.text("run.finding.duplicate-uuid", String.join(", ", names), uuid)));
            }
        });
        byMac.forEach((mac, names) -> {
            if (names.size() > 1) {
                errors.add(new ClusterFinding(Severity.ERROR, "duplicate-mac", names,
                        Messages.text("run.finding.duplicate-mac", String.join(", ", names), mac)));
            }
        });

        clockSkew(hosts, facts, errors);

        Set<String> osVersions = new TreeSet<>();
        for (PlanHost h : hosts) {
            PreflightFacts f = facts.get(h.hostname());
            String os = f.get(PreflightSteps.OS.name());
            if (!blank(os)) {
                osVersions.add(os.trim());
                if (!SUPPORTED_OS.contains(os.trim())) {
                    errors.add(new ClusterFinding(Severity.ERROR, "unsupported-os", List.of(h.hostname()),
                            Messages.text("run.finding.unsupported-os", h.hostname(), os.trim())));
                }
            }
            if (h.kind() == HostKind.LOAD_BALANCER) {
                continue;
            }
            Integer cpus = number(f.get(PreflightSteps.CPUS.name()));
            if (cpus != null && cpus < MIN_CPUS) {
                errors.add(new ClusterFinding(Severity.ERROR, "too-few-cpus", List.of(h.hostname()),
                        Messages.text("run.finding.cpus", h.hostname(), String.valueOf(cpus),
                                String.valueOf(MIN_CPUS))));
            }
            Integer memory = number(f.get(PreflightSteps.MEMORY_MB.name()));
            if (memory != null && memory < MIN_MEMORY_MB) {
                errors.add(new ClusterFinding(Severity.ERROR, "too-little-memory", List.of(h.hostname()),
                        Messages.text("run.finding.memory", h.hostname(), String.valueOf(memory),
                                String.valueOf(MIN_MEMORY_MB))));
            }
        }
        if (osVersions.size() > 1) {
            warnings.add(new ClusterFinding(Severity.WARNING, "mixed-os",
                    hosts.stream().map(PlanHost::hostname).toList(),
                    Messages.text("run.finding.mixed-os", String.join(", ", osVersions))));
        }
        List<ClusterFinding> all = new ArrayList<>(errors);
        all.addAll(warnings);
        return List.copyOf(all);
    }

    /**
     * Each machine's clock offset to this computer lies within [clock - latest, clock - earliest]. Two machines' clocks
     * certainly differ by more than the tolerance when those ranges are further apart than that; the worst pair is
     * reported with the least the difference can be.
     */
    private static void clockSkew(List<PlanHost> hosts, Map<String, PreflightFacts> facts,
                                  List<ClusterFinding> errors) {
        String ahead = null;
        String behind = null;
        long highestLow = Long.MIN_VALUE;
        long lowestHigh = Long.MAX_VALUE;
        for (PlanHost h : hosts) {
            PreflightFacts f = facts.get(h.hostname());
            Long clock = longNumber(f.get(PreflightSteps.CLOCK.name()));
            if (clock == null) {
                continue;
            }
            long low = clock - f.latest().toEpochMilli();
            long high = clock - f.earliest().toEpochMilli();
            if (low > highestLow) {
                highestLow = low;
                ahead = h.hostname();
            }
            if (high < lowestHigh) {
                lowestHigh = high;
                behind = h.hostname();
            }
        }
        if (ahead == null || ahead.equals(behind)) {
            return;
        }
        long atLeast = highestLow - lowestHigh;
        if (atLeast > CLOCK_TOLERANCE.toMillis()) {
            String seconds = String.format(Locale.ROOT, "%.1f", atLeast / 1000.0);
            errors.add(new ClusterFinding(Severity.ERROR, "clock-skew", List.of(ahead, behind),
                    Messages.text("run.finding.clock-skew", ahead, behind, seconds,
                            String.valueOf(CLOCK_TOLERANCE.toSeconds()))));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Integer number(String s) {
        Long n = longNumber(s);
        return n == null || n > Integer.MAX_VALUE ? null : n.intValue();
    }

    private static Long longNumber(String s) {
        if (blank(s) || !s.trim().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(s.trim());
    }
}
