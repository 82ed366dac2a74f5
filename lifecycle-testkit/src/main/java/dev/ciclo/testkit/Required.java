package dev.ciclo.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the JVM (the shared data folder, a program such as
 * {@code jupyter-nbconvert}), found one way in every Ciclo module.
 *
 * <p>When it is missing, the test is aborted: JUnit and Surefire report it as <em>skipped</em>,
 * with the reason. Under CI ({@code CI=true}), where {@code .ci/run} provides the data and the
 * tools, a missing requirement fails the test instead, so a green CI never hides a test that did
 * not run. Call it from a test method or a {@code @BeforeEach} method, never from
 * {@code @BeforeAll}: a class aborted there is reported as "0 run", not as skipped.
 *
 * <p>The data folder is {@code $CICLO_DATA_DIR} when that is set, else {@code ../shared/data}
 * beside the repository root (CI clones the repository into a folder that has {@code shared}
 * beside it). The root is the {@code ciclo.repository.root} system property, which the build
 * sets, else the outermost folder above the working directory that holds a {@code pom.xml}.
 */
public final class Required {
  /** The environment variable that names the data folder: {@value}. */
  public static final String DATA_DIR_VARIABLE = "CICLO_DATA_DIR";

  /** The system property the build sets to the repository root: {@value}. */
  public static final String ROOT_PROPERTY = "ciclo.repository.root";

  private Required() {}

  /**
   * Whether this runs under CI, where nothing may be skipped for a missing requirement.
   *
   * @return whether the environment variable {@code CI} is {@code true}
   */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * The shared data folder, whether or not it exists.
   *
   * @return {@code $CICLO_DATA_DIR}, else {@code ../shared/data} beside the repository root, as
   *     an absolute normalised path
   */
  public static Path dataDir() {
    String env = System.getenv(DATA_DIR_VARIABLE);
    Path dir = env != null && !env.isBlank()
        ? Path.of(env)
        : repositoryRoot().resolve("..").resolve("shared").resolve("data");
    return dir.toAbsolutePath().normalize();
  }

  /**
   * A file or folder inside the shared data folder; the test is skipped (under CI: fails) when
   * it is not there.
   *
   * @param relative the path inside the data folder, such as {@code "fsdd/recordings"}
   * @return the absolute path, which exists
   * @throws NullPointerException if {@code relative} is null
   */
  public static Path data(String relative) {
    Objects.requireNonNull(relative, "relative");
    Path p = dataDir().resolve(relative);
    that(Files.exists(p), "shared data not found: looked for " + p + " (set " + DATA_DIR_VARIABLE
        + " to the folder holding fsdd/, noise/ and tabular/)");
    return p;
  }

  /**
   * A program the test runs; skipped (under CI: fails) when it was not found.
   *
   * @param name the program's name, for the message
   * @param found where it was found, if anywhere
   * @return the program's path
   * @throws NullPointerException if an argument is null
   */
  public static Path program(String name, Optional<Path> found) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(found, "found");
    that(found.isPresent(), name + " not found in /usr/bin or on the PATH");
    return found.orElseThrow();
  }

  /**
   * Skips the test (under CI: fails it) unless a requirement holds.
   *
   * @param present whether the requirement holds
   * @param what what is missing and where it was looked for, for the report
   * @throws NullPointerException if {@code what} is null
   */
  public static void that(boolean present, String what) {
    Objects.requireNonNull(what, "what");
    if (present) {
      return;
    }
    if (underCi()) {
      Assertions.fail("CI=true and a test requirement is missing: " + what
          + " (.ci/run provides it; under CI a test may not skip)");
    }
    Assumptions.abort(what);
  }

  private static Path repositoryRoot() {
    String property = System.getProperty(ROOT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    Path dir = Path.of("").toAbsolutePath();
    Path root = dir;
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))) {
        root = p;
      }
    }
    return root;
  }
}
