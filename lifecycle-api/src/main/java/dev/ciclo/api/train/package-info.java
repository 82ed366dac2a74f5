/**
 * Training: a {@link dev.ciclo.api.train.Trainer} makes a {@link dev.ciclo.api.train.Model};
 * iterative training reports to {@link dev.ciclo.api.train.TrainingListener}s; every run leaves a
 * {@link dev.ciclo.api.train.RunRecord}.
 */
package dev.ciclo.api.train;
