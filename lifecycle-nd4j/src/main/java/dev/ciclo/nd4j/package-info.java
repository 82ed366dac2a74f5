/**
 * A multi-layer perceptron classifier on ND4J (ReLU hidden layers, softmax output, Adam, L2,
 * dropout), trained through {@link dev.ciclo.core.train.TrainingLoop}: build it with
 * {@link dev.ciclo.nd4j.MlpClassifier#builder}, save its models with
 * {@link dev.ciclo.core.persist.ModelFiles} and read them back with
 * {@link dev.ciclo.nd4j.MlpModelLoader}. No ND4J type appears in a public signature.
 *
 * <p>Training sizes ND4J's OpenMP pool and OpenBLAS's pool itself, from the network's size
 * ({@link dev.ciclo.nd4j.MlpClassifier#threadsFor}), whatever {@code OMP_NUM_THREADS} says.
 */
package dev.ciclo.nd4j;
