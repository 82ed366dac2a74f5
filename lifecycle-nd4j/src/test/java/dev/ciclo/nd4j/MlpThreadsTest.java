package dev.ciclo.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.data.Dataset;
import dev.ciclo.api.features.FeatureExtractor;
import dev.ciclo.api.features.FeatureVector;
import dev.ciclo.core.train.TrainingLoop;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's OpenMP pool is sized once per process from {@code OMP_NUM_THREADS} (the build sets 1 for
 * tests) and can only be lowered afterwards, so the thread counts are compared in a child JVM
 * started with {@code OMP_NUM_THREADS=4}.
 */
@DisplayName("MLP training and ND4J's thread count")
class MlpThreadsTest {
  /**
   * Trains the speech recipe's shape (500 features, 11 classes, layers 256 and 128, dropout) with
   * the default thread rule and prints {@code RESULT threads sha256}.
   *
   * @param args ignored
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    Dataset<FeatureVector, String> data = Blobs.make(11, 60, 500, 3);
    MlpClassifier<FeatureVector> mlp = MlpClassifier.builder(FeatureExtractor.identity())
        .hiddenLayers(256, 128).dropout(0.3)
        .loop(TrainingLoop.builder().epochs(3).batchSize(64).noProgressBar().build()).build();
    MlpModel<FeatureVector> m = mlp.train(data, 42);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    System.out.println("RESULT "
        + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() + " "
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(out.toByteArray())));
  }

  private static String[] child(int ompThreads) throws Exception {
    List<String> cmd = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), MlpThreadsTest.class.getName());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(ompThreads));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
    assertEquals(0, p.exitValue(), out);
    return out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
        .orElseThrow(() -> new AssertionError("no result in: " + out)).split(" ");
  }

  @Test
  @DisplayName("the same data and seed give the same model bytes in processes started with 1,"
      + " 2 and 4 OpenMP threads, because the rule, not the environment, sizes the pool")
  void sameBitsAtAnyThreadCount() throws Exception {
    String[] one = child(1);
    for (int t : new int[] {2, 4}) {
      String[] r = child(t);
      assertEquals("1", r[1], "a network this small trains on one thread whatever"
          + " OMP_NUM_THREADS says (" + t + ")");
      assertEquals(one[2], r[2], "model bytes with OMP_NUM_THREADS=" + t);
    }
  }

  @Test
  @DisplayName("the rule gives a small network one thread and a large one more")
  void rule() {
    assertEquals(1, MlpClassifier.threadsFor(516, new int[] {256, 128}, 11));
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(Math.min(cores, 21), MlpClassifier.threadsFor(4096, new int[] {4096}, 10));
    assertThrows(IllegalArgumentException.class,
        () -> MlpClassifier.builder(FeatureExtractor.identity()).threads(-1));
  }
}
