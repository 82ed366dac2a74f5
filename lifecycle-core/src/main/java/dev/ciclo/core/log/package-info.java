/**
 * The prediction log on files: {@link dev.ciclo.core.log.FilePredictionLog} appends
 * {@link dev.ciclo.api.log.PredictionRecord}s as checksummed JSON lines in segments under the
 * workspace's {@code logs/} folder, rotating by size and age, applying a
 * {@link dev.ciclo.core.log.PrivacyPolicy} (keep, drop, hash or bucket each typed signal),
 * keeping only what each record's consent allows, dropping segments past a retention limit and
 * erasing a subject's records on request. Raw inputs kept under training consent go to the
 * content-addressed {@link dev.ciclo.core.log.PayloadStore} in {@code logs/payloads/} (SHA-256,
 * once per distinct content, checked on every read), written before the record that names them;
 * erasure and retention remove the payloads no live record references. A process killed
 * mid-write leaves at most one torn line, which readers skip and count
 * ({@link dev.ciclo.core.log.LogRead}), and no record that references a missing or torn payload.
 *
 * <p>Line format, one record per line: the record as {@link
 * dev.ciclo.core.log.PredictionRecordJson} writes it (format version 2), a tab, its CRC-32 as
 * eight lower-case hex digits, a newline.
 */
package dev.ciclo.core.log;
