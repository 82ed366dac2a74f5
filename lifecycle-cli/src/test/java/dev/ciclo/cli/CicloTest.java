package dev.ciclo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ciclo.api.monitor.Alert;
import dev.ciclo.api.monitor.DriftTestResult;
import dev.ciclo.api.train.RunOutcome;
import dev.ciclo.api.train.RunRecord;
import dev.ciclo.core.run.RunStore;
import dev.ciclo.core.workspace.Workspace;
import dev.ciclo.monitor.MonitorReport;
import dev.ciclo.monitor.WindowReport;
import dev.ciclo.monitor.report.ReportWriter;
import dev.ciclo.serve.cli.ServerFlag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CicloTest {
  /** Exit code, standard output and standard error of one command line. */
  record Ran(int code, String out, String err) {}

  static Ran run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ciclo.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Ran(code, out.toString(), err.toString());
  }

  @Test
  @DisplayName("--help works on the command and on every subcommand, exit code 0")
  void help() {
    Ran top = run("--help");
    assertEquals(0, top.code());
    for (String c : List.of("demo", "serve", "runs", "lineage", "monitor", "kernel")) {
      assertTrue(top.out().contains(c), top.out());
    }
    for (String[] args : List.of(new String[] {"demo", "--help"},
        new String[] {"runs", "--help"}, new String[] {"runs", "list", "--help"},
        new String[] {"runs", "show", "--help"}, new String[] {"runs", "compare", "--help"},
        new String[] {"monitor", "report", "--help"}, new String[] {"kernel", "install", "-h"},
        new String[] {"serve", "--help"}, new String[] {"lineage", "--help"},
        new String[] {"help", "demo"})) {
      Ran r = run(args);
      assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: ciclo "), r.out());
    }
  }

  @Test
  @DisplayName("usage errors exit 2 with the message and the usage on standard error")
  void usageErrors() {
    Ran r = run("--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Unknown option: '--frobnicate'"), r.err());
    r = run("demo", "--recipe", "slow");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("Invalid value for option '--recipe': expected one of"
        + " [fast, speech] (case-sensitive) but was 'slow'"), r.err());
    r = run("runs", "show");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Missing required parameter: 'RUN'"), r.err());
    r = run("runs");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("a subcommand is required: list, show or compare"), r.err());
    r = run("kernel", "install", "--user", "--prefix", "/tmp/x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }

  @Test
  @DisplayName("a failure exits 1 with 'ciclo: ' and the reason, no stack trace")
  void failures(@TempDir Path dir) {
    Ran r = run("runs", "list", "--workspace", dir.resolve("none").toString());
    assertEquals(1, r.code());
    assertEquals("ciclo: no workspace at " + dir.resolve("none").toAbsolutePath()
        + " (no runs/ folder); give one with --workspace DIR (ciclo demo writes"
        + " ciclo-demo/run-<time>/workspace)", r.err().strip());
    assertTrue(Files.notExists(dir.resolve("none")), "a missing workspace is not created");
    r = run("monitor", "report", dir.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("ciclo: no monitor report at " + dir.toAbsolutePath()),
        r.err());
  }

  @Test
  @DisplayName("serve and lineage say what is wrong, exit 1, and do not create a workspace")
  void serveAndLineageFailures(@TempDir Path dir) throws Exception {
    Ran port = run("serve", "--workspace", dir.toString(), "--model", "digits", "--port",
        "70000");
    assertEquals(1, port.code());
    assertTrue(port.err().startsWith("ciclo: port must be between 0 and 65535 but was 70000"),
        port.err());
    Ran token = run("serve", "--workspace", dir.toString(), "--token-file",
        dir.resolve("absent").toString());
    assertEquals(1, token.code());
    assertTrue(token.err().startsWith("ciclo: token file " + dir.resolve("absent")
        + " cannot be read"), token.err());
    Ran help = run("serve", "--help");
    assertTrue(help.out().contains("--token-file=PATH") && help.out().contains("CICLO_TOKEN"),
        "--help says how to give the token: " + help.out());
    for (ServerFlag limit : ServerFlag.values()) {
      assertTrue(help.out().contains(limit.flag() + "=N"),
          "--help lists the server's limit " + limit.flag() + ": " + help.out());
    }
    // a value that is not a number is a usage error, as for every option (exit 2)
    Ran word = run("serve", "--workspace", dir.toString(), "--max-rows", "many");
    assertEquals(2, word.code());
    assertTrue(word.err().startsWith("Invalid value for option '--max-rows': 'many' is not an"
        + " int"), word.err());
    Ran overflow = run("serve", "--workspace", dir.toString(), "--body-timeout-ms",
        "9223372036854775807");
    assertEquals(1, overflow.code());
    assertTrue(overflow.err().startsWith("ciclo: --body-timeout-ms 9223372036854775807:"
        + " bodyTimeout must be positive and at most 1 day"), overflow.err());
    Ran inFlight = run("serve", "--workspace", dir.toString(), "--max-in-flight", "0");
    assertEquals(1, inFlight.code());
    assertTrue(inFlight.err().startsWith("ciclo: --max-in-flight 0: maxInFlight must be at least 1"
        + " but was 0"),
        inFlight.err());
    Ran none = run("lineage", "digits", "--workspace", dir.resolve("none").toString());
    assertEquals(1, none.code());
    assertEquals("ciclo: no workspace at " + dir.resolve("none").toAbsolutePath()
        + " (no models/ folder); give one with --workspace DIR (ciclo demo writes"
        + " ciclo-demo/run-<time>/workspace)", none.err().strip());
    Files.createDirectories(dir.resolve("models"));
    Ran alias = run("lineage", "digits", "--workspace", dir.toString());
    assertEquals(1, alias.code());
    assertTrue(alias.err().startsWith("ciclo: "), alias.err());
  }

  private static RunRecord record(String id, String lr, double accuracy) {
    return new RunRecord(id, "logistic-regression", Map.of("learningRate", lr, "epochs", "10"),
        42, Map.of("train", "sha256:ab"), List.of(), Map.of("dev.accuracy", accuracy),
        Map.of("java", "17"), Instant.parse("2026-12-06T03:00:00Z"), Duration.ofMillis(1500),
        RunOutcome.COMPLETED, List.of());
  }

  @Test
  @DisplayName("runs list, show and compare print a workspace's run records")
  void runs(@TempDir Path dir) {
    RunStore store = RunStore.in(Workspace.open(dir));
    store.save(record("run-a", "0.1", 0.81));
    store.save(record("run-b", "0.5", 0.86));
    String ws = dir.toString();
    Ran list = run("runs", "list", "-w", ws);
    assertEquals(0, list.code(), list.err());
    List<String> lines = list.out().lines().toList();
    assertEquals(3, lines.size(), list.out());
    assertTrue(lines.get(1).startsWith("run-a ") && lines.get(2).startsWith("run-b "),
        list.out());
    Ran show = run("runs", "show", "run-b", "--workspace", ws);
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().contains("  dev.accuracy = 0.86000"), show.out());
    assertTrue(show.out().contains("  learningRate = 0.5"), show.out());
    Ran cmp = run("runs", "compare", "run-a", "run-b", "-w", ws);
    assertEquals(0, cmp.code(), cmp.err());
    assertTrue(cmp.out().lines().anyMatch(l -> l.startsWith("learningRate") && l.contains("0.1")
        && l.contains("0.5")), cmp.out());
    Ran missing = run("runs", "show", "nope", "-w", ws);
    assertEquals(1, missing.code());
    assertTrue(missing.err().startsWith("ciclo: "), missing.err());
  }

  @Test
  @DisplayName("monitor report prints one row per window and each drift decision in words")
  void monitorReport(@TempDir Path dir) {
    Instant t = Instant.parse("2026-12-06T03:00:00Z");
    WindowReport quiet = new WindowReport(0, t, t.plusSeconds(60), 200, 0, 0, false, true,
        Map.of("feature:mfcc3", new DriftTestResult("ks", 0.08, OptionalDouble.of(7.35e-4),
            2.5e-4, false)), false);
    WindowReport drifted = new WindowReport(1, t.plusSeconds(60), t.plusSeconds(120), 200, 0, 0,
        false, true, Map.of("feature:mfcc3", new DriftTestResult("ks", 0.31,
            OptionalDouble.of(1e-9), 2.5e-4, true)), true);
    Alert alert = new Alert("digits", "feature:mfcc3", "ks", dev.ciclo.api.monitor.Severity.WARNING, 0.31,
        t.plusSeconds(60), t.plusSeconds(120), "input feature mfcc3 drifted", Map.of());
    MonitorReport report = new MonitorReport("digits", t.plusSeconds(130),
        List.of(quiet, drifted), List.of(alert), List.of(), 400, 0, 0, 0, 0);
    ReportWriter.writeJson(report, dir.resolve("monitor.json"));
    Ran r = run("monitor", "report", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("     1       200  yes     DRIFT     feature:mfcc3"), r.out());
    assertTrue(r.out().contains("  window 1, feature:mfcc3: ks p-value 1.00e-09 <= the threshold"
        + " 0.000250 (after the monitor's multiple-testing correction): drift"), r.out());
    assertTrue(r.out().contains("WARNING feature:mfcc3: input feature mfcc3 drifted"), r.out());
  }

  @Test
  @DisplayName("kernel install writes kernel.json under --prefix, named as asked")
  void kernelInstall(@TempDir Path dir) throws Exception {
    Ran r = run("kernel", "install", "--prefix", dir.toString(), "--name", "ciclo-test",
        "--class-path", "/opt/ciclo.jar");
    assertEquals(0, r.code(), r.err());
    Path spec = dir.resolve("share/jupyter/kernels/ciclo-test/kernel.json");
    String json = Files.readString(spec);
    assertTrue(json.contains("\"/opt/ciclo.jar\""), json);
    assertTrue(json.contains("\"display_name\": \"Java (Ciclo)\""), json);
    assertEquals("installed kernel 'ciclo-test' (Java (Ciclo)) in " + spec.getParent(),
        r.out().strip());
    KernelCommand.Install.Where user = new KernelCommand.Install.Where();
    user.user = true;
    assertEquals(Path.of("/j/kernels"), KernelCommand.Install.kernelsDir(user,
        Map.of("JUPYTER_DATA_DIR", "/j"), Path.of("/home/u")));
    assertEquals(Path.of("/home/u/.local/share/jupyter/kernels"),
        KernelCommand.Install.kernelsDir(user, Map.of(), Path.of("/home/u")));
    Ran bad = run("kernel", "install", "--prefix", dir.toString(), "--name", "no spaces",
        "--class-path", "/opt/ciclo.jar");
    assertEquals(1, bad.code());
    assertEquals("ciclo: name must be letters, digits, '-', '_' or '.' but was 'no spaces'",
        bad.err().strip());
  }
}
