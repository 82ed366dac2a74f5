/**
 * Ciclo's inference server: the Open Inference Protocol v2 over HTTP (Jetty 12) and gRPC, its
 * limits, hot swap and shadow, the serve command and {@code HttpPredictor}, its client.
 *
 * <p>Core's {@code SwapTarget}, Micrometer's {@code MeterRegistry} and the JDK's
 * {@code HttpClient} appear in this module's signatures, so those modules are read transitively.
 * The gRPC, protobuf and Micrometer jars are automatic modules with stable names (each jar's
 * manifest has an {@code Automatic-Module-Name}); Jetty 12 jars are named modules.
 */
// "module": dev.ciclo.bench, to which the generated classes are exported, is built after this one.
@SuppressWarnings("module")
module dev.ciclo.serve {
  requires transitive dev.ciclo.api;
  requires transitive dev.ciclo.core;
  requires transitive java.net.http;
  requires transitive micrometer.core;
  requires micrometer.registry.prometheus;
  // the processor time of a slow inline answer (JettyFront)
  requires java.management;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.util;
  requires io.grpc;
  requires io.grpc.netty.shaded;
  requires io.grpc.protobuf;
  requires io.grpc.stub;
  requires com.google.protobuf;
  // The generated gRPC future stub returns Guava's ListenableFuture.
  requires com.google.common;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  // The process's file descriptor limit, which bounds the default connection limit.
  requires jdk.management;

  exports dev.ciclo.serve;
  exports dev.ciclo.serve.cli;
  exports dev.ciclo.serve.client;
  // The classes protoc generates for the OIP v2 protocol are no API of Ciclo's: protobuf reads
  // their accessors reflectively, and lifecycle-bench drives the server with their stubs.
  exports dev.ciclo.serve.internal to com.google.protobuf, dev.ciclo.bench;
}
