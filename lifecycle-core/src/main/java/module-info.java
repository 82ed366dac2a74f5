/**
 * Ciclo's engine for the cycle: datasets and splits, training loops, evaluation, error analysis,
 * run records, the model registry, predictors, the prediction log and the maintenance loop.
 *
 * <p>Tribuo's types appear in {@code dev.ciclo.core.tribuo}'s signatures, so the Tribuo modules
 * are read transitively. Tribuo 4.3 jars are automatic modules with stable names (each jar's
 * manifest has an {@code Automatic-Module-Name}).
 */
module dev.ciclo.core {
  requires transitive dev.ciclo.api;
  requires com.google.common;
  requires transitive org.tribuo.core;
  requires transitive org.tribuo.classification.core;
  requires transitive org.tribuo.regression.core;
  requires org.tribuo.regression.sgd;
  requires org.tribuo.regression.xgboost;
  requires org.tribuo.regression.rtree;
  requires org.tribuo.classification.sgd;
  requires org.tribuo.classification.xgboost;
  requires org.tribuo.classification.dtree;
  requires org.tribuo.classification.mnb;
  requires org.tribuo.common.nearest;
  requires org.tribuo.common.tree;
  requires org.tribuo.common.xgboost;
  requires org.tribuo.math;
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.csv;
  requires org.slf4j;
  // commons-math3 3.6.1 (its last release) has no module name in its manifest: this is the
  // name derived from its jar, the one every modular project requiring it uses.
  requires commons.math3;

  exports dev.ciclo.core.analysis;
  exports dev.ciclo.core.data;
  exports dev.ciclo.core.evaluate;
  exports dev.ciclo.core.log;
  exports dev.ciclo.core.maintain;
  exports dev.ciclo.core.persist;
  exports dev.ciclo.core.predict;
  exports dev.ciclo.core.registry;
  exports dev.ciclo.core.run;
  exports dev.ciclo.core.train;
  exports dev.ciclo.core.tribuo;
  exports dev.ciclo.core.workspace;
}
