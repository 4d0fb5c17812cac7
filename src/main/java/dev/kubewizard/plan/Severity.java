package dev.kubewizard.plan;

/** Errors block an install; warnings are shown and do not. */
public enum Severity {
    ERROR, WARNING
}
