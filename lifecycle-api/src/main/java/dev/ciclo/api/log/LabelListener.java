package dev.ciclo.api.log;

/**
 * Takes late labels, so that a host hands each label to everything that needs it (a monitor
 * tracking live accuracy, a maintenance loop collecting training data) with one call.
 *
 * <p>Implementations say whether they are thread-safe.
 */
@FunctionalInterface
public interface LabelListener {
  /**
   * A label arrived.
   *
   * @param label the label and the request it belongs to
   * @throws NullPointerException if {@code label} is null
   */
  void onLabel(LabelRecord label);
}
