package dev.ciclo.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.data.Example;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.api.predict.Prediction;
import dev.ciclo.api.predict.Predictor;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("decoding WAV requests for serving")
class SpeechRequestsTest {
  private static float[] tone(int rate, double hz, double seconds) {
    float[] x = new float[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }

  /** A 16-bit PCM WAV with interleaved channels. */
  static byte[] wav(int rate, float[]... channels) {
    int n = channels[0].length;
    int ch = channels.length;
    ByteBuffer b = ByteBuffer.allocate(44 + n * ch * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + n * ch * 2)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(
            StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) ch)
        .putInt(rate).putInt(rate * ch * 2).putShort((short) (ch * 2)).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(n * ch * 2);
    for (int i = 0; i < n; i++) {
      for (float[] c : channels) {
        b.putShort((short) Math.round(c[i] * 32767));
      }
    }
    return b.array();
  }

  @Test
  @DisplayName("an 8 kHz mono WAV decodes as it is")
  void asIs() {
    AudioClip c = SpeechRequests.defaults().decode(
        Wav.encode(AudioClip.of(tone(8000, 440, 1), 8000), SampleFormat.PCM_16));
    assertEquals(8000, c.sampleRate());
    assertEquals(8000, c.length());
  }

  @Test
  @DisplayName("a 16 kHz and a 44.1 kHz WAV are resampled to 8 kHz, keeping a 440 Hz tone")
  void resampled() {
    for (int rate : new int[] {16000, 44100}) {
      AudioClip c = SpeechRequests.defaults().decode(wav(rate, tone(rate, 440, 1)));
      assertEquals(8000, c.sampleRate());
      assertEquals(8000, c.length(), 2);
      int crossings = 0;
      for (int i = 1000; i < 7000; i++) {
        crossings += (c.sample(i - 1) < 0) != (c.sample(i) < 0) ? 1 : 0;
      }
      // 440 Hz: 880 crossings a second, 660 in 0.75 s
      assertEquals(660, crossings, 4, "zero crossings at " + rate + " Hz");
    }
  }

  @Test
  @DisplayName("a rate below half the model's is refused naming it (a 64-byte WAV at 1 Hz is ten"
      + " seconds to upsample); half the model's rate is served")
  void lowRate() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpeechRequests.defaults().decode(wav(1, new float[10])));
    assertEquals("WAV sample rate must be at least 4000 Hz (half the model's 8000 Hz) but was"
        + " 1 Hz", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SpeechRequests.defaults().decode(wav(3999, tone(3999, 440, 1))));
    assertEquals(8000, SpeechRequests.of(16000, 1).minSampleRate());
    AudioClip c = SpeechRequests.defaults().decode(wav(4000, tone(4000, 440, 1)));
    assertEquals(8000, c.sampleRate());
    assertEquals(8000, c.length(), 2);
  }

  @Test
  @DisplayName("a stereo WAV is mixed down: the mean of the channels")
  void stereo() {
    float[] left = tone(8000, 440, 0.5);
    float[] right = new float[left.length];
    AudioClip c = SpeechRequests.defaults().decode(wav(8000, left, right));
    assertEquals(left.length, c.length());
    for (int i = 0; i < 100; i++) {
      assertEquals(Math.round(left[i] * 32767) / 32768.0 / 2, c.sample(i), 1e-4);
    }
  }

  @Test
  @DisplayName("a clip over the maximum is refused with the duration and the limit")
  void tooLong() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpeechRequests.defaults().decode(wav(8000, new float[8000 * 11])));
    assertEquals("clip duration must be at most 10.0 s but was 11.000 s", e.getMessage());
    SpeechRequests two = SpeechRequests.of(8000, 2);
    assertEquals(2.0, two.maxSeconds());
    assertThrows(IllegalArgumentException.class, () -> two.decode(wav(16000, new float[40000])));
  }

  @Test
  @DisplayName("float samples outside [-1, 1] are refused naming the sample and its value;"
      + " full scale itself is served")
  void outOfRange() {
    float[] x = new float[800];
    x[3] = 1e38f;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpeechRequests.defaults().decode(Wav.encode(AudioClip.of(x, 8000),
            SampleFormat.FLOAT_32)));
    assertEquals("WAV samples must be between -1 and 1 but sample 3 was 1.0E38", e.getMessage());
    x[3] = 0;
    x[7] = -1.5f;
    assertEquals("WAV samples must be between -1 and 1 but sample 7 was -1.5",
        assertThrows(IllegalArgumentException.class, () -> SpeechRequests.defaults().decode(
            Wav.encode(AudioClip.of(x, 8000), SampleFormat.FLOAT_64))).getMessage());
    x[7] = -1f;
    x[9] = 1f;
    AudioClip c = SpeechRequests.defaults().decode(Wav.encode(AudioClip.of(x, 8000),
        SampleFormat.FLOAT_32));
    assertEquals(-1f, c.sample(7));
    assertEquals(1f, c.sample(9));
  }

  @Test
  @DisplayName("an empty WAV decodes to an empty clip (the model answers it \"no speech\")")
  void empty() {
    assertEquals(0, SpeechRequests.defaults().decode(wav(16000, new float[0])).length());
  }

  @Test
  @DisplayName("bytes that are not a WAV get an error naming the request body")
  void notWav() {
    CicloException e = assertThrows(CicloException.class,
        () -> SpeechRequests.defaults().decode("hello".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("request body"), e.getMessage());
  }

  @Test
  @DisplayName("bad settings are refused with the parameter and the value")
  void badSettings() {
    assertEquals("maxSeconds must be more than 0 and at most 600 but was 0.0",
        assertThrows(IllegalArgumentException.class, () -> SpeechRequests.of(8000, 0))
            .getMessage());
    assertEquals("sampleRate must be between 1000 and 192000 Hz but was 10",
        assertThrows(IllegalArgumentException.class, () -> SpeechRequests.of(10, 1))
            .getMessage());
  }

  @Test
  @DisplayName("the served path (decode, features, model) answers an empty WAV, 50 ms of tone,"
      + " 10 s of stereo silence at 44.1 kHz and 1 s of white noise at 16 kHz \"no speech\""
      + " with score 1, not an error and not a digit; an 11 s clip is refused")
  void servedNoSpeech() {
    SpeechRecipe recipe = SpeechRecipe.builder().epochs(1).members(1)
        .progress(SpeechRecipe.Progress.OFF).build();
    Random r = new Random(2);
    List<Example<FeatureVector, String>> ex = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      float[] x = VoiceActivityTest.vowel(90 + 5 * i, 500 + 100 * (i % 4), 1500, r);
      ex.add(Example.of("v" + i, recipe.features().extract(AudioClip.of(x, 8000)),
          Integer.toString(i % 4)));
    }
    Predictor<AudioClip, String> served =
        recipe.onAudio(recipe.trainer().train(Dataset.of("vowels", ex), 1));
    float[] noise = new float[16000];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * r.nextGaussian());
    }
    List<byte[]> bodies = List.of(wav(16000, new float[0]), wav(8000, tone(8000, 300, 0.05)),
        wav(44100, new float[441000], new float[441000]), wav(16000, noise));
    for (byte[] body : bodies) {
      Prediction<String> p = served.predict(SpeechRequests.defaults().decode(body));
      assertEquals(SpeechRecipe.NO_SPEECH, p.value(), body.length + " bytes");
      assertEquals(1.0, p.confidence().orElseThrow());
    }
    assertThrows(IllegalArgumentException.class,
        () -> SpeechRequests.defaults().decode(wav(8000, new float[88000])));
  }
}
