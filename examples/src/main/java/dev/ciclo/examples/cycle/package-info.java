/**
 * The full-cycle demo, the lecture on real data: {@link dev.ciclo.examples.cycle.FullCycle} walks
 * scope, collection, training and error analysis, targeted augmentation, deployment behind the
 * inference server with a simulated mobile app, monitoring and the maintenance loop that
 * replaces the champion under live traffic, printing each step and writing a report folder.
 */
package dev.ciclo.examples.cycle;
