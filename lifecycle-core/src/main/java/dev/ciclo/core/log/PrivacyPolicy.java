package dev.ciclo.core.log;

import com.google.common.hash.Hashing;
import dev.ciclo.api.log.Signal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What of a record's monitoring signals is stored: per signal keep, drop, hash (salted SHA-256)
 * or bucket (a number becomes its interval), and one action for every signal not named. The raw
 * input is not its business: consent decides whether that is kept.
 *
 * <pre>{@code
 * PrivacyPolicy policy = PrivacyPolicy.builder()
 *     .keep("device")
 *     .hash("user_id")
 *     .bucket("age", 10)          // 37 -> "[30.0, 40.0)"
 *     .otherFields(FieldAction.DROP)
 *     .salt("per-deployment secret")
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PrivacyPolicy {
  private static final PrivacyPolicy KEEP_ALL = builder().otherFields(FieldAction.KEEP).build();
  private static final PrivacyPolicy DROP_ALL = builder().build();

  private final Map<String, FieldAction> actions;
  private final Map<String, Double> widths;
  private final FieldAction others;
  private final byte[] salt;

  private PrivacyPolicy(Builder b) {
    this.actions = Map.copyOf(b.actions);
    this.widths = Map.copyOf(b.widths);
    this.others = b.others;
    this.salt = b.salt.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Starts a policy. Default for fields not named: {@link FieldAction#DROP}.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Keeps every signal as it is (the file log's default: monitoring consent covers the derived
   * signals).
   *
   * @return the policy
   */
  public static PrivacyPolicy keepAll() {
    return KEEP_ALL;
  }

  /**
   * Keeps no signal: records hold the prediction and scores only.
   *
   * @return the policy
   */
  public static PrivacyPolicy dropAll() {
    return DROP_ALL;
  }

  /**
   * Applies the policy to a record's signals.
   *
   * @param signals the signals by name
   * @return the signals kept, hashed (a category of the hex hash of the value's text) or
   *     bucketed (a number becomes the category {@code [low, high)}), in the given order; a
   *     bucketed signal that is a category is dropped
   */
  public Map<String, Signal> apply(Map<String, Signal> signals) {
    Objects.requireNonNull(signals, "signals");
    Map<String, Signal> out = new LinkedHashMap<>();
    signals.forEach((field, value) -> {
      FieldAction a = actions.getOrDefault(field, others);
      switch (a) {
        case KEEP -> out.put(field, value);
        case HASH -> out.put(field, Signal.of(hash(text(value))));
        case BUCKET -> {
          if (value instanceof Signal.Numeric n) {
            out.put(field, Signal.of(bucket(n.value(), widths.get(field))));
          }
        }
        case DROP -> { }
        default -> throw new IllegalStateException("unknown action " + a);
      }
    });
    return out;
  }

  private static String text(Signal s) {
    return s instanceof Signal.Numeric n ? Double.toString(n.value())
        : ((Signal.Category) s).value();
  }

  private String hash(String value) {
    return Hashing.sha256().newHasher().putBytes(salt).putByte((byte) 0)
        .putString(value, StandardCharsets.UTF_8).hash().toString();
  }

  private static String bucket(double v, double width) {
    double low = Math.floor(v / width) * width;
    return "[" + low + ", " + (low + width) + ")";
  }

  @Override
  public String toString() {
    return "PrivacyPolicy" + actions + " others=" + others;
  }

  /** Builds a {@link PrivacyPolicy}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, FieldAction> actions = new HashMap<>();
    private final Map<String, Double> widths = new HashMap<>();
    private FieldAction others = FieldAction.DROP;
    private String salt = "";

    private Builder() {}

    /**
     * Stores the field as it is.
     *
     * @param field the field's name
     * @return this builder
     */
    public Builder keep(String field) {
      return set(field, FieldAction.KEEP);
    }

    /**
     * Does not store the field.
     *
     * @param field the field's name
     * @return this builder
     */
    public Builder drop(String field) {
      return set(field, FieldAction.DROP);
    }

    /**
     * Stores the salted SHA-256 of the field, so equal values can still be counted and joined.
     *
     * @param field the field's name
     * @return this builder
     */
    public Builder hash(String field) {
      return set(field, FieldAction.HASH);
    }

    /**
     * Stores the interval {@code [k * width, (k + 1) * width)} that a numeric field falls in.
     *
     * @param field the field's name
     * @param width the bucket width, positive and finite
     * @return this builder
     * @throws IllegalArgumentException if the width is not positive and finite
     */
    public Builder bucket(String field, double width) {
      if (!(width > 0) || !Double.isFinite(width)) {
        throw new IllegalArgumentException(
            "width of bucket field '" + field + "' must be positive and finite but was " + width);
      }
      set(field, FieldAction.BUCKET);
      widths.put(field, width);
      return this;
    }

    /**
     * What to do with fields not named. Default {@link FieldAction#DROP}; {@link
     * FieldAction#BUCKET} is not allowed here (it needs a width).
     *
     * @param action the action
     * @return this builder
     * @throws IllegalArgumentException if the action is BUCKET
     */
    public Builder otherFields(FieldAction action) {
      Objects.requireNonNull(action, "action");
      if (action == FieldAction.BUCKET) {
        throw new IllegalArgumentException("otherFields must be KEEP, DROP or HASH but was BUCKET");
      }
      this.others = action;
      return this;
    }

    /**
     * The salt mixed into hashes, so that short values (ids, ages) cannot be recovered by trying
     * them all. Default: empty. Keep it secret and stable: another salt gives other hashes.
     *
     * @param salt the salt
     * @return this builder
     */
    public Builder salt(String salt) {
      this.salt = Objects.requireNonNull(salt, "salt");
      return this;
    }

    private Builder set(String field, FieldAction action) {
      Objects.requireNonNull(field, "field");
      if (field.isBlank()) {
        throw new IllegalArgumentException("field must not be blank");
      }
      actions.put(field, action);
      widths.remove(field);
      return this;
    }

    /**
     * Makes the policy.
     *
     * @return the policy
     */
    public PrivacyPolicy build() {
      return new PrivacyPolicy(this);
    }
  }
}
