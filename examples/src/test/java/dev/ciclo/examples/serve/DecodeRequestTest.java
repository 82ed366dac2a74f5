package dev.ciclo.examples.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.data.AudioClip;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DecodeRequestTest {
  @Test
  @DisplayName("an empty WAV (0 samples) is refused as the client's mistake; a real clip decodes")
  void emptyWavRefused() {
    byte[] empty = Wav.encode(AudioClip.of(new float[0], 8000), SampleFormat.PCM_16);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DigitServing.decodeRequest(empty));
    assertEquals("the WAV file holds 0 samples; send a clip of speech", e.getMessage());
    byte[] one = Wav.encode(AudioClip.of(new float[] {0.5f, -0.5f}, 8000), SampleFormat.PCM_16);
    assertEquals(2, DigitServing.decodeRequest(one).length());
  }
}
