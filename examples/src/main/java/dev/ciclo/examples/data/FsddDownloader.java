package dev.ciclo.examples.data;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import dev.ciclo.api.CicloException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Downloads FSDD's release archive (a zip of the repository) into a cache folder, checks its
 * SHA-256 and unpacks {@code recordings/*.wav} into {@code <cache>/fsdd/recordings}.
 *
 * <p>The archive's URL is {@code baseUri} resolved against {@link #ARCHIVE}; the base defaults to
 * {@link #DEFAULT_BASE} and can be pointed at a mirror. With {@link Builder#sha256} set, an
 * archive with another hash is refused (deleted, nothing unpacked). Without it, the hash of the
 * first download is written beside the recordings and printed, and later runs reuse the cache
 * (trust on first use). A finished cache holds {@code fsdd/.complete} with the hash; an
 * interrupted unpack leaves no such file and is redone.
 *
 * <p>Immutable and thread-safe; two processes must not fill one cache at the same time.
 */
public final class FsddDownloader {
  /** FSDD's public source. */
  public static final URI DEFAULT_BASE = URI.create("https://github.com/");
  /** The archive's path below the base: release v1.0.10 of FSDD. */
  public static final String ARCHIVE =
      "Jakobovski/free-spoken-digit-dataset/archive/refs/tags/v1.0.10.zip";
  private static final Pattern WAV = Pattern.compile("[0-9]_[A-Za-z]+_[0-9]+\\.wav");

  private final URI archive;
  private final Path cache;
  private final String sha256;
  private final HttpClient client;
  private final Duration timeout;

  private FsddDownloader(Builder b) {
    this.archive = b.base.resolve(ARCHIVE);
    this.cache = b.cache;
    this.sha256 = b.sha256;
    this.client = b.client != null ? b.client
        : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(10)).build();
    this.timeout = b.timeout;
  }

  /**
   * Starts configuring a downloader into a cache folder.
   *
   * @param cache the cache folder, created when needed
   * @return a builder
   */
  public static Builder builder(Path cache) {
    return new Builder(Objects.requireNonNull(cache, "cache"));
  }

  /**
   * The archive's URL.
   *
   * @return the URL
   */
  public URI archive() {
    return archive;
  }

  /**
   * Returns the cached recordings, downloading and unpacking them first if needed.
   *
   * @param out where to say what happens
   * @return the {@code fsdd/recordings} folder of the cache
   * @throws CicloException if the download fails, the server answers other than 200, the hash
   *     differs from the expected one (naming both), or the archive holds no recording
   */
  public Path fetch(PrintStream out) {
    Path fsdd = cache.resolve("fsdd");
    Path recordings = fsdd.resolve("recordings");
    Path marker = fsdd.resolve(".complete");
    if (Files.isRegularFile(marker)) {
      String cached = read(marker);
      if (sha256 == null || sha256.equals(cached)) {
        return recordings;
      }
    }
    Path tmp = null;
    try {
      Files.createDirectories(cache);
      tmp = Files.createTempFile(cache, "fsdd-", ".zip.part");
      out.println("downloading " + archive + " into " + cache);
      HttpResponse<Path> r = client.send(HttpRequest.newBuilder(archive).timeout(timeout).GET()
          .build(), HttpResponse.BodyHandlers.ofFile(tmp));
      if (r.statusCode() != 200) {
        throw new CicloException("download of " + archive + " answered HTTP " + r.statusCode());
      }
      String got = hash(tmp);
      if (sha256 != null && !sha256.equals(got)) {
        throw new CicloException("archive " + archive + " has SHA-256 " + got + " but "
            + sha256 + " was expected; refused");
      }
      int n = unpack(tmp, recordings);
      if (n == 0) {
        throw new CicloException("archive " + archive + " holds no recordings/*.wav file");
      }
      Files.writeString(marker, got + "\n", StandardCharsets.UTF_8);
      out.println("unpacked " + n + " recordings; archive SHA-256 " + got
          + (sha256 == null ? " (not pinned: pass it to verify later downloads)" : " (verified)"));
      return recordings;
    } catch (IOException e) {
      throw new CicloException("cannot download " + archive + " into " + cache + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CicloException("download of " + archive + " interrupted", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover partial file is overwritten by the next download
        }
      }
    }
  }

  private static int unpack(Path zip, Path recordings) throws IOException {
    Files.createDirectories(recordings);
    int n = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String name = e.getName();
        String file = name.substring(name.lastIndexOf('/') + 1);
        // only the flat file name is used, so no entry can write outside the folder
        if (!e.isDirectory() && name.contains("recordings/") && WAV.matcher(file).matches()) {
          Files.copy(in, recordings.resolve(file), StandardCopyOption.REPLACE_EXISTING);
          n++;
        }
      }
    }
    return n;
  }

  static String hash(Path file) throws IOException {
    return MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** Mutable, not thread-safe builder. */
  public static final class Builder {
    private final Path cache;
    private URI base = DEFAULT_BASE;
    private String sha256;
    private HttpClient client;
    private Duration timeout = Duration.ofMinutes(5);

    private Builder(Path cache) {
      this.cache = cache;
    }

    /**
     * The server to download from.
     *
     * @param value an absolute http or https URI ending in {@code /}; default {@link
     *     #DEFAULT_BASE}
     * @return this builder
     * @throws IllegalArgumentException if not absolute http(s) or not ending in {@code /}
     */
    public Builder baseUri(URI value) {
      Objects.requireNonNull(value, "baseUri");
      String s = value.getScheme() == null ? "" : value.getScheme().toLowerCase(Locale.ROOT);
      if (!(s.equals("http") || s.equals("https")) || !value.toString().endsWith("/")) {
        throw new IllegalArgumentException("baseUri must be an absolute http(s) URI ending in"
            + " '/' but was " + value);
      }
      base = value;
      return this;
    }

    /**
     * The archive's expected SHA-256.
     *
     * @param value 64 lower-case hex digits, or {@code null} to trust the first download
     *     (default)
     * @return this builder
     * @throws IllegalArgumentException if not 64 lower-case hex digits
     */
    public Builder sha256(String value) {
      if (value != null && !value.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits but was '"
            + value + "'");
      }
      sha256 = value;
      return this;
    }

    /**
     * The HTTP client.
     *
     * @param value the client; default one that follows redirects
     * @return this builder
     */
    public Builder httpClient(HttpClient value) {
      client = Objects.requireNonNull(value, "httpClient");
      return this;
    }

    /**
     * The time limit of the download.
     *
     * @param value positive; default 5 minutes
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration value) {
      Objects.requireNonNull(value, "timeout");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive but was " + value);
      }
      timeout = value;
      return this;
    }

    /**
     * Makes the downloader.
     *
     * @return the downloader
     */
    public FsddDownloader build() {
      return new FsddDownloader(this);
    }
  }
}
