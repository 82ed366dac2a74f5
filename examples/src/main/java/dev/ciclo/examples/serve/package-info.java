/**
 * Deploying the spoken-digit model: {@link dev.ciclo.examples.serve.DigitServing} trains two
 * versions on FSDD, registers them, serves the champion behind the inference server's plain WAV
 * endpoint (the mobile-app case), logs consenting requests and swaps in the new champion.
 */
package dev.ciclo.examples.serve;
