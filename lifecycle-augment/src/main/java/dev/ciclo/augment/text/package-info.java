/**
 * Text augmenters in the manner of nlpaug: {@link dev.ciclo.augment.text.CharacterTypos}, {@link
 * dev.ciclo.augment.text.WordDropout} and {@link dev.ciclo.augment.text.WordSwap}. Each takes a
 * protected vocabulary (compared case-insensitively) whose words are never changed, dropped or
 * moved: product names, digits, the words a query must keep.
 *
 * <p>Text is split into words at runs of whitespace and joined again with single spaces.
 */
package dev.ciclo.augment.text;
