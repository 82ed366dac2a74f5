package dev.ciclo.api.log;

/**
 * What {@link PredictionLog#append(PredictionRecord, Payload)} did with a record. Anything but
 * {@link #LOGGED} means the record was not stored at all (the host counts it); the request it
 * came from is answered all the same.
 */
public enum AppendOutcome {
  /** Stored, with the raw input when the consent is {@link Consent#TRAINING}. */
  LOGGED,
  /** Not stored: the consent is {@link Consent#NONE}. */
  NO_CONSENT,
  /** Not stored: the payload's media type is not one the log accepts. */
  UNKNOWN_MEDIA_TYPE,
  /** Not stored: the payload is larger than the log's cap. */
  PAYLOAD_TOO_LARGE,
  /** Not stored: writing failed (a full disk, an I/O error); nothing written before is damaged. */
  WRITE_FAILED;

  /**
   * Whether the record was stored.
   *
   * @return {@code true} for {@link #LOGGED}
   */
  public boolean logged() {
    return this == LOGGED;
  }
}
