/**
 * Helpers shared by the packages of {@code lifecycle-augment}: small numeric
 * routines. Not part of the api: anything here may change without notice, and hosts should not
 * call it.
 */
package dev.ciclo.augment.internal;
