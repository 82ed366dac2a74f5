package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PromotionGateTest {
  private static Map<String, Double> offline(double champion, double challenger) {
    Map<String, Double> m = new HashMap<>();
    m.put("fresh.count", 200.0);
    m.put("champion.accuracy", champion);
    m.put("challenger.accuracy", challenger);
    return m;
  }

  @Test
  @DisplayName("the margin is inclusive: a gain equal to it promotes, a smaller one rejects")
  void margin() {
    PromotionGate g = PromotionGate.builder().margin(0.25).build();
    assertTrue(g.decide(offline(0.5, 0.75)).promote());
    assertEquals(GateDecision.Verdict.REJECT, g.decide(offline(0.5, 0.74)).verdict());
  }

  @Test
  @DisplayName("a slice smaller than the minimum is reported as not judged and does not block")
  void smallSlice() {
    PromotionGate g = PromotionGate.builder().slice("night", e -> true).minSliceSize(50).build();
    Map<String, Double> ev = offline(0.5, 0.9);
    ev.put("slice.night.count", 10.0);
    GateDecision d = g.decide(ev);
    assertTrue(d.promote());
    assertTrue(d.reasons().get(1).contains("not judged"), d.reasons().toString());
  }

  @Test
  @DisplayName("with a shadow window the offline pass is pending; too few labelled live requests"
      + " or a loss beyond the tolerance reject; otherwise it promotes")
  void shadow() {
    PromotionGate g = PromotionGate.builder().shadow(Duration.ofMinutes(5), 100, 0.01).build();
    Map<String, Double> ev = offline(0.5, 0.9);
    assertEquals(GateDecision.Verdict.PENDING_SHADOW, g.decide(ev).verdict());
    ev.put("shadow.count", 99.0);
    ev.put("shadow.champion", 0.8);
    ev.put("shadow.challenger", 0.9);
    GateDecision few = g.decide(ev);
    assertEquals(GateDecision.Verdict.REJECT, few.verdict());
    assertTrue(few.reasons().get(1).contains("fewer than the 100 needed"));
    ev.put("shadow.count", 100.0);
    assertTrue(g.decide(ev).promote());
    ev.put("shadow.challenger", 0.78);
    assertEquals(GateDecision.Verdict.REJECT, g.decide(ev).verdict());
    assertEquals(GateDecision.Verdict.REJECT, g.decide(offline(0.9, 0.5)).verdict(),
        "an offline failure rejects without waiting for the shadow");
  }

  @Test
  @DisplayName("bad settings are refused with the parameter named")
  void badSettings() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().metric("error")).getMessage().contains("'error'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().margin(1.5)).getMessage().startsWith("margin"));
    assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().margin(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().sliceTolerance(-0.1));
    assertThrows(IllegalArgumentException.class, () -> PromotionGate.builder().minSliceSize(0));
    assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().slice("a.b", e -> true));
    assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().slice("a", e -> true).slice("a", e -> true));
    assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().shadow(Duration.ZERO, 1, 0.0));
    assertThrows(IllegalArgumentException.class,
        () -> PromotionGate.builder().shadow(Duration.ofMinutes(1), 0, 0.0));
    assertThrows(NullPointerException.class, () -> PromotionGate.builder().build().decide(null));
  }

  @Test
  @DisplayName("the same settings describe the same policy; different ones differ")
  void describe() {
    assertEquals(PromotionGate.builder().margin(0.02).build().describe(),
        PromotionGate.builder().margin(0.02).build().describe());
    assertTrue(!PromotionGate.builder().margin(0.02).build().describe()
        .equals(PromotionGate.builder().margin(0.03).build().describe()));
  }
}
