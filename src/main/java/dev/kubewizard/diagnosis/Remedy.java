package dev.kubewizard.diagnosis;

/**
 * The kubewizard action that completes a fix, so that a screen can offer it beside the finding. Whatever has to be
 * done first (on the node, in the hypervisor) is said in the finding's fix text.
 */
public enum Remedy {
    /** Run the node's steps again; steps whose check passes are skipped. */
    RETRY_NODE,
    /** {@code kubeadm reset -f} and clean-up on the node, then retry it. */
    RESET_NODE,
    /** Change a field of the plan (named in the fix text), then retry the node. */
    EDIT_PLAN
}
