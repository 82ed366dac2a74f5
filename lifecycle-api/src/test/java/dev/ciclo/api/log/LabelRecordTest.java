package dev.ciclo.api.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LabelRecordTest {
  @Test
  @DisplayName("a label names its request; blank ids and labels are refused with the request named")
  void validation() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LabelRecord("r-1", " ", Instant.EPOCH));
    assertEquals("label of request r-1 must not be blank but was ' '", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new LabelRecord("", "7", Instant.EPOCH));
    assertThrows(NullPointerException.class, () -> new LabelRecord("r-1", "7", null));
  }

  @Test
  @DisplayName("one label can be handed to several listeners")
  void listeners() {
    List<String> seen = new ArrayList<>();
    LabelListener a = l -> seen.add("a:" + l.requestId());
    LabelListener b = l -> seen.add("b:" + l.label());
    LabelRecord r = new LabelRecord("r-9", "3", Instant.EPOCH);
    List.of(a, b).forEach(x -> x.onLabel(r));
    assertEquals(List.of("a:r-9", "b:3"), seen);
  }
}
