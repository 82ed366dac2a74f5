package dev.ciclo.core.maintain;

import dev.ciclo.api.data.Example;
import dev.ciclo.api.internal.Checks;
import dev.ciclo.api.train.Lineage;
import dev.ciclo.api.train.RunRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether a challenger replaces the champion. It is promoted only if all hold:
 *
 * <ol>
 *   <li>on the fresh data, its main metric beats the champion's by at least the margin;
 *   <li>on every declared slice with at least {@code minSliceSize} fresh examples, its metric is
 *       not below the champion's by more than the slice tolerance (smaller slices are reported as
 *       not judged);
 *   <li>when a shadow window is set: over the window's live requests that got a label (at least
 *       {@code minLabelled}), its accuracy is not below the champion's by more than the shadow
 *       tolerance.
 * </ol>
 *
 * <p>{@link #decide} is a pure function of the evidence (the numbers), so a decision written to a
 * run record can be derived again by {@link #replay}.
 *
 * <pre>{@code
 * PromotionGate gate = PromotionGate.builder()
 *     .margin(0.02)
 *     .slice("car noise", e -> e.hasTag("car-noise"))
 *     .sliceTolerance(0.03)
 *     .shadow(Duration.ofMinutes(30), 200, 0.01)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe when the slice predicates are.
 */
public final class PromotionGate {
  /** Metrics a gate may decide on: higher is better for each. */
  static final Set<String> METRICS = Set.of("accuracy", "macroF1", "weightedF1");
  static final String POLICY_NOTE = "gate.policy: ";
  static final String EVIDENCE_PREFIX = "gate.";

  private final String metric;
  private final double margin;
  private final double sliceTolerance;
  private final int minSliceSize;
  private final Map<String, Predicate<? super Example<?, ?>>> slices;
  private final Duration shadowWindow;
  private final int shadowMinLabelled;
  private final double shadowTolerance;

  private PromotionGate(Builder b) {
    this.metric = b.metric;
    this.margin = b.margin;
    this.sliceTolerance = b.sliceTolerance;
    this.minSliceSize = b.minSliceSize;
    this.slices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.slices));
    this.shadowWindow = b.shadowWindow;
    this.shadowMinLabelled = b.shadowMinLabelled;
    this.shadowTolerance = b.shadowTolerance;
  }

  /**
   * A builder: metric accuracy, margin 0.01, slice tolerance 0.02, minimum slice size 20, no
   * slices, no shadow window.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The metric decided on.
   *
   * @return {@code accuracy}, {@code macroF1} or {@code weightedF1}
   */
  public String metric() {
    return metric;
  }

  /**
   * Whether the gate has a shadow window.
   *
   * @return {@code true} when {@link Builder#shadow} was set
   */
  public boolean hasShadow() {
    return shadowWindow != null;
  }

  /**
   * The policy in one line, written to run records: the same settings give the same text.
   *
   * @return the text
   */
  public String describe() {
    return "metric=" + metric + " margin=" + num(margin) + " sliceTolerance="
        + num(sliceTolerance) + " minSliceSize=" + minSliceSize + " slices=" + slices.keySet()
        + " shadow=" + (shadowWindow == null ? "off"
            : shadowWindow + "/minLabelled=" + shadowMinLabelled + "/tolerance="
                + num(shadowTolerance));
  }

  /**
   * Decides on the evidence. Keys: {@code fresh.count}, {@code champion.<metric>},
   * {@code challenger.<metric>}; for each declared slice {@code slice.<name>.count},
   * {@code slice.<name>.champion}, {@code slice.<name>.challenger}; and, once the shadow window
   * closed, {@code shadow.count}, {@code shadow.champion}, {@code shadow.challenger} (accuracies).
   *
   * @param evidence the numbers
   * @return {@code PROMOTE}, {@code REJECT}, or {@code PENDING_SHADOW} when the offline checks
   *     passed and a shadow window is set but its evidence is not there yet
   * @throws IllegalArgumentException if a needed key is missing, naming it
   */
  public GateDecision decide(Map<String, Double> evidence) {
    Objects.requireNonNull(evidence, "evidence");
    List<String> reasons = new ArrayList<>();
    boolean ok = true;
    double champ = need(evidence, "champion." + metric);
    double chall = need(evidence, "challenger." + metric);
    long fresh = Math.round(need(evidence, "fresh.count"));
    double gain = chall - champ;
    if (gain >= margin) {
      reasons.add("on " + fresh + " fresh examples the challenger's " + metric + " " + num(chall)
          + " beats the champion's " + num(champ) + " by " + num(gain) + ", at least the margin "
          + num(margin));
    } else {
      ok = false;
      reasons.add("on " + fresh + " fresh examples the challenger's " + metric + " " + num(chall)
          + " against the champion's " + num(champ) + " is a gain of " + num(gain)
          + ", below the margin " + num(margin));
    }
    for (String name : slices.keySet()) {
      long n = Math.round(need(evidence, "slice." + name + ".count"));
      if (n < minSliceSize) {
        reasons.add("slice '" + name + "' has " + n + " fresh examples, fewer than "
            + minSliceSize + ": not judged");
        continue;
      }
      double a = need(evidence, "slice." + name + ".champion");
      double c = need(evidence, "slice." + name + ".challenger");
      double loss = a - c;
      if (loss > sliceTolerance) {
        ok = false;
        reasons.add("slice '" + name + "' (" + n + " examples) gets worse: " + metric + " "
            + num(a) + " -> " + num(c) + ", a loss of " + num(loss) + " beyond the tolerance "
            + num(sliceTolerance));
      } else {
        reasons.add("slice '" + name + "' (" + n + " examples): " + metric + " " + num(a)
            + " -> " + num(c) + ", within the tolerance " + num(sliceTolerance));
      }
    }
    if (!ok || shadowWindow == null) {
      return new GateDecision(ok ? GateDecision.Verdict.PROMOTE : GateDecision.Verdict.REJECT,
          reasons, evidence, describe());
    }
    if (!evidence.containsKey("shadow.count")) {
      reasons.add("offline checks passed; the shadow window of " + shadowWindow
          + " on live traffic is pending");
      return new GateDecision(GateDecision.Verdict.PENDING_SHADOW, reasons, evidence,
          describe());
    }
    long n = Math.round(need(evidence, "shadow.count"));
    if (n < shadowMinLabelled) {
      ok = false;
      reasons.add("the shadow window saw " + n + " labelled live requests, fewer than the "
          + shadowMinLabelled + " needed");
    } else {
      double a = need(evidence, "shadow.champion");
      double c = need(evidence, "shadow.challenger");
      double loss = a - c;
      if (loss > shadowTolerance) {
        ok = false;
        reasons.add("in the shadow window (" + n + " labelled live requests) the challenger's"
            + " accuracy " + num(c) + " is below the champion's " + num(a) + " by " + num(loss)
            + ", beyond the tolerance " + num(shadowTolerance));
      } else {
        reasons.add("in the shadow window (" + n + " labelled live requests) the challenger's"
            + " accuracy " + num(c) + " against the champion's " + num(a)
            + " is within the tolerance " + num(shadowTolerance));
      }
    }
    return new GateDecision(ok ? GateDecision.Verdict.PROMOTE : GateDecision.Verdict.REJECT,
        reasons, evidence, describe());
  }

  /**
   * Derives a decision again from a challenger's run record, as the loop wrote it: its
   * {@code gate.*} metrics are the evidence.
   *
   * @param record the challenger's run record
   * @return the decision this gate takes on the recorded evidence
   * @throws IllegalArgumentException if the record holds no gate decision, or it was decided
   *     under another policy (both policies are named)
   */
  public GateDecision replay(RunRecord record) {
    Objects.requireNonNull(record, "record");
    if (record.lineage().isPresent()) {
      Lineage.Decision d = record.lineage().get().decision();
      List<String> recorded = d.slices().stream().map(Lineage.SliceCheck::slice).toList();
      if (!d.metric().equals(metric) || d.margin() != margin
          || d.sliceTolerance() != sliceTolerance || d.minSliceSize() != minSliceSize
          || !recorded.equals(List.copyOf(slices.keySet()))) {
        throw new IllegalArgumentException("run " + record.runId() + " was decided on "
            + d.metric() + " with margin " + d.margin() + ", slice tolerance "
            + d.sliceTolerance() + ", minimum slice size " + d.minSliceSize() + " and slices "
            + recorded + ", not this gate's " + metric + ", " + margin + ", " + sliceTolerance
            + ", " + minSliceSize + " and " + List.copyOf(slices.keySet()));
      }
      return decide(d.evidence());
    }
    String policy = record.notes().stream().filter(n -> n.startsWith(POLICY_NOTE))
        .map(n -> n.substring(POLICY_NOTE.length())).reduce((a, b) -> b)
        .orElseThrow(() -> new IllegalArgumentException("run " + record.runId()
            + " holds no gate decision: no note starts with '" + POLICY_NOTE + "'"));
    if (!policy.equals(describe())) {
      throw new IllegalArgumentException("run " + record.runId() + " was decided under policy '"
          + policy + "', not this gate's '" + describe() + "'");
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    record.metrics().forEach((k, v) -> {
      if (k.startsWith(EVIDENCE_PREFIX)) {
        evidence.put(k.substring(EVIDENCE_PREFIX.length()), v);
      }
    });
    return decide(evidence);
  }

  double margin() {
    return margin;
  }

  double sliceTolerance() {
    return sliceTolerance;
  }

  int minSliceSize() {
    return minSliceSize;
  }

  Map<String, Predicate<? super Example<?, ?>>> slices() {
    return slices;
  }

  Duration shadowWindow() {
    return shadowWindow;
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static double need(Map<String, Double> evidence, String key) {
    Double v = evidence.get(key);
    if (v == null) {
      throw new IllegalArgumentException("evidence must hold '" + key + "' but has only "
          + new java.util.TreeSet<>(evidence.keySet()));
    }
    return v;
  }

  /** Configures a {@link PromotionGate}. Not thread-safe. */
  public static final class Builder {
    private String metric = "accuracy";
    private double margin = 0.01;
    private double sliceTolerance = 0.02;
    private int minSliceSize = 20;
    private final Map<String, Predicate<? super Example<?, ?>>> slices =
        new LinkedHashMap<>();
    private Duration shadowWindow;
    private int shadowMinLabelled;
    private double shadowTolerance;

    private Builder() {}

    /**
     * The main metric. Default {@code accuracy}.
     *
     * @param metric {@code accuracy}, {@code macroF1} or {@code weightedF1}
     * @return this builder
     * @throws IllegalArgumentException for another name
     */
    public Builder metric(String metric) {
      Objects.requireNonNull(metric, "metric");
      if (!METRICS.contains(metric)) {
        throw new IllegalArgumentException("metric must be one of " + new java.util.TreeSet<>(
            METRICS) + " but was '" + metric + "'");
      }
      this.metric = metric;
      return this;
    }

    /**
     * How much the challenger must win by on the main metric. Default 0.01.
     *
     * @param margin from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if out of range or not finite
     */
    public Builder margin(double margin) {
      this.margin = unit(margin, "margin");
      return this;
    }

    /**
     * How much the challenger may lose on a declared slice. Default 0.02.
     *
     * @param tolerance from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if out of range or not finite
     */
    public Builder sliceTolerance(double tolerance) {
      this.sliceTolerance = unit(tolerance, "sliceTolerance");
      return this;
    }

    /**
     * The fewest fresh examples a slice needs to be judged. Default 20.
     *
     * @param size at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder minSliceSize(int size) {
      this.minSliceSize = Checks.atLeast(size, 1, "minSliceSize");
      return this;
    }

    /**
     * Declares a slice the challenger must not get worse on.
     *
     * @param name the slice's name, not blank, without '.' and not declared before
     * @param member which fresh examples belong to it (the example's metadata holds the logged
     *     fields); it sees examples of any label type, so one gate serves loops over
     *     {@code String}, {@code Integer} or enum labels ({@code e -> e.target().equals(7)})
     * @return this builder
     * @throws IllegalArgumentException if the name is blank, has a '.' or is declared already
     */
    public Builder slice(String name, Predicate<? super Example<?, ?>> member) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(member, "member");
      if (name.isBlank() || name.contains(".")) {
        throw new IllegalArgumentException(
            "slice name must not be blank nor contain '.' but was '" + name + "'");
      }
      if (slices.containsKey(name)) {
        throw new IllegalArgumentException("slice '" + name + "' is declared already");
      }
      slices.put(name, member);
      return this;
    }

    /**
     * A shadow window: after the offline checks pass, the challenger sees a copy of live
     * traffic for {@code window}; then its accuracy on the requests that got labels is compared
     * with the champion's on the same requests. Default: no shadow window.
     *
     * @param window how long, positive
     * @param minLabelled the fewest labelled requests to judge on, at least 1 (fewer rejects)
     * @param tolerance how much accuracy the challenger may lose, from 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if a value is out of range
     */
    public Builder shadow(Duration window, int minLabelled, double tolerance) {
      Objects.requireNonNull(window, "window");
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("shadow window must be positive but was " + window);
      }
      Checks.atLeast(minLabelled, 1, "minLabelled");
      this.shadowTolerance = unit(tolerance, "shadow tolerance");
      this.shadowWindow = window;
      this.shadowMinLabelled = minLabelled;
      return this;
    }

    /**
     * Makes the gate.
     *
     * @return the gate
     */
    public PromotionGate build() {
      return new PromotionGate(this);
    }

    private static double unit(double v, String name) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be between 0 and 1 but was " + v);
      }
      return v;
    }
  }
}
