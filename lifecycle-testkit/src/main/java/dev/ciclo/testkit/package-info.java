/**
 * Contract tests for Ciclo's extension points, in the manner of Micrometer's
 * {@code MeterRegistryCompatibilityKit}: an implementation proves itself by a test class that
 * extends the contract and says how to make an instance.
 *
 * <pre>{@code
 * class MyDetectorTest extends DriftDetectorContract {
 *   protected DriftDetector newDetector() { return new MyDetector(); }
 * }
 * }</pre>
 *
 * <p>{@link dev.ciclo.testkit.Required} is how a test asks for what lies outside the JVM (the
 * shared data, a program): skipped when it is missing, failed under CI.
 *
 * <p>Add {@code lifecycle-testkit} in test scope, with {@code junit-jupiter} to run it.
 */
package dev.ciclo.testkit;
