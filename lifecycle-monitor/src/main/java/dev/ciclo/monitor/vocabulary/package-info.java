/**
 * Vocabulary drift for text and transcripts: the out-of-vocabulary rate against the training
 * vocabulary with a confidence interval and a sequential test, the share of new terms, and the
 * top emerging terms. This is the "new politicians' names" case: the inputs contain words the
 * model never saw.
 */
package dev.ciclo.monitor.vocabulary;
