/**
 * Iterative training: a {@link dev.ciclo.core.train.TrainingLoop} runs epochs of mini-batches
 * for an {@link dev.ciclo.core.train.IterativeTrainer}, calls
 * {@link dev.ciclo.api.train.TrainingListener}s in a documented order, stops early on a dev
 * metric and restores the best model, writes checkpoints into the workspace, follows a
 * {@link dev.ciclo.core.train.LearningRateSchedule}, shows a console progress bar, and returns
 * a {@link dev.ciclo.core.train.TrainingHistory} and a run record.
 *
 * <p>One-shot trainers (Tribuo's) do not belong here; record their runs with
 * {@link dev.ciclo.core.run.RunRecorder}.
 */
package dev.ciclo.core.train;
