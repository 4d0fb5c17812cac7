package dev.kubewizard.install;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.run.Orchestrator;
import dev.kubewizard.ssh.SecretMasker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The passwords of one install, in memory only: SSH login (or the key's passphrase), sudo, Harbor. The command line
 * reads them from the environment or the keyboard, the wizard from its password fields.
 *
 * @param ssh    the login password, or the key file's passphrase; null for none
 * @param sudo   sudo's password for a user that is not root; null means the login password (or passwordless sudo)
 * @param harbor Harbor's password, for the steps that log in to it; null when the plan has no Harbor
 */
public record InstallPasswords(String ssh, String sudo, String harbor) {
    public static final String HARBOR_VALUE = "KW_HARBOR_PASSWORD";

    public InstallPasswords {
        ssh = blankToNull(ssh);
        sudo = blankToNull(sudo);
        harbor = blankToNull(harbor);
    }

    /** Masks every one of these passwords, and Harbor's basic-auth form, in all output of the run. */
    public SecretMasker masker(ClusterPlan plan) {
        SecretMasker m = new SecretMasker();
        m.add(ssh);
        m.add(sudo);
        if (harbor != null) {
            String user = plan.harbor() == null ? null : plan.harbor().username();
            if (user == null) {
                m.add(harbor);
            } else {
                m.addBasicAuth(user, harbor);
            }
        }
        return m;
    }

    /** The run-time values no step produces that these passwords supply ({@code KW_HARBOR_PASSWORD}), by name. */
    public Map<String, String> runValues(Recipe recipe) {
        Map<String, String> values = new LinkedHashMap<>();
        for (RuntimeValue v : Orchestrator.valuesNeeded(recipe)) {
            if (v.name().equals(HARBOR_VALUE) && harbor != null) {
                values.put(v.name(), harbor);
            }
        }
        return values;
    }

    /** The run-time values the recipe needs that these passwords cannot supply; empty when the run can start. */
    public List<String> missingValues(Recipe recipe) {
        Map<String, String> have = runValues(recipe);
        List<String> missing = new ArrayList<>();
        for (RuntimeValue v : Orchestrator.valuesNeeded(recipe)) {
            if (!have.containsKey(v.name())) {
                missing.add(v.name());
            }
        }
        return missing;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public String toString() {
        return "InstallPasswords[" + (ssh == null ? "-" : SecretMasker.MASK) + ", " + (sudo == null ? "-"
                : SecretMasker.MASK) + ", " + (harbor == null ? "-" : SecretMasker.MASK) + "]";
    }
}
