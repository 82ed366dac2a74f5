/**
 * Ciclo on Apache Spark: drift over large prediction logs with the monitor's mergeable sketches
 * and vocabulary summaries filled per partition and merged as Spark aggregators, then decided by
 * a {@code LogMonitor} ({@link dev.ciclo.spark.SparkDrift}), a text field's vocabulary windows
 * in detail from the same summaries ({@link dev.ciclo.spark.SparkVocabulary}), feature extraction over the log's raw inputs into a training
 * set ({@link dev.ciclo.spark.SparkFeatures}), batch scoring of any Ciclo {@link
 * dev.ciclo.api.predict.Predictor} over a DataFrame with the model shipped once per executor
 * ({@link dev.ciclo.spark.SparkScoring}), and the logs as frames: the file log's segments, a
 * Kafka log through Spark's Kafka source, and Parquet ({@link dev.ciclo.spark.LogFrames}). The
 * same code runs in {@code local[*]} and on a cluster.
 */
package dev.ciclo.spark;
