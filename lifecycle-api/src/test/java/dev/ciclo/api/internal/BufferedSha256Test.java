package dev.ciclo.api.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BufferedSha256Test {

  @Test
  void resetAlsoForgetsWhatAnInterruptedSetLeftInTheScratchDigest() {
    byte[] element = "tag".getBytes(StandardCharsets.UTF_8);
    BufferedSha256 fresh = new BufferedSha256();
    fresh.scratch().update(element);
    byte[] expected = fresh.scratch().digest();

    BufferedSha256 reused = new BufferedSha256();
    reused.scratch().update("half an element".getBytes(StandardCharsets.UTF_8));
    reused.reset(); // as after a put that threw in the middle of a set
    reused.scratch().update(element);
    assertArrayEquals(expected, reused.scratch().digest());
  }
}
