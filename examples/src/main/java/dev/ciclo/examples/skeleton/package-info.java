/**
 * The walking skeleton: the thinnest real path through the cycle, on Fisher's Iris data.
 */
package dev.ciclo.examples.skeleton;
