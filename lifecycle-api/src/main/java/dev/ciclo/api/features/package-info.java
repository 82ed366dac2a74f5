/**
 * Features: a {@link dev.ciclo.api.features.FeatureExtractor} turns an input (an audio clip, a row,
 * a query) into a named {@link dev.ciclo.api.features.FeatureVector}. The same extractor object
 * serves training and prediction, so there is no training/serving skew.
 */
package dev.ciclo.api.features;
