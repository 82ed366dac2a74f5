/**
 * The prediction log on files: {@link dev.ciclo.core.log.FilePredictionLog} appends
 * {@link dev.ciclo.api.log.PredictionRecord}s as checksummed JSON lines in segments under the
 * workspace's {@code logs/} folder, rotating by size and age, applying a
 * {@link dev.ciclo.core.log.PrivacyPolicy} (keep, drop, hash or bucket each input field),
 * keeping only records whose consent allows it, dropping segments past a retention limit and
 * erasing a subject's records on request. A process killed mid-write leaves at most one torn
 * line, which readers skip and count ({@link dev.ciclo.core.log.LogRead}).
 *
 * <p>Line format, one record per line: the record as a JSON object, a tab, its CRC-32 as eight
 * lower-case hex digits, a newline.
 */
package dev.ciclo.core.log;
