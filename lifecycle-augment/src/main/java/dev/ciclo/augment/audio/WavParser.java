package dev.ciclo.augment.audio;

import dev.ciclo.api.data.AudioClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The WAV codec behind {@link Wav}: every bound is checked before it is used. */
final class WavParser {
  private static final int FORMAT_PCM = 1;
  private static final int FORMAT_FLOAT = 3;
  private static final int FORMAT_ALAW = 6;
  private static final int FORMAT_MULAW = 7;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;
  private static final int MAX_CHANNELS = 1024;
  /**
   * The smallest data length taken as "unknown" when it runs past the end of the file: writers
   * that stream to a pipe put a placeholder of about 2 GiB or more there (sox 0x7FFFF000, others
   * 0x7FFFFFFF, 0x80000000 or 0xFFFFFFFF), and no file held in a byte array is that long.
   */
  private static final long UNKNOWN_LENGTH = 0x7FFFF000L;

  private WavParser() {}

  /** What was wrong with the bytes; turned into a CicloException naming the file by {@link Wav}. */
  static final class BadWav extends Exception {
    private static final long serialVersionUID = 1L;

    BadWav(String message) {
      super(message);
    }
  }

  static AudioClip parse(byte[] b) throws BadWav {
    if (b.length < 12) {
      throw new BadWav("file is " + b.length + " bytes long, too short for a RIFF header (12)");
    }
    if (!tag(b, 0, "RIFF")) {
      throw new BadWav(
          "does not start with 'RIFF' (found '" + printable(b, 0) + "'): not a WAV file");
    }
    if (!tag(b, 8, "WAVE")) {
      throw new BadWav("RIFF type is '" + printable(b, 8) + "', expected 'WAVE'");
    }
    int pos = 12;
    Fmt fmt = null;
    int dataPos = -1;
    long dataSize = -1;
    boolean streamed = false;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      long size = u32(b, pos + 4);
      long body = pos + 8L;
      if (id.equals("data")) {
        if (size == 0 && u32(b, 4) == 0 && body < b.length) {
          // RIFF and data lengths both 0: a header written before the length was known and
          // never patched (a recorder streaming its file); the samples are the rest of the file
          size = b.length - body;
          streamed = true;
        } else if (body + size > b.length) {
          if (size < UNKNOWN_LENGTH) {
            throw new BadWav(
                "data chunk declares " + size + " bytes but only " + (b.length - body)
                    + " remain: file truncated");
          }
          // written to a pipe: the samples are the rest of the file
          size = b.length - body;
          streamed = true;
        }
        dataPos = (int) body;
        dataSize = size;
      } else {
        if (body + size > b.length) {
          throw new BadWav(
              "chunk '" + printable(b, pos) + "' at byte " + pos + " declares " + size
                  + " bytes but only " + (b.length - body) + " remain: file truncated");
        }
        if (id.equals("fmt ")) {
          if (fmt != null) {
            throw new BadWav("has two 'fmt ' chunks");
          }
          fmt = Fmt.parse(b, (int) body, (int) size);
        }
      }
      long next = body + size + (size & 1);
      if (next > Integer.MAX_VALUE) {
        break;
      }
      pos = (int) next;
    }
    if (fmt == null) {
      throw new BadWav("has no 'fmt ' chunk");
    }
    if (dataPos < 0) {
      throw new BadWav("has no 'data' chunk");
    }
    if (streamed) {
      // a pipe cut anywhere may end inside a frame: only whole frames are samples
      dataSize -= dataSize % fmt.blockAlign;
    }
    return decodeSamples(b, dataPos, dataSize, fmt);
  }

  private static AudioClip decodeSamples(byte[] b, int pos, long size, Fmt fmt) throws BadWav {
    int block = fmt.blockAlign;
    if (size % block != 0) {
      throw new BadWav(
          "data chunk size " + size + " is not a multiple of the block size " + block
              + ": file truncated or corrupt");
    }
    long frames = size / block;
    float[] out = new float[(int) frames];
    int ch = fmt.channels;
    int bps = fmt.format.bytes();
    // One loop per format (no per-sample switch), channels averaged in double.
    double scale = 1.0 / ch;
    if (fmt.law != null) {
      for (int i = 0, at = pos; i < out.length; i++) {
        double sum = 0;
        for (int c = 0; c < ch; c++, at++) {
          sum += fmt.law[b[at] & 0xFF];
        }
        out[i] = (float) (sum * scale / 32768.0);
      }
      return AudioClip.of(out, fmt.sampleRate);
    }
    switch (fmt.format) {
      case PCM_16 -> {
        if (ch == 1) {
          for (int i = 0, at = pos; i < out.length; i++, at += 2) {
            out[i] = (short) ((b[at] & 0xFF) | b[at + 1] << 8) * (1f / 32768f);
          }
        } else {
          for (int i = 0, at = pos; i < out.length; i++) {
            double sum = 0;
            for (int c = 0; c < ch; c++, at += 2) {
              sum += (short) ((b[at] & 0xFF) | b[at + 1] << 8);
            }
            out[i] = (float) (sum * scale / 32768.0);
          }
        }
      }
      case PCM_8 -> {
        for (int i = 0, at = pos; i < out.length; i++) {
          double sum = 0;
          for (int c = 0; c < ch; c++, at++) {
            sum += (b[at] & 0xFF) - 128;
          }
          out[i] = (float) (sum * scale / 128.0);
        }
      }
      case PCM_24 -> {
        for (int i = 0, at = pos; i < out.length; i++) {
          double sum = 0;
          for (int c = 0; c < ch; c++, at += 3) {
            sum += (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | b[at + 2] << 16;
          }
          out[i] = (float) (sum * scale / 8388608.0);
        }
      }
      case PCM_32 -> {
        for (int i = 0, at = pos; i < out.length; i++) {
          double sum = 0;
          for (int c = 0; c < ch; c++, at += 4) {
            sum += (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16
                | b[at + 3] << 24;
          }
          out[i] = (float) (sum * scale / 2147483648.0);
        }
      }
      case FLOAT_32, FLOAT_64 -> {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0, at = pos; i < out.length; i++) {
          double sum = 0;
          for (int c = 0; c < ch; c++, at += bps) {
            double v = bps == 4 ? buf.getFloat(at) : buf.getDouble(at);
            if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
              throw new BadWav("sample " + i + " of channel " + c + " is " + v + ", not finite");
            }
            sum += v;
          }
          double m = ch == 1 ? sum : sum * scale;
          if (Math.abs(m) > Float.MAX_VALUE) {
            throw new BadWav("sample " + i + " mixes down to " + m + ", beyond float range");
          }
          out[i] = (float) m;
        }
      }
    }
    return AudioClip.of(out, fmt.sampleRate);
  }

  static byte[] encode(AudioClip clip, SampleFormat format) {
    int n = clip.length();
    long dataBytes = (long) n * format.bytes();
    if (dataBytes + 44 > 0xFFFFFFFFL || dataBytes + 44 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "clip must have at most " + ((Integer.MAX_VALUE - 52) / format.bytes())
              + " samples to fit in a WAV file but had " + n);
    }
    ByteBuffer o = ByteBuffer.allocate((int) dataBytes + 44).order(ByteOrder.LITTLE_ENDIAN);
    o.put(ascii("RIFF")).putInt((int) (dataBytes + 36)).put(ascii("WAVE"));
    o.put(ascii("fmt ")).putInt(16);
    o.putShort((short) (format.isFloat() ? FORMAT_FLOAT : FORMAT_PCM)).putShort((short) 1);
    o.putInt(clip.sampleRate()).putInt(clip.sampleRate() * format.bytes());
    o.putShort((short) format.bytes()).putShort((short) format.bitsPerSample());
    o.put(ascii("data")).putInt((int) dataBytes);
    FloatBuffer s = clip.asBuffer();
    for (int i = 0; i < n; i++) {
      float x = s.get(i);
      switch (format) {
        case PCM_8 -> o.put((byte) (quantize(x, 128) + 128));
        case PCM_16 -> o.putShort((short) quantize(x, 32768));
        case PCM_24 -> {
          long q = quantize(x, 8388608);
          o.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
        }
        case PCM_32 -> o.putInt((int) quantize(x, 2147483648.0));
        case FLOAT_32 -> o.putFloat(x);
        case FLOAT_64 -> o.putDouble(x);
      }
    }
    return o.array();
  }

  private static long quantize(float x, double full) {
    long q = Math.round(x * full);
    return Math.max(-(long) full, Math.min((long) full - 1, q));
  }

  /** ITU-T G.711 mu-law: each of the 256 codes as a 16-bit linear value (+-32124). */
  private static final short[] MU_LAW = new short[256];
  /** ITU-T G.711 A-law: each of the 256 codes as a 16-bit linear value (+-32256). */
  private static final short[] A_LAW = new short[256];

  static {
    for (int code = 0; code < 256; code++) {
      int u = ~code & 0xFF;
      int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
      MU_LAW[code] = (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
      int a = code ^ 0x55;
      int seg = (a & 0x70) >> 4;
      int v = (a & 0x0F) << 4;
      v = seg == 0 ? v + 8 : (v + 0x108) << (seg - 1);
      A_LAW[code] = (short) ((a & 0x80) != 0 ? v : -v);
    }
  }

  /** The G.711 table of an audio format tag (6 A-law, 7 mu-law), for tests. */
  static short[] g711(int tag) {
    return (tag == FORMAT_ALAW ? A_LAW : MU_LAW).clone();
  }

  private static final class Fmt {
    final SampleFormat format;
    final int channels;
    final int sampleRate;
    final int blockAlign;
    /** The G.711 table of companded 8-bit samples, else null. */
    final short[] law;

    private Fmt(SampleFormat format, int channels, int sampleRate, int blockAlign, short[] law) {
      this.format = format;
      this.channels = channels;
      this.sampleRate = sampleRate;
      this.blockAlign = blockAlign;
      this.law = law;
    }

    static Fmt parse(byte[] b, int p, int size) throws BadWav {
      if (size < 16) {
        throw new BadWav("'fmt ' chunk is " + size + " bytes, shorter than 16");
      }
      int tag = u16(b, p);
      int channels = u16(b, p + 2);
      long rate = u32(b, p + 4);
      int blockAlign = u16(b, p + 12);
      int bits = u16(b, p + 14);
      if (tag == FORMAT_EXTENSIBLE) {
        if (size < 40) {
          throw new BadWav(
              "'fmt ' chunk of WAVE_FORMAT_EXTENSIBLE is " + size + " bytes, shorter than 40");
        }
        tag = u16(b, p + 24);
      }
      if (tag != FORMAT_PCM && tag != FORMAT_FLOAT && tag != FORMAT_ALAW
          && tag != FORMAT_MULAW) {
        throw new BadWav("audio format " + tag + " is not supported (only 1 = PCM, 3 = IEEE"
            + " float, 6 = A-law and 7 = mu-law)");
      }
      if (channels < 1 || channels > MAX_CHANNELS) {
        throw new BadWav(
            "channel count must be between 1 and " + MAX_CHANNELS + " but was " + channels);
      }
      if (rate < 1 || rate > AudioClip.MAX_SAMPLE_RATE) {
        throw new BadWav(
            "sample rate must be between 1 and " + AudioClip.MAX_SAMPLE_RATE + " Hz but was "
                + rate);
      }
      if (tag == FORMAT_ALAW || tag == FORMAT_MULAW) {
        String name = tag == FORMAT_ALAW ? "A-law" : "mu-law";
        if (bits != 8) {
          throw new BadWav(name + " samples must have 8 bits but have " + bits);
        }
        if (blockAlign != channels) {
          throw new BadWav("block align is " + blockAlign + " but " + channels + " channels of "
              + name + " need " + channels);
        }
        return new Fmt(SampleFormat.PCM_8, channels, (int) rate, blockAlign,
            tag == FORMAT_ALAW ? A_LAW : MU_LAW);
      }
      SampleFormat f = SampleFormat.of(tag == FORMAT_FLOAT, bits);
      if (f == null) {
        throw new BadWav(
            (tag == FORMAT_FLOAT ? "float" : "PCM") + " samples of " + bits
                + " bits are not supported (PCM: 8, 16, 24, 32; float: 32, 64)");
      }
      if (blockAlign != channels * f.bytes()) {
        throw new BadWav(
            "block align is " + blockAlign + " but " + channels + " channels of " + bits
                + " bits need " + channels * f.bytes());
      }
      return new Fmt(f, channels, (int) rate, blockAlign, null);
    }
  }

  private static boolean tag(byte[] b, int p, String t) {
    for (int i = 0; i < 4; i++) {
      if (b[p + i] != t.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String printable(byte[] b, int p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4 && p + i < b.length; i++) {
      int c = b[p + i] & 0xFF;
      sb.append(c >= 32 && c < 127 ? (char) c : '?');
    }
    return sb.toString();
  }

  private static int u16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int p) {
    return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16
        | (b[p + 3] & 0xFFL) << 24;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
