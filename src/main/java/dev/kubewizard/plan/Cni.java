package dev.kubewizard.plan;

public record Cni(Calico calico) {
}
