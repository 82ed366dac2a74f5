/**
 * Scoping a project: the task, the metric that decides, the target, and the baseline that
 * bias and variance are measured against.
 */
package dev.ciclo.api.scope;
