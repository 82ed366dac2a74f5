package dev.ciclo.augment.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.AudioClip;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {
  @TempDir Path tmp;

  private static AudioClip clip16(List<Integer> ints, int rate) {
    float[] s = new float[ints.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = ints.get(i) / 32768f;
    }
    return AudioClip.of(s, rate);
  }

  @Test
  @DisplayName("a 16-bit clip encoded then decoded gives exactly the same samples and rate")
  void roundTrip16IsLossless() {
    qt().withExamples(300)
        .forAll(
            lists().of(integers().between(-32768, 32767)).ofSizeBetween(0, 400),
            integers().between(1, AudioClip.MAX_SAMPLE_RATE))
        .checkAssert(
            (ints, rate) -> {
              AudioClip c = clip16(ints, rate);
              byte[] bytes = Wav.encode(c, SampleFormat.PCM_16);
              AudioClip back = Wav.decode(bytes, "mem");
              assertEquals(c, back);
              assertArrayEquals(bytes, Wav.encode(back, SampleFormat.PCM_16));
            });
  }

  @Test
  @DisplayName("a 16-bit file written then read is lossless, and rewriting gives the same bytes")
  void fileRoundTrip() throws Exception {
    AudioClip c = clip16(List.of(-32768, -1, 0, 1, 32767, 1234, -4321), 8000);
    Path f = tmp.resolve("sub/a.wav");
    Wav.write(c, f);
    AudioClip back = Wav.read(f);
    assertEquals(c, back);
    Path g = tmp.resolve("b.wav");
    Wav.write(back, g);
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g));
  }

  @Test
  @DisplayName("every sample format round-trips within its quantisation step")
  void allFormats() {
    float[] s = {0f, 0.5f, -0.5f, 0.99f, -1f, 0.123456f, -0.000123f};
    AudioClip c = AudioClip.of(s, 22050);
    for (SampleFormat f : SampleFormat.values()) {
      AudioClip back = Wav.decode(Wav.encode(c, f), f.name());
      double step = f.isFloat() ? 0 : Math.pow(2, -(f.bitsPerSample() - 1));
      for (int i = 0; i < s.length; i++) {
        assertEquals(s[i], back.sample(i), step / 2 + 1e-7, f + " sample " + i);
      }
      assertEquals(22050, back.sampleRate());
    }
  }

  @Test
  @DisplayName("samples outside [-1, 1] are clipped when written as integers")
  void clipsOnWrite() {
    AudioClip back =
        Wav.decode(Wav.encode(AudioClip.of(new float[] {3f, -3f}, 8000), SampleFormat.PCM_16), "m");
    assertEquals(32767 / 32768f, back.sample(0));
    assertEquals(-1f, back.sample(1));
  }

  @Test
  @DisplayName("a stereo 24-bit WAVE_FORMAT_EXTENSIBLE file is mixed down to mono")
  void stereoExtensible24() {
    byte[] b = extensibleStereo24(new int[][] {{4194304, 0}, {-8388608, 8388607}});
    AudioClip c = Wav.decode(b, "stereo");
    assertEquals(2, c.length());
    assertEquals(0.25, c.sample(0), 1e-7);
    assertEquals(-0.5 / 8388608, c.sample(1), 1e-9);
    assertEquals(48000, c.sampleRate());
  }

  @Test
  @DisplayName("bad files get a CicloException naming the file and what was wrong")
  void clearErrors() throws Exception {
    byte[] good = Wav.encode(AudioClip.of(new float[100], 8000), SampleFormat.PCM_16);
    assertMessage(new byte[5], "too short");
    assertMessage("RIFX....WAVE".getBytes(), "'RIFF'");
    assertMessage(java.util.Arrays.copyOf(good, good.length - 7), "truncated");
    byte[] adpcm = good.clone();
    adpcm[20] = 2;
    assertMessage(adpcm, "audio format 2 is not supported (only 1 = PCM, 3 = IEEE float, 6 ="
        + " A-law and 7 = mu-law)");
    byte[] bits = good.clone();
    bits[34] = 12;
    assertMessage(bits, "12 bits are not supported");
    byte[] rate = good.clone();
    rate[24] = 0;
    rate[25] = 0;
    rate[26] = 0;
    rate[27] = 0;
    assertMessage(rate, "sample rate must be between 1 and");
    Path missing = tmp.resolve("missing.wav");
    CicloException e = assertThrows(CicloException.class, () -> Wav.read(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getCause() != null);
    Path bad = tmp.resolve("bad.wav");
    Files.write(bad, java.util.Arrays.copyOf(good, 50));
    e = assertThrows(CicloException.class, () -> Wav.read(bad));
    assertTrue(e.getMessage().contains("bad.wav") && e.getMessage().contains("truncated"),
        e.getMessage());
  }

  @Test
  @DisplayName("G.711 mu-law and A-law codes decode to the ITU-T tables' linear values (anchors"
      + " from Python's audioop, an independent implementation), odd-symmetric and monotonic")
  void g711Tables() {
    int[] codes = {0x00, 0x01, 0x0F, 0x10, 0x3F, 0x40, 0x7E, 0x7F, 0x80, 0x81, 0x8F, 0xC0, 0xFE,
        0xFF};
    // python3: audioop.ulaw2lin(bytes([c]), 2) and audioop.alaw2lin(bytes([c]), 2)
    int[] mu = {-32124, -31100, -16764, -15996, -1980, -1884, -8, 0, 32124, 31100, 16764, 1884,
        8, 0};
    int[] a = {-5504, -5248, -6784, -2752, -13568, -344, -880, -848, 5504, 5248, 6784, 344, 880,
        848};
    short[] muTable = WavParser.g711(7);
    short[] aTable = WavParser.g711(6);
    for (int i = 0; i < codes.length; i++) {
      assertEquals(mu[i], muTable[codes[i]], "mu-law " + codes[i]);
      assertEquals(a[i], aTable[codes[i]], "A-law " + codes[i]);
    }
    for (int c = 0; c < 128; c++) {
      assertEquals(muTable[c], -muTable[c | 0x80], "mu-law " + c);
      assertEquals(aTable[c], -aTable[c | 0x80], "A-law " + c);
      if (c > 0) {
        assertTrue(muTable[c] > muTable[c - 1], "mu-law rises over " + c);
      }
    }
  }

  @Test
  @DisplayName("a mu-law WAV as sox writes it (an 18-byte fmt chunk, a fact chunk) and a stereo"
      + " A-law WAV decode to the G.711 values, mixed down")
  void g711Files() {
    byte[] codes = {0x00, 0x7F, (byte) 0x80, (byte) 0xC0, 0x40, (byte) 0xFE};
    ByteBuffer mu = ByteBuffer.allocate(12 + 26 + 12 + 8 + codes.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    mu.put("RIFF".getBytes()).putInt(mu.capacity() - 8).put("WAVE".getBytes());
    mu.put("fmt ".getBytes()).putInt(18).putShort((short) 7).putShort((short) 1).putInt(8000)
        .putInt(8000).putShort((short) 1).putShort((short) 8).putShort((short) 0);
    mu.put("fact".getBytes()).putInt(4).putInt(codes.length);
    mu.put("data".getBytes()).putInt(codes.length).put(codes);
    AudioClip clip = Wav.decode(mu.array(), "mulaw.wav");
    short[] table = WavParser.g711(7);
    assertEquals(8000, clip.sampleRate());
    for (int i = 0; i < codes.length; i++) {
      assertEquals(table[codes[i] & 0xFF] / 32768f, clip.sample(i), 0f, "sample " + i);
    }
    ByteBuffer alaw = ByteBuffer.allocate(12 + 24 + 8 + codes.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    alaw.put("RIFF".getBytes()).putInt(alaw.capacity() - 8).put("WAVE".getBytes());
    alaw.put("fmt ".getBytes()).putInt(16).putShort((short) 6).putShort((short) 2).putInt(8000)
        .putInt(16000).putShort((short) 2).putShort((short) 8);
    alaw.put("data".getBytes()).putInt(codes.length).put(codes);
    clip = Wav.decode(alaw.array(), "alaw.wav");
    table = WavParser.g711(6);
    assertEquals(codes.length / 2, clip.length());
    for (int i = 0; i < clip.length(); i++) {
      double want = (table[codes[2 * i] & 0xFF] + table[codes[2 * i + 1] & 0xFF]) / 2 / 32768.0;
      assertEquals((float) want, clip.sample(i), 0f, "sample " + i);
    }
    byte[] bits = alaw.array().clone();
    bits[34] = 16;
    assertMessage(bits, "A-law samples must have 8 bits but have 16");
  }

  @Test
  @DisplayName("a WAV written to a pipe (a placeholder data length of 0x7FFFF000 bytes or more,"
      + " past the end, or RIFF and data lengths both 0) is read to its end in whole frames; a"
      + " shorter length past the end is still a truncated file")
  void streamedLength() {
    float[] s = new float[101];
    for (int i = 0; i < s.length; i++) {
      s[i] = (i - 50) / 64f;
    }
    AudioClip clip = AudioClip.of(s, 8000);
    byte[] good = Wav.encode(clip, SampleFormat.PCM_16);
    int at = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("data") + 4;
    for (long placeholder : new long[] {0x7FFFF000L, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL}) {
      byte[] b = good.clone();
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, (int) placeholder);
      assertArrayEquals(s, Wav.decode(b, "piped.wav").samples(), Long.toHexString(placeholder));
      // the pipe was cut inside the last sample: the whole frames before it
      AudioClip cut = Wav.decode(java.util.Arrays.copyOf(b, b.length - 1), "piped.wav");
      assertArrayEquals(java.util.Arrays.copyOf(s, 100), cut.samples());
    }
    // a header never patched: RIFF and data lengths 0
    byte[] unpatched = good.clone();
    ByteBuffer.wrap(unpatched).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0).putInt(at, 0);
    assertArrayEquals(s, Wav.decode(unpatched, "unpatched.wav").samples());
    // a data chunk of 0 bytes in a RIFF whose length is set is an empty clip, then chunks
    byte[] empty = Wav.encode(AudioClip.of(new float[0], 8000), SampleFormat.PCM_16);
    assertEquals(0, Wav.decode(empty, "empty.wav").length());
    byte[] longer = good.clone();
    ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 2 * 101 + 2);
    assertMessage(longer, "data chunk declares 204 bytes but only 202 remain: file truncated");
    ByteBuffer.wrap(longer).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 0x7FFFEFFF);
    assertMessage(longer, "truncated");
  }

  private static void assertMessage(byte[] bytes, String part) {
    CicloException e = assertThrows(CicloException.class, () -> Wav.decode(bytes, "the-file.wav"));
    assertTrue(e.getMessage().contains("the-file.wav"), e.getMessage());
    assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
  }

  @Test
  @DisplayName("random byte mutations give a clip or a CicloException naming the file, nothing else")
  void mutationsNeverEscape() {
    float[] s = new float[64];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) Math.sin(i * 0.3) * 0.8f;
    }
    List<byte[]> seeds =
        List.of(
            Wav.encode(AudioClip.of(s, 8000), SampleFormat.PCM_16),
            Wav.encode(AudioClip.of(s, 44100), SampleFormat.FLOAT_32),
            Wav.encode(AudioClip.of(s, 16000), SampleFormat.PCM_8),
            extensibleStereo24(new int[][] {{1, 2}, {3, 4}, {5, 6}}));
    qt().withExamples(3000)
        .forAll(
            integers().between(0, seeds.size() - 1),
            lists().of(integers().between(0, Integer.MAX_VALUE)).ofSizeBetween(1, 6),
            integers().between(0, 2))
        .checkAssert(
            (which, edits, mode) -> {
              byte[] b = seeds.get(which).clone();
              for (int r : edits) {
                b[r % b.length] = (byte) (r >>> 8);
              }
              if (mode == 1) {
                b = java.util.Arrays.copyOf(b, edits.get(0) % b.length);
              } else if (mode == 2) {
                byte[] longer = java.util.Arrays.copyOf(b, b.length + 9);
                longer[b.length + 3] = (byte) edits.get(0).intValue();
                b = longer;
              }
              try {
                AudioClip c = Wav.decode(b, "fuzz.wav");
                assertTrue(c.length() <= b.length);
              } catch (CicloException e) {
                assertTrue(e.getMessage().startsWith("bad WAV file fuzz.wav: "), e.getMessage());
                // A diagnosed problem, not a parser crash that decode() wrapped as a last resort.
                assertTrue(e.getCause() instanceof WavParser.BadWav, () -> "undiagnosed: " + e);
              }
            });
  }

  static byte[] extensibleStereo24(int[][] frames) {
    int data = frames.length * 6;
    ByteBuffer o = ByteBuffer.allocate(76 + data).order(ByteOrder.LITTLE_ENDIAN);
    o.put("RIFF".getBytes()).putInt(68 + data).put("WAVE".getBytes());
    o.put("LIST".getBytes()).putInt(0);
    o.put("fmt ".getBytes()).putInt(40).putShort((short) 0xFFFE).putShort((short) 2);
    o.putInt(48000).putInt(48000 * 6).putShort((short) 6).putShort((short) 24);
    o.putShort((short) 22).putShort((short) 24).putInt(3);
    o.putShort((short) 1).put(new byte[14]);
    o.put("data".getBytes()).putInt(data);
    for (int[] f : frames) {
      for (int v : f) {
        o.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
      }
    }
    return o.array();
  }
}
