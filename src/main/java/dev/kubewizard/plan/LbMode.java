package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How the control-plane endpoint is served. EXTERNAL: a dedicated Ubuntu host runs nginx (stream) in front of the
 * masters, as in the course. KEEPALIVED: keepalived floats the VIP over the masters and each master runs a TCP proxy.
 */
public enum LbMode {
    EXTERNAL, KEEPALIVED;

    @JsonValue
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static LbMode fromYaml(String value) {
        for (LbMode m : values()) {
            if (m.yamlName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not one of external, keepalived");
    }
}
