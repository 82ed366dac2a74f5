/**
 * Test fixtures that lifecycle-serve publishes in its test jar for the modules that start its
 * server in another JVM ({@code lifecycle-cli}'s {@code ServeJarIT}): {@link
 * dev.ciclo.serve.testing.ListeningProcess}.
 */
package dev.ciclo.serve.testing;
