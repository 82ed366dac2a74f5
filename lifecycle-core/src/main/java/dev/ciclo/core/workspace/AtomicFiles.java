package dev.ciclo.core.workspace;

import dev.ciclo.api.CicloException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes files atomically: the content goes to a temporary file in the same folder, is flushed
 * and forced to disk ({@code fsync}), then renamed over the target with an atomic move, and the
 * folder is forced too where the platform allows. A reader sees either the old file or the
 * complete new one, never a part; a crash leaves at most a stray {@code .tmp} file, which
 * readers ignore.
 *
 * <p>Thread-safe: concurrent writers of the same target each write their own temporary file and
 * the last rename wins.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes content to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    /**
     * Writes the content.
     *
     * @param out where to write; do not close it
     * @throws IOException if writing fails
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes a file atomically. The parent folder is created if missing.
   *
   * @param target the file to write or replace
   * @param writer writes the content
   * @throws NullPointerException if an argument is null
   * @throws CicloException if the file cannot be written, naming it, with the cause; the target
   *     is then unchanged
   */
  public static void write(Path target, StreamWriter writer) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(writer, "writer");
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch)) {
          @Override
          public void close() throws IOException {
            flush(); // a writer that closes its stream must not close the channel before fsync
          }
        };
        writer.write(out);
        out.flush();
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      forceDirectory(dir);
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof CicloException c) {
        throw c;
      }
      throw new CicloException("cannot write " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes bytes to a file atomically.
   *
   * @param target the file to write or replace
   * @param bytes the content
   * @throws CicloException if the file cannot be written, naming it
   */
  public static void write(Path target, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    write(target, out -> out.write(bytes));
  }

  /**
   * Writes text as UTF-8 to a file atomically.
   *
   * @param target the file to write or replace
   * @param text the content
   * @throws CicloException if the file cannot be written, naming it
   */
  public static void writeString(Path target, String text) {
    Objects.requireNonNull(text, "text");
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void forceDirectory(Path dir) {
    // Makes the rename durable on Linux; some platforms cannot open a folder, which is harmless.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // best effort: the rename itself is already atomic
    }
  }
}
