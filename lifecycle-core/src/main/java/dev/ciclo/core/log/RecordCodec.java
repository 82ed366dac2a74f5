package dev.ciclo.core.log;

import dev.ciclo.api.log.PredictionRecord;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One record per line: its {@link PredictionRecordJson} form, a tab, the CRC-32 of the JSON bytes
 * in hex, a newline.
 */
final class RecordCodec {
  private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

  private RecordCodec() {}

  static byte[] encode(PredictionRecord r) {
    byte[] line = PredictionRecordJson.toJson(r, null, 0, 10); // no copy of the JSON
    int n = line.length - 10;
    CRC32 crc = new CRC32();
    crc.update(line, 0, n);
    long v = crc.getValue();
    line[n] = '\t';
    for (int i = 0; i < 8; i++) {
      line[n + 1 + i] = (byte) HEX_DIGITS[(int) (v >>> (28 - 4 * i)) & 0xf];
    }
    line[n + 9] = '\n';
    return line;
  }

  /**
   * Decodes one line (without its newline).
   *
   * @return the record, or null if the line is not a complete, intact record
   */
  static PredictionRecord decode(byte[] buf, int from, int to) {
    int tab = -1;
    for (int i = to - 1; i >= from; i--) {
      if (buf[i] == '\t') {
        tab = i;
        break;
      }
    }
    if (tab < 0 || to - tab - 1 != 8) {
      return null;
    }
    long expected;
    try {
      expected = Long.parseLong(new String(buf, tab + 1, 8, StandardCharsets.US_ASCII), 16);
    } catch (NumberFormatException e) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(buf, from, tab - from);
    if (crc.getValue() != expected) {
      return null;
    }
    try {
      return PredictionRecordJson.fromJson(buf, from, tab - from);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
