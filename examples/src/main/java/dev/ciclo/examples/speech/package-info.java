/**
 * Ciclo's default speech recipe for spoken digits (the features and model the full-cycle demo
 * uses) and its honest evaluation on FSDD: leave-one-speaker-out, clean and with real street
 * noise at 5 dB.
 */
package dev.ciclo.examples.speech;
