package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.serve.ModelSlot.Timing;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inline decision's bookkeeping: proof, late answers, strikes, their lifetime, body sizes,
 * swaps.
 */
class ModelSlotTest {
  private static final long SECOND = 1_000_000_000L;
  private final ModelSlot<?> slot = new ModelSlot<>(ServedModel.features("blobs",
      ServeFixtures.model("1", 3), ServeFixtures.NAMES, ServeFixtures.inputs(3, 5)));

  private void fast(int n, long now) {
    for (int i = 0; i < n; i++) {
      slot.timed(Timing.FAST, true, true, 100, now);
    }
  }

  private void fast(int n) {
    fast(n, 0);
  }

  @Test
  @DisplayName("16 fast answers in a row prove a model; a refusal proves nothing; a slow answer"
      + " that is no strike starts the count again")
  void proof() {
    fast(15);
    slot.timed(Timing.FAST, true, false, 100, 0); // a quick 400
    assertFalse(slot.provenFast(100));
    fast(1);
    assertTrue(slot.provenFast(100));
    slot.timed(Timing.SLOW, false, true, 100, 0);
    assertFalse(slot.provenFast(100));
    assertEquals(0, slot.strikes(), "a slow answer on the workers is no strike");
    fast(16);
    assertTrue(slot.provenFast(100));
  }

  @Test
  @DisplayName("an answer over the bound is late with at most twice the bound of processor time"
      + " and at most 100 times the bound of wall time; else slow, also when the time is unknown")
  void timing() {
    long bound = 200_000;
    assertEquals(Timing.FAST, ModelSlot.timing(bound, -1, bound));
    assertEquals(Timing.FAST, ModelSlot.timing(1, bound * 5, bound));
    assertEquals(Timing.LATE, ModelSlot.timing(bound + 1, 0, bound), "a pause");
    assertEquals(Timing.LATE, ModelSlot.timing(bound + 1, bound + 1, bound), "a little over");
    assertEquals(Timing.LATE, ModelSlot.timing(100 * bound, 2 * bound, bound));
    assertEquals(Timing.SLOW, ModelSlot.timing(2 * bound + 1, 2 * bound + 1, bound));
    assertEquals(Timing.SLOW, ModelSlot.timing(100 * bound + 1, 0, bound), "a long wait");
    assertEquals(Timing.SLOW, ModelSlot.timing(bound + 1, -1, bound), "no processor time");
  }

  @Test
  @DisplayName("a late answer halves the proof: a model proven for long stays proven through"
      + " one, two in a row send it back, and a model whose answers keep coming late never proves"
      + " itself")
  void lateAnswers() {
    fast(2 * ModelSlot.PROVEN); // the most the proof counts with no strikes
    fast(1000);
    slot.timed(Timing.LATE, true, true, 100, 0);
    assertTrue(slot.provenFast(100), "one late answer");
    assertEquals(0, slot.strikes(), "a late answer is no strike");
    slot.timed(Timing.LATE, true, true, 100, 0);
    assertFalse(slot.provenFast(100), "two late answers in a row");
    fast(ModelSlot.PROVEN / 2 - 1);
    assertFalse(slot.provenFast(100));
    fast(1);
    assertTrue(slot.provenFast(100));
    slot.timed(Timing.LATE, false, true, 100, 0);
    assertFalse(slot.provenFast(100), "just proven, one late answer sends it back");
    slot.timed(Timing.SLOW, false, true, 100, 0);
    for (int i = 0; i < 10_000; i++) {
      fast(1);
      slot.timed(Timing.LATE, false, true, 100, 0); // a model that waits on every other answer
      assertFalse(slot.provenFast(100), "answer " + i);
    }
  }

  @Test
  @DisplayName("each strike doubles the proof needed, up to 16 << 16 answers")
  void strikesDouble() {
    for (int k = 1; k <= 18; k++) {
      fast(ModelSlot.PROVEN << slot.strikes());
      assertTrue(slot.provenFast(100));
      slot.timed(Timing.SLOW, true, true, 100, 0);
      assertEquals(Math.min(k, ModelSlot.MAX_STRIKES), slot.strikes());
      int need = ModelSlot.PROVEN << slot.strikes();
      fast(need - 1);
      assertFalse(slot.provenFast(100), "one short of " + need);
      fast(1);
      assertTrue(slot.provenFast(100));
      slot.timed(Timing.SLOW, false, true, 100, 0); // start the next round from zero
    }
    assertEquals(1 << 20, ModelSlot.PROVEN << slot.strikes());
  }

  @Test
  @DisplayName("a strike is lived down a minute after the last one, whatever the answers between")
  void strikesLast() {
    fast(16);
    slot.timed(Timing.SLOW, true, true, 100, 0);
    fast(32, SECOND);
    slot.timed(Timing.SLOW, true, true, 100, SECOND);
    assertEquals(2, slot.strikes());
    fast(100_000, 30 * SECOND); // many cheap answers live nothing down
    assertEquals(2, slot.strikes());
    fast(1, 61 * SECOND);
    assertEquals(1, slot.strikes());
    assertTrue(slot.provenFast(100), "proven for the halved need");
    fast(1, 100 * SECOND);
    assertEquals(1, slot.strikes());
    fast(1, 121 * SECOND);
    assertEquals(0, slot.strikes());
  }

  @Test
  @DisplayName("answers counted at once on two threads are all counted, and a slow answer's"
      + " reset is never undone by a fast one counted at the same time")
  void concurrentAnswers() throws Exception {
    for (int k = 0; k < 4; k++) {
      fast(ModelSlot.PROVEN << slot.strikes());
      slot.timed(Timing.SLOW, true, true, 100, 0);
    }
    assertEquals(4, slot.strikes()); // 256 needed now
    for (int round = 0; round < 200; round++) {
      slot.timed(Timing.SLOW, false, true, 100, 0); // count from 0
      Thread[] two = new Thread[2];
      AtomicInteger ready = new AtomicInteger();
      for (int t = 0; t < 2; t++) {
        two[t] = new Thread(() -> {
          ready.incrementAndGet();
          while (ready.get() < 2) {
            Thread.onSpinWait(); // both count at once, not one after the other's wake-up
          }
          fast(120);
        });
        two[t].start();
      }
      for (Thread t : two) {
        t.join();
      }
      fast(15);
      assertFalse(slot.provenFast(100), "255 answers counted, round " + round);
      fast(1);
      assertTrue(slot.provenFast(100), "256 answers counted, round " + round);
      // a slow answer racing fast ones: once both are done, the count restarted at the slow one
      Thread racer = new Thread(() -> fast(500));
      racer.start();
      slot.timed(Timing.SLOW, false, true, 100, 0);
      racer.join();
      slot.timed(Timing.SLOW, false, true, 100, 0);
      fast(255);
      assertFalse(slot.provenFast(100), "counted from the last slow answer, round " + round);
      fast(1);
      assertTrue(slot.provenFast(100));
    }
  }

  @Test
  @DisplayName("a body may be 1 KiB or twice the largest proven one; a swap starts over")
  void sizesAndSwaps() {
    fast(16);
    assertTrue(slot.provenFast(1024));
    assertFalse(slot.provenFast(1025));
    slot.timed(Timing.FAST, false, true, 5000, 0);
    assertTrue(slot.provenFast(10_000));
    assertFalse(slot.provenFast(10_001));
    slot.timed(Timing.SLOW, true, true, 100, 0);
    slot.swap(ServeFixtures.model("2", 99));
    assertEquals(0, slot.strikes());
    assertFalse(slot.provenFast(100));
    fast(16);
    assertTrue(slot.provenFast(1024));
    assertFalse(slot.provenFast(1025), "the old version's sizes are forgotten");
  }
}
