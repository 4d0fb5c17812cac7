/**
 * Running a recipe over all machines: the engine under the command line's {@code install} and the wizard's install
 * page. It knows nothing of SSH or screens.
 *
 * <ul>
 *   <li>{@link dev.kubewizard.run.StepExecutor} is the seam to the machines: one per host, it runs a step's check and,
 *       when the check fails, its script, reporting lines to a {@link dev.kubewizard.run.LineSink}. The SSH layer
 *       implements it; tests and the benchmark use simulated machines.</li>
 *   <li>{@link dev.kubewizard.run.RunGraph} turns the recipe into explicit dependencies (the rules are on the class);
 *       {@link dev.kubewizard.run.Orchestrator} runs every step as soon as its dependencies are done, with the
 *       cluster-wide preflight ({@link dev.kubewizard.run.ClusterPreflight}) as a gate before any change. Join
 *       data is made only for a machine whose join step's check does not pass (asked on that machine first), so a
 *       second install of a finished cluster changes nothing.</li>
 *   <li>Observation: {@link dev.kubewizard.run.RunListener} events on one event thread, step and node states
 *       ({@link dev.kubewizard.run.StepState}, {@link dev.kubewizard.run.NodeState}) readable from any thread, and a
 *       bounded {@link dev.kubewizard.run.LineBuffer} per machine for a screen to drain on a timer.</li>
 *   <li>Recovery: {@link dev.kubewizard.run.RunJournal} beside the plan (resume after a restart), retry of one
 *       machine, reset of a node, per-node log files and a {@link dev.kubewizard.run.SupportBundle}. Every line is
 *       masked before it is shown or kept.</li>
 * </ul>
 */
package dev.kubewizard.run;
