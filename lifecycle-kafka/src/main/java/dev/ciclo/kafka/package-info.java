/**
 * The prediction log on Apache Kafka ({@link dev.ciclo.kafka.KafkaPredictionLog}): records keyed
 * by subject, raw inputs encrypted per subject so that erasure on an append-only log is the
 * deletion of one key ({@link dev.ciclo.kafka.SubjectKeyStore}, crypto-shredding); the monitor
 * that reads it as a consumer group and evaluates each window once across crashes ({@link
 * dev.ciclo.kafka.KafkaLogMonitor}). The maintenance loop reads its training data from the log
 * through the {@link dev.ciclo.api.log.PredictionLog} interface.
 */
package dev.ciclo.kafka;
