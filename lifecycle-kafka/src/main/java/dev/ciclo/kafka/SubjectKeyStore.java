package dev.ciclo.kafka;

import java.nio.file.Path;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The per-subject keys that encrypt raw inputs on an append-only log. Erasing a subject deletes
 * its key: every raw input of that subject, in every copy of the log (replicas, backups, mirrored
 * topics), becomes unreadable, while the records stay in place. The store must live apart from
 * the log (another disk, another system) and its deletions must not be undone by a restore.
 *
 * <p>Implementations are thread-safe.
 */
public interface SubjectKeyStore {
  /**
   * The subject's key, made on first use. After {@link #delete} a new, different key is made:
   * inputs logged before the erasure stay unreadable.
   *
   * @param subjectId the subject (may be empty: records with no subject share one key)
   * @return the key
   */
  SecretKey keyFor(String subjectId);

  /**
   * The subject's key if it exists.
   *
   * @param subjectId the subject
   * @return the key, or empty if it was never made or was erased
   */
  Optional<SecretKey> find(String subjectId);

  /**
   * Deletes the subject's key (crypto-shredding): afterwards {@link #find} returns empty.
   *
   * @param subjectId the subject
   * @return {@code true} if a key was deleted
   */
  boolean delete(String subjectId);

  /**
   * A store of one small file per subject in a directory (AES-256 keys from {@link
   * java.security.SecureRandom}; file names are SHA-256 hashes of subject ids, so the directory
   * does not list who the subjects are). Deleting overwrites the file with zeros before removing
   * it; on copy-on-write or flash storage the old blocks may survive, so keep this directory on an
   * encrypted volume whose own key you control.
   *
   * @param directory the directory, created if missing
   * @return the store
   */
  static SubjectKeyStore directory(Path directory) {
    return new FileKeyStore(directory);
  }
}
