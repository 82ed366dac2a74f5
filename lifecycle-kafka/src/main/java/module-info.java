/**
 * The prediction log on Apache Kafka: consent and erasure (crypto-shredding) on an append-only
 * log, the monitor that reads it as a consumer group, and the maintenance loop reading from it.
 *
 * <p>Core's {@code PrivacyPolicy} and monitor's {@code LogMonitor.Builder} appear in this
 * module's signatures, so those modules are read transitively; Kafka's types do not, so
 * {@code kafka-clients} is not. kafka-clients 4.3.1 has no module descriptor and no
 * {@code Automatic-Module-Name}: {@code kafka.clients} is the name derived from its jar, the one
 * modular projects requiring it use.
 */
module dev.ciclo.kafka {
  requires transitive dev.ciclo.api;
  requires transitive dev.ciclo.core;
  requires transitive dev.ciclo.monitor;
  requires kafka.clients;
  requires org.slf4j;

  exports dev.ciclo.kafka;
}
