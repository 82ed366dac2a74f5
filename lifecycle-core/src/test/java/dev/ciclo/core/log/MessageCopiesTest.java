package dev.ciclo.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageCopiesTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a byte-identical message is a copy (a new array with the same bytes too); one"
      + " differing in one byte, or only in length, is not")
  void copies() {
    MessageCopies c = new MessageCopies();
    assertTrue(c.first(bytes("{\"id\":\"r1\"}")));
    assertFalse(c.first(bytes("{\"id\":\"r1\"}")));
    assertTrue(c.first(bytes("{\"id\":\"r2\"}")));
    assertTrue(c.first(bytes("{\"id\":\"r1\"} ")));
    assertTrue(c.first(new byte[0]));
    assertFalse(c.first(new byte[0]));
    assertTrue(c.first(null), "a tombstone is never a copy");
    assertTrue(c.first(null));
  }

  @Test
  @DisplayName("it remembers the last `recent` messages: a copy further back than that is taken"
      + " as new; over 100,000 random messages it finds exactly the copies a map of each"
      + " message's place finds")
  void recent() {
    MessageCopies two = new MessageCopies(2);
    assertTrue(two.first(bytes("a")));
    assertTrue(two.first(bytes("b")));
    assertFalse(two.first(bytes("a")));
    assertTrue(two.first(bytes("c"))); // forgets a
    assertTrue(two.first(bytes("a")));

    // against a map of each message to its place among the messages seen first: a copy is one
    // among the last 5,000 of those. 100,000 messages drawn from 8,000, so that copies near and
    // far (past the window: forgotten, new again) both occur.
    int recent = 5_000;
    SplittableRandom r = new SplittableRandom(7);
    MessageCopies c = new MessageCopies(recent);
    Map<String, Integer> place = new HashMap<>();
    int seenFirst = 0;
    int copies = 0;
    int forgotten = 0;
    for (int i = 0; i < 100_000; i++) {
      String m = "message " + r.nextInt(8_000);
      Integer at = place.get(m);
      boolean copy = at != null && seenFirst - at <= recent;
      if (at != null && !copy) {
        forgotten++;
      }
      assertEquals(!copy, c.first(bytes(m)), "message " + i + " '" + m + "'");
      if (copy) {
        copies++;
      } else {
        place.put(m, seenFirst++);
      }
    }
    assertTrue(copies > 10_000, copies + " copies: the check above proved little");
    assertTrue(forgotten > 10_000, forgotten + " forgotten: the window was not exercised");
  }

  @Test
  @DisplayName("a window of less than one message is refused, naming the value")
  void badWindow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MessageCopies(0));
    assertEquals("recent must be at least 1 but was 0", e.getMessage());
  }
}
