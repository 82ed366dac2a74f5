/**
 * The text example: voice-search queries whose vocabulary drifts when new names appear.
 * {@link dev.ciclo.examples.text.VoiceQueries} generates the queries (seeded templates and slot
 * values), {@link dev.ciclo.examples.text.HashingBagOfWords} turns them into features for a
 * Tribuo intent classifier, and {@link dev.ciclo.examples.text.QueryDrift} runs the story: serve,
 * log, monitor vocabulary drift, retrain through the maintenance loop and promote.
 */
package dev.ciclo.examples.text;
