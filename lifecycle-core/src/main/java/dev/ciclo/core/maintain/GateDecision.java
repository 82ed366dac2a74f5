package dev.ciclo.core.maintain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link PromotionGate} decided, why, and on which numbers. The evidence and the policy
 * are written to the challenger's run record, so {@link PromotionGate#replay} can derive the same
 * decision from the record alone.
 *
 * @param verdict the verdict
 * @param reasons one sentence per check, in the order checked, at least one
 * @param evidence the numbers decided on ({@code champion.accuracy}, {@code challenger.accuracy},
 *     {@code fresh.count}, {@code slice.<name>.champion}, {@code shadow.challenger}, ...), sorted
 * @param policy the gate's {@link PromotionGate#describe()} text, not blank
 */
public record GateDecision(
    Verdict verdict, List<String> reasons, Map<String, Double> evidence, String policy) {

  /** A gate's verdict. */
  public enum Verdict {
    /** Every check passed: the challenger replaces the champion. */
    PROMOTE,
    /** A check failed: the champion stays. */
    REJECT,
    /** The offline checks passed; the shadow window on live traffic is still to come. */
    PENDING_SHADOW
  }

  /**
   * Checks and copies the values.
   *
   * @throws NullPointerException if an argument or element is null
   * @throws IllegalArgumentException if there is no reason or the policy is blank
   */
  public GateDecision {
    Objects.requireNonNull(verdict, "verdict");
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("reasons must not be empty");
    }
    evidence = java.util.Collections.unmodifiableMap(new TreeMap<>(evidence));
    Objects.requireNonNull(policy, "policy");
    if (policy.isBlank()) {
      throw new IllegalArgumentException("policy must not be blank");
    }
  }

  /**
   * Whether the challenger is promoted.
   *
   * @return {@code true} for {@link Verdict#PROMOTE}
   */
  public boolean promote() {
    return verdict == Verdict.PROMOTE;
  }
}
