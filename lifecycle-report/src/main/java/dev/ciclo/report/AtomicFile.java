package dev.ciclo.report;

import dev.ciclo.api.CicloException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** How the renderings are written to files: atomically, so a reader never sees half a file. */
final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes the bytes to a temporary file beside {@code file} and renames it into place.
   *
   * @param file the file to write; its folder must exist
   * @param bytes the content
   * @param what what is written, for the message ({@code "chart"}, {@code "the drift report"})
   * @throws CicloException if writing fails, naming the file
   */
  static void write(Path file, byte[] bytes, String what) {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CicloException("could not write " + what + " to " + file, e);
    }
  }
}
