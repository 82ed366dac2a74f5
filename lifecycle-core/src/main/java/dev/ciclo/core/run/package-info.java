/**
 * Run records: {@link dev.ciclo.core.run.RunStore} keeps every training run's
 * {@link dev.ciclo.api.train.RunRecord} as a readable JSON file in the workspace's
 * {@code runs/} folder, lists and compares them; {@link dev.ciclo.core.run.RunRecorder} records
 * one-shot trainers (Tribuo's) the way {@link dev.ciclo.core.train.TrainingLoop} records
 * iterative ones; {@link dev.ciclo.core.run.RunEnvironment} says where a run ran.
 */
package dev.ciclo.core.run;
