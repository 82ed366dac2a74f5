/**
 * Runnable, tested programs that walk Ciclo's cycle. {@link dev.ciclo.examples.Main} is what the
 * README's first command runs.
 */
package dev.ciclo.examples;
