/**
 * Ciclo's monitoring: per-event drift detectors, batch drift tests, vocabulary drift, mergeable
 * sketches, performance with delayed labels, monitors over the prediction log and reports.
 */
module dev.ciclo.monitor {
  requires transitive dev.ciclo.api;
  requires com.google.common;
  requires org.slf4j;
  // commons-math3 3.6.1 (its last release) has no module name in its manifest: this is the
  // name derived from its jar, the one every modular project requiring it uses.
  requires commons.math3;

  exports dev.ciclo.monitor;
  exports dev.ciclo.monitor.batch;
  exports dev.ciclo.monitor.detect;
  exports dev.ciclo.monitor.performance;
  exports dev.ciclo.monitor.report;
  exports dev.ciclo.monitor.sketch;
  exports dev.ciclo.monitor.vocabulary;
}
