package dev.ciclo.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A Jupyter kernel for Java: each cell runs in JShell inside this JVM, against this JVM's class
 * path, and the value of the cell's last expression is shown through the renderer registry.
 *
 * <p>One kernel serves one notebook; cells run one at a time on the kernel's thread. A cell's
 * code runs on that thread, so an interrupt from the notebook does not stop a running cell.
 */
public final class CicloKernel extends BaseKernel {
  private final ValueCapture capture = new ValueCapture();
  private final MavenMagic maven;
  private final JShell shell;
  private final LanguageInfo languageInfo;

  /**
   * A kernel whose cells see this JVM's class path ({@code java.class.path}). Renderers for
   * {@link BufferedImage} and those found through {@link NotebookRenderers} are registered.
   */
  public CicloKernel() {
    this(System.getProperty("java.class.path"), () -> MavenResolution.fromEnvironment(
        System.getenv(), Path.of(System.getProperty("user.home"))));
  }

  /** A kernel with the given class path and Maven settings (tests give a throwaway repository). */
  CicloKernel(String classPath, java.util.function.Supplier<MavenResolution> resolution) {
    this.maven = new MavenMagic(classPath, resolution);
    this.shell = JShell.builder()
        .executionEngine(capture, Map.of())
        .build();
    // Through addToClasspath, not a --class-path compiler option: that option would hide from
    // the compiler every entry %maven adds later (the classes loaded, but cells did not compile).
    shell.addToClasspath(String.join(java.io.File.pathSeparator, maven.entries()));
    this.languageInfo = new LanguageInfo.Builder("java")
        .version(Runtime.version().toString())
        .mimetype("text/x-java-source")
        .fileExtension(".jshell")
        .pygments("java")
        .codemirror("java")
        .build();
    getRenderer().createRegistration(BufferedImage.class)
        .preferring(MIMEType.IMAGE_PNG)
        .supporting(MIMEType.IMAGE_PNG)
        .register((image, context) -> context.renderIfRequested(MIMEType.IMAGE_PNG,
            () -> Base64.getEncoder().encodeToString(png(image))));
    for (NotebookRenderers r : ServiceLoader.load(NotebookRenderers.class)) {
      r.register(getRenderer());
    }
  }

  static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the image as PNG", e);
    }
  }

  @Override
  public LanguageInfo getLanguageInfo() {
    return languageInfo;
  }

  @Override
  public String getBanner() {
    return "Java " + Runtime.version() + " (Ciclo kernel, JShell)";
  }

  /**
   * Runs a cell: every snippet in it, in order; stops at the first that does not compile or
   * throws. Lines {@code %maven group:artifact:version} (IJava's magic) add the artifact and
   * its runtime dependencies to the class path of this and the following cells, resolved as
   * Maven does (see {@link MavenResolution}); what the class path already has is kept. Lines
   * {@code %loadFromPOM path/to/pom.xml [scope...]} (IJava's too) add the dependencies of a
   * project's POM of those scopes (default compile, runtime and system), with the POM's
   * parents, properties, dependency management and repositories; a relative path is from the
   * kernel's working folder (the notebook's, under Jupyter).
   *
   * @param code the cell's source
   * @return how to show the value of the last snippet, or {@code null} when it has none
   * @throws CellException if a snippet does not compile or throws; the message names the
   *     snippet and the compiler's or the exception's message
   */
  @Override
  public DisplayData eval(String code) throws CellException {
    Object lastValue = null;
    boolean hasValue = false;
    String remaining = mavenMagics(code);
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    while (!remaining.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
      SourceCodeAnalysis.Completeness c = info.completeness();
      if (c == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      }
      if (c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
          || c == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
        throw new CellException("incomplete code: " + remaining.strip());
      }
      String source = info.source() != null ? info.source() : remaining;
      remaining = info.source() != null ? info.remaining() : "";
      hasValue = false;
      lastValue = null;
      for (SnippetEvent event : shell.eval(source)) {
        if (event.causeSnippet() != null) {
          continue;
        }
        Snippet snippet = event.snippet();
        if (event.status() == Snippet.Status.REJECTED) {
          String diags = shell.diagnostics(snippet)
              .map(d -> d.getMessage(null))
              .collect(Collectors.joining("; "));
          throw new CellException("cannot compile `" + source.strip() + "`: " + diags);
        }
        if (event.exception() != null) {
          throw new CellException(describe(event.exception()), event.exception());
        }
        if (event.value() != null && showsValue(snippet)) {
          lastValue = capture.take(event.value());
          hasValue = lastValue != null;
        } else {
          capture.clear();
        }
      }
    }
    return hasValue ? getRenderer().render(lastValue) : null;
  }

  private String mavenMagics(String code) throws CellException {
    StringBuilder rest = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("%maven ")) {
        try {
          for (Path file : maven.resolve(t.substring(7))) {
            shell.addToClasspath(file.toString());
          }
        } catch (IllegalArgumentException e) {
          throw new CellException(e.getMessage(), e);
        }
      } else if (t.startsWith("%loadFromPOM ")) {
        String[] args = t.substring("%loadFromPOM ".length()).strip().split("\\s+");
        java.util.Set<String> scopes = args.length > 1
            ? java.util.Arrays.stream(args).skip(1).collect(Collectors.toSet())
            : java.util.Set.of("compile", "runtime", "system");
        try {
          for (Path file : maven.loadFromPom(Path.of(args[0]), scopes)) {
            shell.addToClasspath(file.toString());
          }
        } catch (IllegalArgumentException e) {
          throw new CellException(e.getMessage(), e);
        }
      } else if (t.startsWith("%")) {
        throw new CellException("unknown line magic " + t.split("\\s+")[0]
            + "; this kernel knows %maven and %loadFromPOM");
      } else {
        rest.append(line).append('\n');
      }
    }
    return rest.toString();
  }

  private static boolean showsValue(Snippet snippet) {
    Snippet.SubKind k = snippet.subKind();
    return snippet.kind() == Snippet.Kind.EXPRESSION
        || k == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
  }

  private static String describe(Exception e) {
    if (e instanceof EvalException ee) {
      return ee.getExceptionClassName() + ": " + ee.getMessage();
    }
    if (e instanceof UnresolvedReferenceException ure) {
      return "unresolved reference in " + ure.getSnippet().source();
    }
    return e.toString();
  }

  @Override
  public List<String> formatError(Exception e) {
    List<String> lines = new ArrayList<>();
    lines.add(errorStyler.primary(e.getMessage() == null ? e.toString() : e.getMessage()));
    Throwable cause = e.getCause();
    if (cause instanceof EvalException ee) {
      for (StackTraceElement el : ee.getStackTrace()) {
        if (el.getClassName().startsWith("REPL.")) {
          lines.add(errorStyler.secondary("  at " + el));
        }
      }
    }
    return lines;
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    shell.close();
  }

  /**
   * Starts the kernel on a Jupyter connection file and serves until Jupyter shuts it down.
   *
   * @param args the connection file's path (Jupyter passes {@code {connection_file}})
   * @throws Exception if the file cannot be read or the sockets cannot be bound
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "expected one argument, the Jupyter connection file, but got " + args.length);
    }
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
    JupyterConnection connection = new JupyterConnection(props);
    CicloKernel kernel = new CicloKernel();
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }

  /** A cell that does not compile or throws. */
  public static final class CellException extends Exception {
    private static final long serialVersionUID = 1L;

    CellException(String message) {
      super(message);
    }

    CellException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
