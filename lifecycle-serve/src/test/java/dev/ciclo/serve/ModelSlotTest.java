package dev.ciclo.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
