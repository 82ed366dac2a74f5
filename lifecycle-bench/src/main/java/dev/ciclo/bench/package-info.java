/**
 * JMH benchmarks of Ciclo, each measured against a baseline or a peer in the same run. Never
 * deployed. Build with {@code mvn -pl lifecycle-bench -am package -DskipTests} and run
 * {@code java -jar lifecycle-bench/target/benchmarks.jar}.
 */
package dev.ciclo.bench;
