package dev.ciclo.cli;

import dev.ciclo.jupyter.KernelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ciclo kernel install}: Ciclo's Java kernel for Jupyter. */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "Ciclo's Java kernel for Jupyter (JShell, IJava's %%maven and %%loadFromPOM,"
        + " inline charts).",
    subcommands = {KernelCommand.Install.class})
final class KernelCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required: install");
  }

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = {"Installs the kernel spec (kernel.json) so that Jupyter can start the"
          + " kernel with this Java. Then: jupyter nbconvert --to notebook --execute"
          + " --ExecutePreprocessor.kernel_name=NAME NOTEBOOK, or pick it in Jupyter.",
          "The kernel starts with lifecycle-jupyter and its dependencies only, resolved from the"
              + " local Maven repository (run mvn install in Ciclo's checkout first: nothing is"
              + " published yet); a notebook adds the modules it uses with"
              + " %%maven group:artifact:version, resolved from the local repository and the"
              + " repositories and mirrors of ~/.m2/settings.xml ($CICLO_MAVEN_SETTINGS names"
              + " another), as on IJava."})
  static final class Install implements Runnable {
    @ArgGroup(exclusive = true)
    Where where = new Where();

    static final class Where {
      @Option(names = "--user", description = "into the user's Jupyter folder"
          + " ($JUPYTER_DATA_DIR/kernels, else ~/.local/share/jupyter/kernels)")
      boolean user;

      @Option(names = "--prefix", paramLabel = "DIR",
          description = "into DIR/share/jupyter/kernels (a virtualenv or conda prefix)")
      Path prefix;
    }

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", defaultValue = "ciclo-java",
        description = "the kernel's name, as notebooks and --kernel_name give it"
            + " (default: ${DEFAULT-VALUE}; IJava's is java)")
    String name;

    @Option(names = "--display-name", paramLabel = "TEXT", defaultValue = "Java (Ciclo)",
        description = "the name shown in Jupyter's menus (default: ${DEFAULT-VALUE})")
    String displayName;

    @Option(names = "--class-path", paramLabel = "PATH",
        description = "the kernel's class path instead (this jar gives a kernel with every"
            + " module and no need of the local repository)")
    String classPath;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      Path kernels = kernelsDir(where, System.getenv(), Path.of(System.getProperty("user.home")));
      String cp = classPath != null ? classPath : resolvedClassPath();
      Path file;
      try {
        file = KernelSpec.install(kernels, name, displayName, cp);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write the kernel spec into " + kernels + ": "
            + e.getMessage() + (where.user || where.prefix != null ? ""
                : " (without --user or --prefix it goes to the system folder; try --user)"), e);
      }
      spec.commandLine().getOut().println("installed kernel '" + name + "' (" + displayName
          + ") in " + file.getParent());
      spec.commandLine().getOut().flush();
    }

    static Path kernelsDir(Where where, Map<String, String> env, Path home) {
      if (where.prefix != null) {
        return where.prefix.resolve("share/jupyter/kernels");
      }
      if (where.user) {
        String data = env.get("JUPYTER_DATA_DIR");
        return data != null && !data.isBlank() ? Path.of(data, "kernels")
            : home.resolve(".local/share/jupyter/kernels");
      }
      return Path.of("/usr/local/share/jupyter/kernels");
    }

    /** lifecycle-jupyter of this build and its dependencies, from the local repository. */
    static String resolvedClassPath() {
      String kernel = KernelSpec.kernelArtifact();
      try {
        return KernelSpec.resolveClassPath(kernel);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("cannot resolve the kernel, " + kernel + ": run `mvn"
            + " install` in Ciclo's checkout first (nothing is published yet), or give"
            + " --class-path (this jar, for one with every module). " + e.getMessage(), e);
      }
    }
  }
}
