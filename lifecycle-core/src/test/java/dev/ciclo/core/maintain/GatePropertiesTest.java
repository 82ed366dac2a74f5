package dev.ciclo.core.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Invariants of the gate and the fresh split, over many generated values. */
class GatePropertiesTest {
  private static final PromotionGate GATE = PromotionGate.builder().margin(0.02)
      .slice("s", e -> true).sliceTolerance(0.03).minSliceSize(10).build();

  private static Map<String, Double> evidence(double champ, double chall, double sliceChamp,
      double sliceChall) {
    Map<String, Double> m = new HashMap<>();
    m.put("fresh.count", 100.0);
    m.put("champion.accuracy", champ);
    m.put("challenger.accuracy", chall);
    m.put("slice.s.count", 50.0);
    m.put("slice.s.champion", sliceChamp);
    m.put("slice.s.challenger", sliceChall);
    return m;
  }

  @Test
  @DisplayName("the gate is monotone: a challenger that does at least as well everywhere as a"
      + " promoted one is promoted too")
  void monotone() {
    qt().forAll(doubles().between(0, 1), doubles().between(0, 1), doubles().between(0, 1),
        doubles().between(0, 0.2)).checkAssert((champ, chall, slice, bump) -> {
          GateDecision d = GATE.decide(evidence(champ, chall, slice, slice));
          GateDecision better = GATE.decide(evidence(champ, Math.min(1, chall + bump), slice,
              Math.min(1, slice + bump)));
          if (d.promote()) {
            assertEquals(GateDecision.Verdict.PROMOTE, better.verdict(), better.reasons()
                .toString());
          }
        });
  }

  @Test
  @DisplayName("the gate promotes exactly when the gain reaches the margin and the slice loss"
      + " stays within the tolerance")
  void exactRule() {
    qt().forAll(doubles().between(0, 1), doubles().between(0, 1), doubles().between(0, 1),
        doubles().between(0, 1)).checkAssert((a, b, c, d) -> assertEquals(
            b - a >= 0.02 && c - d <= 0.03, GATE.decide(evidence(a, b, c, d)).promote()));
  }

  @Test
  @DisplayName("the fresh split is a stable function of the request id and takes about the asked"
      + " share")
  void freshShare() {
    qt().withExamples(20).forAll(integers().between(1, 99)).checkAssert(percent -> {
      double f = percent / 100.0;
      int fresh = 0;
      for (int i = 0; i < 20_000; i++) {
        String id = "req-" + i;
        boolean first = LogJoin.isFresh(id, f);
        assertEquals(first, LogJoin.isFresh(id, f));
        fresh += first ? 1 : 0;
      }
      double share = fresh / 20_000.0;
      assertEquals(f, share, 0.015, "share for fraction " + f);
    });
  }

  @Test
  @DisplayName("values refuse what they cannot hold")
  void values() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThrows(IllegalArgumentException.class,
        () -> new GateDecision(GateDecision.Verdict.PROMOTE, List.of(), Map.of(), "p"));
    assertThrows(IllegalArgumentException.class,
        () -> new GateDecision(GateDecision.Verdict.PROMOTE, List.of("r"), Map.of(), " "));
    assertThrows(NullPointerException.class,
        () -> new GateDecision(null, List.of("r"), Map.of(), "p"));
    assertThrows(IllegalArgumentException.class, () -> new Trigger(Trigger.Kind.MANUAL, "", t));
    assertThrows(NullPointerException.class, () -> new Trigger(null, "x", t));
  }
}
