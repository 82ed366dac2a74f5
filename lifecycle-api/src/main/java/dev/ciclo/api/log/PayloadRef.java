package dev.ciclo.api.log;

import java.util.Objects;

/**
 * A record's reference to its raw input in a content-addressed payload store.
 *
 * @param sha256 the SHA-256 of the payload's canonical bytes, 64 lower-case hex digits
 * @param mediaType the payload's media type, normalised as {@link RawPayload#normalise} does
 * @param size the number of canonical bytes, not negative
 */
public record PayloadRef(String sha256, String mediaType, long size) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the hash is not 64 lower-case hex digits, the media type
   *     is not valid or the size is negative
   */
  public PayloadRef {
    Objects.requireNonNull(sha256, "sha256");
    if (!isHex64(sha256)) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits but was '"
          + sha256 + "'");
    }
    mediaType = RawPayload.normalise(mediaType);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative but was " + size);
    }
  }

  /** Whether s is 64 lower-case hex digits (a loop: a regex match cost more than a record's JSON). */
  static boolean isHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
