package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a cluster node is for. The load-balancer host is not a cluster node and has no role here. */
public enum Role {
    MASTER, WORKER;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromYaml(String value) {
        for (Role r : values()) {
            if (r.yamlName().equals(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of master, worker");
    }
}
