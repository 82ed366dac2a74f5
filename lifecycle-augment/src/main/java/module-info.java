/**
 * Ciclo's augmentation: audio I/O and features, noise for audio, tables and text, composition,
 * seeding and records of what was applied.
 */
module dev.ciclo.augment {
  requires transitive dev.ciclo.api;
  requires org.slf4j;
  // JTransforms 3.1 (its last release) has no module name in its manifest: this is the name
  // derived from its jar file, stable for a Maven build.
  requires JTransforms;

  exports dev.ciclo.augment;
  exports dev.ciclo.augment.audio;
  exports dev.ciclo.augment.compose;
  exports dev.ciclo.augment.features;
  exports dev.ciclo.augment.noise;
  exports dev.ciclo.augment.signal;
  exports dev.ciclo.augment.tabular;
  exports dev.ciclo.augment.targeted;
  exports dev.ciclo.augment.text;
}
