/**
 * The Ciclo contract: the types that data flows through on its way round the cycle of a
 * machine-learning project (scope, data, features, training, analysis, augmentation, prediction,
 * registry, prediction log, monitoring).
 *
 * <p>Only JDK types appear in its signatures, so hosts and plug-ins can code against it without
 * pulling in Tribuo, ND4J, Guava or SLF4J.
 */
@SuppressWarnings("module") // the qualified export names modules built after this one
module dev.ciclo.api {
  exports dev.ciclo.api;
  exports dev.ciclo.api.scope;
  exports dev.ciclo.api.data;
  exports dev.ciclo.api.features;
  exports dev.ciclo.api.train;
  exports dev.ciclo.api.analysis;
  exports dev.ciclo.api.augment;
  exports dev.ciclo.api.predict;
  exports dev.ciclo.api.registry;
  exports dev.ciclo.api.log;
  exports dev.ciclo.api.monitor;
  // The argument checks and the buffered digest every Ciclo module shares; not for hosts.
  exports dev.ciclo.api.internal to
      dev.ciclo.core,
      dev.ciclo.augment,
      dev.ciclo.monitor,
      dev.ciclo.report,
      dev.ciclo.testkit,
      dev.ciclo.serve,
      dev.ciclo.kafka,
      dev.ciclo.spark,
      dev.ciclo.speech,
      dev.ciclo.cli;
}
