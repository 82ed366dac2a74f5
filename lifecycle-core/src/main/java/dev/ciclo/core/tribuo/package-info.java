/**
 * Tribuo behind the api: {@link dev.ciclo.core.tribuo.TribuoClassifierTrainer} trains Tribuo
 * classifiers on any input type through a {@link dev.ciclo.api.features.FeatureExtractor}, and
 * {@link dev.ciclo.core.tribuo.TribuoClassifierModel} serves them as a
 * {@link dev.ciclo.api.predict.Predictor} whose answers equal the Tribuo model's.
 */
package dev.ciclo.core.tribuo;
