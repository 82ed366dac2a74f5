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

/** {@link SubjectKeyStore#directory}: one 32-byte key file per subject. */
final class FileKeyStore implements SubjectKeyStore {
  private static final int KEY_BYTES = 32;
  private final Path dir;
  private final SecureRandom random = new SecureRandom();

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

  @Override
  public synchronized SecretKey keyFor(String subjectId) {
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
    return new SecretKeySpec(key, "AES");
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
      return Optional.of(new SecretKeySpec(key, "AES"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CicloException("cannot read key file " + f, e);
    }
  }

  @Override
  public synchronized boolean delete(String subjectId) {
    Path f = file(subjectId);
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
