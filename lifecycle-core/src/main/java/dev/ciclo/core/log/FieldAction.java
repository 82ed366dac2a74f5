package dev.ciclo.core.log;

/** What a {@link PrivacyPolicy} does with an input field. */
public enum FieldAction {
  /** The value is stored as it is. */
  KEEP,
  /** The field is not stored. */
  DROP,
  /** The value is replaced by the hex SHA-256 of the policy's salt and the value. */
  HASH,
  /** A number is replaced by the bucket it falls in, as {@code [low, high)}. */
  BUCKET
}
