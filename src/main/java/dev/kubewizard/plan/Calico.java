package dev.kubewizard.plan;

/** Calico CNI. {@code manifest}: a local calico.yaml on this computer; empty means it is downloaded before the run. */
public record Calico(String version, String manifest, String imageRegistry) {
}
