package dev.ciclo.kafka;

import dev.ciclo.api.CicloException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SubjectKeyStore#directory}: one 32-byte key file per subject, with the keys used to
 * encrypt kept in memory. Reading the key file for every logged input (open, read, close and a
 * SHA-256 of the subject id) cost more than the encryption itself; {@link #keyFor} now reads a
 * subject's file at most once a minute ({@link #FRESH_NANOS}). {@link #find}, which decides
 * whether an input can be decrypted, always asks the disk. A deletion through this store takes
 * effect at once. A deletion by another process sharing the directory is seen by {@code keyFor}
 * within the minute: inputs logged meanwhile are sealed under the deleted key, so they are
 * unreadable too (erasure may over-erase, never leak).
 */
final class FileKeyStore implements SubjectKeyStore {
  private static final int KEY_BYTES = 32;
  static final long FRESH_NANOS = 60_000_000_000L;
  private static final int MAX_CACHED = 100_000;
  private final Path dir;
  private final SecureRandom random = new SecureRandom();
  private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A key read from disk, and when. */
  private record Cached(SecretKey key, long readAt) {}

  FileKeyStore(Path dir) {
    this.dir = Objects.requireNonNull(dir, "directory");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CicloException("cannot create key store directory " + dir, e);
    }
  }

  private Path file(String subjectId) {
    Objects.requireNonNull(subjectId, "subjectId");
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(subjectId.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h) + ".key");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private SecretKey cached(String subjectId) {
    Cached c = cache.get(Objects.requireNonNull(subjectId, "subjectId"));
    return c != null && System.nanoTime() - c.readAt() < FRESH_NANOS ? c.key() : null;
  }

  @Override
  public SecretKey keyFor(String subjectId) {
    SecretKey hit = cached(subjectId);
    return hit != null ? hit : make(subjectId);
  }

  private synchronized SecretKey make(String subjectId) {
    Optional<SecretKey> k = find(subjectId);
    if (k.isPresent()) {
      return k.get();
    }
    Path f = file(subjectId);
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    try {
      Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
      Files.write(tmp, key);
      try {
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CicloException("cannot write the key of a subject to " + dir, e);
    }
    SecretKey made = new SecretKeySpec(key, "AES");
    remember(subjectId, made);
    return made;
  }

  private void remember(String subjectId, SecretKey key) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // bounded memory with millions of subjects: start again
    }
    cache.put(subjectId, new Cached(key, System.nanoTime()));
  }

  @Override
  public Optional<SecretKey> find(String subjectId) {
    Path f = file(subjectId);
    try {
      byte[] key = Files.readAllBytes(f);
      if (key.length != KEY_BYTES) {
        throw new CicloException("key file " + f + " has " + key.length + " bytes, not "
            + KEY_BYTES);
      }
      SecretKey k = new SecretKeySpec(key, "AES");
      remember(subjectId, k);
      return Optional.of(k);
    } catch (NoSuchFileException e) {
      cache.remove(subjectId);
      return Optional.empty();
    } catch (IOException e) {
      throw new CicloException("cannot read key file " + f, e);
    }
  }

  @Override
  public synchronized boolean delete(String subjectId) {
    Path f = file(subjectId);
    cache.remove(subjectId);
    try {
      if (!Files.exists(f)) {
        return false;
      }
      Files.write(f, new byte[KEY_BYTES], StandardOpenOption.WRITE, StandardOpenOption.SYNC);
      Files.delete(f);
      return true;
    } catch (IOException e) {
      throw new CicloException("cannot delete key file " + f, e);
    }
  }
}
