/**
 * The tabular path on a real table: Breast Cancer Wisconsin from CSV, split, trained, its weak
 * slices found, served over HTTP with the prediction log on, the traffic shifted, and the drift
 * report between the training set and the logged window.
 */
package dev.ciclo.examples.tabular;
