/**
 * The prediction log on Apache Kafka ({@link dev.ciclo.kafka.KafkaPredictionLog}): records keyed
 * by subject, raw inputs encrypted per subject so that erasure on an append-only log is the
 * deletion of one key ({@link dev.ciclo.kafka.SubjectKeyStore}, crypto-shredding).
 */
package dev.ciclo.kafka;
