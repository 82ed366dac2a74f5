package dev.ciclo.examples;

import dev.ciclo.examples.skeleton.SkeletonCycle;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The main job: runs the cycle end to end and prints what it did at each step.
 *
 * <p>For now this is the walking skeleton ({@link SkeletonCycle}); the full-cycle demo on the
 * spoken-digit data replaces it.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the cycle.
   *
   * @param args optional: the seed (default 42)
   */
  public static void main(String[] args) {
    // Tribuo logs every training run at INFO through java.util.logging; the demo prints its own.
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
    SkeletonCycle.run(System.out, seed);
  }
}
