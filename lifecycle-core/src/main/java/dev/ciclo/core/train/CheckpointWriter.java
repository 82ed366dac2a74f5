package dev.ciclo.core.train;

import dev.ciclo.api.train.Model;
import dev.ciclo.core.persist.ModelFiles;
import java.nio.file.Path;
import java.util.Locale;

/** Saves the model of every n-th epoch, and the best so far, under a run's checkpoint folder. */
final class CheckpointWriter {
  private final Path folder;
  private final int every;

  CheckpointWriter(Path folder, int every) {
    this.folder = folder;
    this.every = every;
  }

  void epochEnded(int epoch, Model<?, ?> model, boolean best) {
    if (epoch % every == 0) {
      ModelFiles.save(model, folder.resolve(String.format(Locale.ROOT, "epoch-%04d.model", epoch)));
    }
    if (best) {
      ModelFiles.save(model, folder.resolve("best.model"));
    }
  }
}
