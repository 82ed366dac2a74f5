/**
 * A multi-layer perceptron classifier on ND4J (ReLU hidden layers, softmax output, Adam, L2,
 * dropout), trained through {@link dev.ciclo.core.train.TrainingLoop}: build it with
 * {@link dev.ciclo.nd4j.MlpClassifier#builder}, save its models with
 * {@link dev.ciclo.core.persist.ModelFiles} and read them back with
 * {@link dev.ciclo.nd4j.MlpModelLoader}. No ND4J type appears in a public signature.
 *
 * <p>ND4J runs native code through OpenMP; set {@code OMP_NUM_THREADS=1} for small networks
 * (measured faster than 2 threads).
 */
package dev.ciclo.nd4j;
