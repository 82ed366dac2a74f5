/**
 * The serve command: {@link dev.ciclo.serve.cli.ServeCommand} serves a model from a registry
 * folder (following its alias, so several replicas follow one promotion) or from a KServe-style
 * model directory, as a {@code main} or as a plain method taking
 * {@link dev.ciclo.serve.cli.ServeOptions}.
 */
package dev.ciclo.serve.cli;
