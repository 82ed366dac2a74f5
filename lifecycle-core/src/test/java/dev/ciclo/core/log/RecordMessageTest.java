package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ciclo.api.log.Consent;
import dev.ciclo.api.log.PayloadRef;
import dev.ciclo.api.log.PredictionRecord;
import dev.ciclo.api.log.Signal;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecordMessageTest {
  private static final PredictionRecord R = PredictionRecord.of("r1",
      Instant.parse("2026-12-06T10:00:00Z"), "digits", "3",
      Map.of("rms", Signal.of(0.25), "device", Signal.of("ios")), "7", Map.of("7", 0.9),
      Duration.ofMillis(2), Consent.TRAINING, "user-1");

  /** The layout written by hand with DataOutputStream (big-endian), the independent oracle. */
  private static byte[] layout(byte[] json, int tail) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte('C');
    out.writeByte(1);
    out.writeInt(json.length);
    out.write(json);
    out.write(new byte[tail]);
    return bytes.toByteArray();
  }

  @Test
  @DisplayName("write lays out magic, version, big-endian length, the JSON and a zero tail;"
      + " frame finds them")
  void writeAndFrame() throws IOException {
    PayloadRef ref = new PayloadRef("ab".repeat(32), "audio/wav", 16044);
    for (int tail : new int[] {0, 1, 37, 5000}) {
      byte[] m = RecordMessage.write(R, ref, tail);
      byte[] json = PredictionRecordJson.toJson(R, ref);
      assertArrayEquals(layout(json, tail), m);
      RecordMessage.Frame f = RecordMessage.frame(m);
      assertEquals(new RecordMessage.Frame(6, json.length, 6 + json.length), f);
      assertEquals(R.withInput(java.util.Optional.of(ref)),
          PredictionRecordJson.fromJson(m, f.jsonOffset(), f.jsonLength()));
    }
    assertArrayEquals(layout(PredictionRecordJson.toJson(R), 2), RecordMessage.write(R, null, 2));
  }

  @Test
  @DisplayName("frame says what is wrong with a message that is not a record's")
  void badFrames() throws IOException {
    byte[] good = layout(PredictionRecordJson.toJson(R), 1);
    assertEquals("message of no bytes is too short for a Ciclo record", message(null));
    assertEquals("message of 6 bytes is too short for a Ciclo record",
        message(Arrays.copyOf(good, 6)));
    byte[] noMagic = good.clone();
    noMagic[0] = '{';
    assertEquals("message is not a Ciclo record (no magic byte)", message(noMagic));
    byte[] version = good.clone();
    version[1] = 9;
    assertEquals("record envelope version must be 1 but was 9", message(version));
    byte[] cut = Arrays.copyOf(good, 40);
    assertEquals("record of " + (good.length - 7) + " bytes in a message with 34 left:"
        + " truncated", message(cut));
    byte[] negative = good.clone();
    negative[2] = (byte) 0x80;
    assertEquals("record of " + (Integer.MIN_VALUE + good.length - 7) + " bytes in a message"
        + " with " + (good.length - 6) + " left: truncated", message(negative));
    assertThrows(IllegalArgumentException.class, () -> RecordMessage.write(R, null, -1));
  }

  private static String message(byte[] m) {
    return assertThrows(IllegalArgumentException.class, () -> RecordMessage.frame(m))
        .getMessage();
  }
}
