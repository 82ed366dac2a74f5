package dev.ciclo.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ciclo.api.CicloException;
import dev.ciclo.api.data.AudioClip;
import dev.ciclo.api.data.Dataset;
import dev.ciclo.augment.audio.SampleFormat;
import dev.ciclo.augment.audio.Wav;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a loopback server the test starts is ever contacted. */
class FsddDownloaderTest {
  @TempDir Path cache;
  private HttpServer server;
  private byte[] archive;
  private final AtomicInteger hits = new AtomicInteger();
  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true,
      StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws Exception {
    archive = zip();
    // the JDK reads this once, at its first HttpServer; without it the inference servers that
    // later tests in this JVM start would stall ~40 ms on every keep-alive response
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      hits.incrementAndGet();
      boolean ok = ex.getRequestURI().getPath().equals("/" + FsddDownloader.ARCHIVE);
      byte[] body = ok ? archive : "no".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(ok ? 200 : 404, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** A small FSDD-like archive: 4 recordings, a README and a file that must not be unpacked. */
  private static byte[] zip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-1.0.10/README.md"));
      z.write("fsdd".getBytes(StandardCharsets.UTF_8));
      String[] names = {"0_ann_0.wav", "1_ann_0.wav", "0_bob_0.wav", "1_bob_1.wav"};
      for (int i = 0; i < names.length; i++) {
        z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-1.0.10/recordings/" + names[i]));
        float[] s = new float[800];
        for (int k = 0; k < s.length; k++) {
          s[k] = (float) (0.3 * Math.sin(k * (0.1 + 0.05 * i)));
        }
        z.write(Wav.encode(AudioClip.of(s, 8000), SampleFormat.PCM_16));
      }
      z.putNextEntry(new ZipEntry("free-spoken-digit-dataset-1.0.10/recordings/../../evil.wav"));
      z.write(1);
    }
    return bytes.toByteArray();
  }

  private String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  @DisplayName("downloads, verifies the SHA-256, unpacks only the recordings and reuses the cache")
  void downloadsAndVerifies() throws Exception {
    FsddDownloader d = FsddDownloader.builder(cache).baseUri(base()).sha256(sha(archive)).build();
    Path rec = d.fetch(quiet);
    Dataset<AudioClip, String> data = SpeechData.readFsdd(rec);
    assertEquals(4, data.size());
    assertEquals(2, data.groups().size());
    assertFalse(Files.exists(cache.resolve("evil.wav")));
    assertFalse(Files.exists(cache.getParent().resolve("evil.wav")));
    assertEquals(sha(archive), Files.readString(cache.resolve("fsdd/.complete")).trim());
    assertEquals(1, hits.get());
    assertEquals(rec, d.fetch(quiet));
    assertEquals(1, hits.get(), "the second fetch uses the cache");
  }

  @Test
  @DisplayName("an archive with the wrong SHA-256 is refused, naming both hashes, and nothing is"
      + " unpacked")
  void wrongChecksum() throws Exception {
    String wrong = "0".repeat(64);
    FsddDownloader d = FsddDownloader.builder(cache).baseUri(base()).sha256(wrong).build();
    CicloException e = assertThrows(CicloException.class, () -> d.fetch(quiet));
    assertTrue(e.getMessage().contains(wrong) && e.getMessage().contains(sha(archive)),
        e.getMessage());
    assertFalse(Files.exists(cache.resolve("fsdd/.complete")));
    try (var s = Files.list(cache)) {
      assertEquals(0, s.filter(p -> p.toString().endsWith(".part")).count(), "temp file left");
    }
  }

  @Test
  @DisplayName("an HTTP error is reported with the URL and status")
  void httpError() {
    FsddDownloader d = FsddDownloader.builder(cache).baseUri(base().resolve("mirror/")).build();
    CicloException e = assertThrows(CicloException.class, () -> d.fetch(quiet));
    assertTrue(e.getMessage().contains("404") && e.getMessage().contains("mirror"),
        e.getMessage());
  }

  @Test
  @DisplayName("without a pinned hash the first download's hash is recorded")
  void trustOnFirstUse() throws Exception {
    FsddDownloader.builder(cache).baseUri(base()).build().fetch(quiet);
    assertEquals(sha(archive), Files.readString(cache.resolve("fsdd/.complete")).trim());
  }

  @Test
  @DisplayName("bad settings are refused with the value in the message")
  void badSettings() {
    var b = FsddDownloader.builder(cache);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.sha256("ABC")).getMessage()
        .contains("ABC"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> b.baseUri(URI.create("ftp://x/"))).getMessage().contains("ftp://x/"));
    assertThrows(IllegalArgumentException.class, () -> b.baseUri(URI.create("http://x/a")));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(java.time.Duration.ZERO));
    assertThrows(NullPointerException.class, () -> FsddDownloader.builder(null));
  }

  @Test
  @DisplayName("resolve falls back to the download when the data folder is empty")
  void resolveUsesDownload(@TempDir Path empty) throws Exception {
    SpeechData s = SpeechData.resolve(empty,
        FsddDownloader.builder(cache).baseUri(base()).sha256(sha(archive)).build(), 1, quiet);
    assertEquals(4, s.recordings().size());
    assertFalse(s.synthetic());
    assertTrue(s.origin().contains("SYNTHETIC street noise"), s.origin());
  }
}
