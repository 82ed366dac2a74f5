/**
 * Run records: {@link dev.ciclo.core.run.RunStore} keeps every training run's
 * {@link dev.ciclo.api.train.RunRecord} as a readable JSON file in the workspace's
 * {@code runs/} folder, lists and compares them; {@link dev.ciclo.core.run.RunEnvironment} says
 * where a run ran. The trainers that write records ({@code TrainingLoop}, {@code RunRecorder})
 * live in {@code dev.ciclo.core.train}, which depends on this package and not the reverse.
 */
package dev.ciclo.core.run;
