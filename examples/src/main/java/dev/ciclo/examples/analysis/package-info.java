/**
 * The analysis step of the story on real data: spoken digits with street noise mixed into part
 * of the dev set, error analysis that finds the noisy slice, the tagging round trip, the
 * bias/variance diagnosis from a learning curve, and the reports.
 */
package dev.ciclo.examples.analysis;
