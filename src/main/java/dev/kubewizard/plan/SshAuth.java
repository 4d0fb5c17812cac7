package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How kubewizard logs in to the nodes. The password itself is never part of the plan. */
public enum SshAuth {
    PASSWORD, KEY;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SshAuth fromYaml(String value) {
        for (SshAuth a : values()) {
            if (a.yamlName().equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of password, key");
    }
}
