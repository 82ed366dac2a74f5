/**
 * Ciclo on Apache Spark: drift over large prediction logs with the monitor's mergeable sketches
 * filled per partition and merged as Spark aggregators ({@link dev.ciclo.spark.SparkDrift}), and
 * batch scoring of any Ciclo {@link dev.ciclo.api.predict.Predictor} over a DataFrame with the
 * model shipped once per executor ({@link dev.ciclo.spark.SparkScoring}). The same code runs in
 * {@code local[*]} and on a cluster.
 */
package dev.ciclo.spark;
