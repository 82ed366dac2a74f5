/**
 * Where the examples get their speech data: {@link dev.ciclo.examples.data.SpeechData#resolve}
 * reads FSDD and the noise recordings from the data folder ({@code CICLO_DATA_DIR}, else
 * {@code ../shared/data}), else downloads FSDD into a cache with checksum verification
 * ({@link dev.ciclo.examples.data.FsddDownloader}), else generates a small synthetic
 * spoken-digit set ({@link dev.ciclo.examples.data.SyntheticDigits}) and says so. Also the
 * split by speaker, the noise plan and the features and model ({@link
 * dev.ciclo.examples.data.DigitRecipe}) that the cycle's examples share.
 */
package dev.ciclo.examples.data;
