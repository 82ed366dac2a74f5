/**
 * Ciclo on Apache Spark: drift over large prediction logs with the monitor's mergeable sketches
 * filled per partition and merged as Spark aggregators ({@link dev.ciclo.spark.SparkDrift}),
 * vocabulary drift with the tracker's counts and sequential test merged in time order ({@link
 * dev.ciclo.spark.SparkVocabulary}), feature extraction over the log's raw inputs into a training
 * set ({@link dev.ciclo.spark.SparkFeatures}), batch scoring of any Ciclo {@link
 * dev.ciclo.api.predict.Predictor} over a DataFrame with the model shipped once per executor
 * ({@link dev.ciclo.spark.SparkScoring}), and the logs as frames: the file log's segments, a
 * Kafka log through Spark's Kafka source, and Parquet ({@link dev.ciclo.spark.LogFrames}). The
 * same code runs in {@code local[*]} and on a cluster.
 */
package dev.ciclo.spark;
