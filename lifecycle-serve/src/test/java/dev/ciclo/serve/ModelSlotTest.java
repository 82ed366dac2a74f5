package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The inline decision's bookkeeping: proof, strikes, their decay, body sizes, swaps. */
class ModelSlotTest {
  private final ModelSlot<?> slot = new ModelSlot<>(ServedModel.features("blobs",
      ServeFixtures.model("1", 3), ServeFixtures.NAMES, ServeFixtures.inputs(3, 5)));

  private void fast(int n) {
    for (int i = 0; i < n; i++) {
      slot.timed(true, true, 100, false);
    }
  }

  @Test
  @DisplayName("16 fast answers in a row prove a model; a refusal proves nothing; a slow answer"
      + " on the workers starts the count again without a strike")
  void proof() {
    fast(15);
    slot.timed(true, false, 100, false); // a quick 400
    assertFalse(slot.provenFast(100));
    fast(1);
    assertTrue(slot.provenFast(100));
    slot.timed(false, true, 100, false);
    assertFalse(slot.provenFast(100));
    assertEquals(0, slot.strikes());
    fast(16);
    assertTrue(slot.provenFast(100));
  }

  @Test
  @DisplayName("each slow inline answer doubles the proof needed, up to 16 << 4 answers")
  void strikesDouble() {
    for (int k = 1; k <= 6; k++) {
      fast(ModelSlot.PROVEN << slot.strikes());
      assertTrue(slot.provenFast(100));
      slot.timed(false, true, 100, true);
      assertEquals(Math.min(k, ModelSlot.MAX_STRIKES), slot.strikes());
      int need = ModelSlot.PROVEN << slot.strikes();
      fast(need - 1);
      assertFalse(slot.provenFast(100), "one short of " + need);
      fast(1);
      assertTrue(slot.provenFast(100));
      slot.timed(false, true, 100, false); // start the next round from zero
    }
    assertEquals(256, ModelSlot.PROVEN << slot.strikes());
  }

  @Test
  @DisplayName("four times the proof of fast answers in a row lives one strike down, and the"
      + " model stays proven")
  void strikesDecay() {
    fast(16);
    slot.timed(false, true, 100, true);
    fast(32);
    slot.timed(false, true, 100, true);
    assertEquals(2, slot.strikes());
    fast(4 * 64 + 1);
    assertEquals(1, slot.strikes());
    assertTrue(slot.provenFast(100));
    fast(3 * 32); // counted on from 32
    assertEquals(1, slot.strikes());
    fast(1);
    assertEquals(0, slot.strikes());
    assertTrue(slot.provenFast(100));
  }

  @Test
  @DisplayName("answers counted at once on two threads are all counted, and a slow answer's"
      + " reset is never undone by a fast one counted at the same time")
  void concurrentAnswers() throws Exception {
    for (int k = 0; k < ModelSlot.MAX_STRIKES; k++) {
      fast(ModelSlot.PROVEN << slot.strikes());
      slot.timed(false, true, 100, true);
    }
    assertEquals(ModelSlot.MAX_STRIKES, slot.strikes()); // 256 needed now
    for (int round = 0; round < 200; round++) {
      slot.timed(false, true, 100, false); // count from 0, 4 strikes: 1,024 live one down
      Thread[] two = new Thread[2];
      AtomicInteger ready = new AtomicInteger();
      for (int t = 0; t < 2; t++) {
        two[t] = new Thread(() -> {
          ready.incrementAndGet();
          while (ready.get() < 2) {
            Thread.onSpinWait(); // both count at once, not one after the other's wake-up
          }
          fast(400);
        });
        two[t].start();
      }
      for (Thread t : two) {
        t.join();
      }
      fast(224);
      assertEquals(4, slot.strikes(), "1,024 answers counted, round " + round);
      fast(1);
      assertEquals(3, slot.strikes(), "the 1,025th lives a strike down, round " + round);
      slot.timed(false, true, 100, true); // back to 4 strikes
      fast(256);
      assertTrue(slot.provenFast(100));
      // a slow answer racing fast ones: once both are done, the count restarted at the slow one
      Thread racer = new Thread(() -> fast(500)); // too few to live a strike down
      racer.start();
      slot.timed(false, true, 100, false);
      racer.join();
      slot.timed(false, true, 100, false);
      fast(255);
      assertFalse(slot.provenFast(100), "counted from the last slow answer, round " + round);
      fast(1);
      assertTrue(slot.provenFast(100));
      slot.timed(false, true, 100, false);
    }
  }

  @Test
  @DisplayName("a body may be 1 KiB or twice the largest proven one; a swap starts over")
  void sizesAndSwaps() {
    fast(16);
    assertTrue(slot.provenFast(1024));
    assertFalse(slot.provenFast(1025));
    slot.timed(true, true, 5000, false);
    assertTrue(slot.provenFast(10_000));
    assertFalse(slot.provenFast(10_001));
    slot.timed(false, true, 100, true);
    slot.swap(ServeFixtures.model("2", 99));
    assertEquals(0, slot.strikes());
    assertFalse(slot.provenFast(100));
    fast(16);
    assertTrue(slot.provenFast(1024));
    assertFalse(slot.provenFast(1025), "the old version's sizes are forgotten");
  }
}
