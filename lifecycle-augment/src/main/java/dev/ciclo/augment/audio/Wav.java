package dev.ciclo.augment.audio;

import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.AudioClip;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads and writes WAV (RIFF/WAVE) files.
 *
 * <p>Reading accepts PCM 8, 16, 24 and 32-bit, IEEE float 32 and 64-bit, ITU-T G.711 mu-law and
 * A-law (telephony's 8-bit companded samples), plain or {@code WAVE_FORMAT_EXTENSIBLE}, any
 * number of channels (mixed down to mono by averaging) and any sample rate from 1 Hz to
 * {@link AudioClip#MAX_SAMPLE_RATE}. Integer samples are scaled by {@code 2^-(bits-1)} into
 * {@code [-1, 1)}; G.711 codes become G.711's 16-bit linear values (at most 32124 for mu-law,
 * 32256 for A-law) scaled by {@code 2^-15}. Chunks other than {@code fmt } and {@code data} are
 * skipped. A file written to a pipe, whose header gives a placeholder data length of
 * {@code 0x7FFFF000} bytes or more (sox writes that one, other tools {@code 0xFFFFFFFF}) that
 * runs past the end, or whose RIFF and data lengths are both 0 (a header never patched), is read
 * to its end, in whole frames; any other data length beyond the end of the file is a truncated
 * file. A file that is corrupt, truncated or unsupported gets a
 * {@link CicloException} whose message names the file and what was wrong; no other exception
 * escapes for bad bytes.
 *
 * <p>Writing produces a mono file in a {@link SampleFormat} (16-bit PCM by default), atomically:
 * a temporary file in the same folder is written, flushed and renamed, so a reader never sees a
 * half-written file. A 16-bit file read and written again has exactly the same samples.
 *
 * <p>Stateless and thread-safe.
 */
public final class Wav {
  private Wav() {}

  /**
   * Reads a WAV file into a mono clip.
   *
   * @param path the file
   * @return the clip
   * @throws NullPointerException if {@code path} is null
   * @throws CicloException if the file cannot be read, or is corrupt, truncated or unsupported;
   *     the message names the file
   */
  public static AudioClip read(Path path) {
    Objects.requireNonNull(path, "path");
    byte[] bytes;
    try {
      long size = Files.size(path);
      if (size > Integer.MAX_VALUE - 16) {
        throw new CicloException(
            "cannot read WAV file " + path + ": it has " + size + " bytes, more than the "
                + (Integer.MAX_VALUE - 16) + " supported");
      }
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CicloException("cannot read WAV file " + path + ": " + e, e);
    }
    return decode(bytes, path.toString());
  }

  /**
   * Decodes the bytes of a WAV file into a mono clip.
   *
   * @param bytes the whole file's content, not modified
   * @param source the name of where the bytes came from, used in error messages
   * @return the clip
   * @throws NullPointerException if an argument is null
   * @throws CicloException if the bytes are corrupt, truncated or in an unsupported format; the
   *     message names {@code source}
   */
  public static AudioClip decode(byte[] bytes, String source) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(source, "source");
    try {
      return WavParser.parse(bytes);
    } catch (WavParser.BadWav e) {
      throw new CicloException("bad WAV file " + source + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A bug in the parser, not the caller's: still name the file.
      throw new CicloException("bad WAV file " + source + ": cannot decode (" + e + ")", e);
    }
  }

  /**
   * Writes a clip as a 16-bit PCM mono file, replacing any existing file atomically.
   *
   * @param clip the clip; samples outside {@code [-1, 1]} are clipped
   * @param path the file to write
   * @throws NullPointerException if an argument is null
   * @throws CicloException if the file cannot be written; the message names it
   */
  public static void write(AudioClip clip, Path path) {
    write(clip, path, SampleFormat.PCM_16);
  }

  /**
   * Writes a clip as a mono file in a sample format, replacing any existing file atomically.
   *
   * @param clip the clip; for integer formats samples outside {@code [-1, 1]} are clipped
   * @param path the file to write
   * @param format the sample format
   * @throws NullPointerException if an argument is null
   * @throws CicloException if the file cannot be written; the message names it
   */
  public static void write(AudioClip clip, Path path, SampleFormat format) {
    Objects.requireNonNull(path, "path");
    byte[] bytes = encode(clip, format);
    Path dir = path.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      if (dir != null) {
        Files.createDirectories(dir);
      }
      tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CicloException("cannot write WAV file " + path + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temp file is hidden and named after the target
        }
      }
    }
  }

  /**
   * Encodes a clip as the bytes of a mono WAV file.
   *
   * @param clip the clip; for integer formats samples outside {@code [-1, 1]} are clipped
   * @param format the sample format
   * @return the file's bytes
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the clip is too long for a WAV file (4 GiB of data)
   */
  public static byte[] encode(AudioClip clip, SampleFormat format) {
    Objects.requireNonNull(clip, "clip");
    Objects.requireNonNull(format, "format");
    return WavParser.encode(clip, format);
  }
}
