/**
 * Past one machine: the prediction log on Kafka, drift and batch scoring on Spark, and erasure
 * by crypto-shredding ({@link dev.ciclo.examples.scale.ScaleOut}).
 */
package dev.ciclo.examples.scale;
