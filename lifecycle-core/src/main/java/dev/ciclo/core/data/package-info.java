/**
 * Building and splitting datasets: {@link dev.ciclo.core.data.CsvReader} reads a CSV file by a
 * {@link dev.ciclo.core.data.CsvSchema}, {@link dev.ciclo.core.data.AudioFolderReader} a folder
 * of audio files labelled by their names; {@link dev.ciclo.core.data.DataSplitter} makes
 * deterministic, seeded random, stratified, group-aware, k-fold, time-ordered and rule-based
 * splits and refuses splits that leave a part empty or a label unseen in training.
 */
package dev.ciclo.core.data;
