package dev.ciclo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ciclo} command: {@code java -jar ciclo.jar --help}.
 *
 * <p>Exit codes: 0 when the command did what it says, 1 when it failed (the reason is printed
 * on standard error as {@code ciclo: ...}), 2 for a usage error (unknown option, missing
 * argument; the usage follows the message).
 */
@Command(name = "ciclo", mixinStandardHelpOptions = true,
    versionProvider = Ciclo.Version.class,
    description = "Ciclo: the whole cycle of a machine-learning project, from the command line.",
    subcommands = {DemoCommand.class, ServeCli.class, RunsCommand.class, LineageCommand.class,
        MonitorCommand.class, KernelCommand.class, CommandLine.HelpCommand.class})
public final class Ciclo implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err,
        true)));
  }

  /**
   * Runs the command line without exiting (tests call this).
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Ciclo());
    ServeCli.withServerFlags(cl.getSubcommands().get("serve").getCommandSpec());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      commandLine.getErr().println("ciclo: " + message);
      if (System.getenv("CICLO_DEBUG") != null) {
        e.printStackTrace(commandLine.getErr());
      }
      return 1;
    });
    return cl.execute(args);
  }

  /** The version from the jar's manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Ciclo.class.getPackage().getImplementationVersion();
      return new String[] {"ciclo " + (v == null ? "(development build)" : v)
          + ", Java " + Runtime.version()};
    }
  }
}
