package dev.ciclo.augment.audio;

/**
 * How samples are stored in a WAV file's {@code data} chunk.
 *
 * <p>Integer formats store {@code round(x * 2^(bits-1))}, clamped to the format's range; a sample
 * outside {@code [-1, 1]} is therefore clipped on writing. Float formats store the value as is.
 */
public enum SampleFormat {
  /** Unsigned 8-bit integer PCM (offset 128). */
  PCM_8(8, false),
  /** Signed 16-bit little-endian PCM: lossless for clips read from 16-bit files. */
  PCM_16(16, false),
  /** Signed 24-bit little-endian PCM. */
  PCM_24(24, false),
  /** Signed 32-bit little-endian PCM. */
  PCM_32(32, false),
  /** IEEE 754 32-bit float: lossless for any clip. */
  FLOAT_32(32, true),
  /** IEEE 754 64-bit float (read only as far as the clip's float precision allows). */
  FLOAT_64(64, true);

  private final int bits;
  private final boolean floating;

  SampleFormat(int bits, boolean floating) {
    this.bits = bits;
    this.floating = floating;
  }

  /**
   * Bits per sample.
   *
   * @return 8, 16, 24, 32 or 64
   */
  public int bitsPerSample() {
    return bits;
  }

  /**
   * Whether samples are IEEE floats.
   *
   * @return {@code true} for the float formats
   */
  public boolean isFloat() {
    return floating;
  }

  int bytes() {
    return bits / 8;
  }

  static SampleFormat of(boolean floating, int bits) {
    for (SampleFormat f : values()) {
      if (f.floating == floating && f.bits == bits) {
        return f;
      }
    }
    return null;
  }
}
