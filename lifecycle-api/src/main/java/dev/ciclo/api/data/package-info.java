/**
 * Data: {@link dev.ciclo.api.data.Example}s, immutable {@link dev.ciclo.api.data.Dataset}s with a
 * content fingerprint and provenance, train/dev/test {@link dev.ciclo.api.data.Splits}, and the
 * {@link dev.ciclo.api.data.AudioClip} input of the speech story.
 */
package dev.ciclo.api.data;
