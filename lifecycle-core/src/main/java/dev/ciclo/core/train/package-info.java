/**
 * Iterative training: a {@link dev.ciclo.core.train.TrainingLoop} runs epochs of mini-batches
 * for an {@link dev.ciclo.core.train.IterativeTrainer}, calls
 * {@link dev.ciclo.api.train.TrainingListener}s in a documented order, stops early on a dev
 * metric and restores the best model, writes checkpoints into the workspace, follows a
 * {@link dev.ciclo.core.train.LearningRateSchedule}, shows a console progress bar, and returns
 * a {@link dev.ciclo.core.train.TrainingHistory} and a run record.
 *
 * <p>One-shot trainers (Tribuo's) have no epochs: {@link dev.ciclo.core.train.RunRecorder}
 * trains them once and records the run the same way. Training depends on
 * {@link dev.ciclo.core.run} (where records are kept), never the other way round.
 */
package dev.ciclo.core.train;
