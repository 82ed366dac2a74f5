#!/usr/bin/python3
"""The scikit-learn half of mlp_vs_sklearn.sh: MLPClassifier on the exported CSV.

Same network as Ciclo's MLP: ReLU hidden layers, softmax output, Adam (lr 1e-3), L2 alpha 1e-4,
the same batch size and epochs, inputs standardised on the training split. One epoch per
partial_fit call, timed; prints "sklearn <median epoch ms> <test accuracy> <median epoch CPU ms>"
(CPU time of the process, which has one BLAS thread).

usage: mlp_vs_sklearn.py <file.csv> <h1,h2> <batch> <epochs>
"""
import sys
import time

import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler


def main():
    path, hidden, batch, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    raw = np.genfromtxt(path, delimiter=",", dtype=str, skip_header=1)
    split, labels, x = raw[:, 0], raw[:, 1], raw[:, 2:].astype(np.float64)
    tr, te = split == "train", split == "test"
    scaler = StandardScaler().fit(x[tr])
    xtr, xte = scaler.transform(x[tr]), scaler.transform(x[te])
    classes = np.unique(labels)
    layers = tuple(int(h) for h in hidden.split(","))

    def make(seed):
        return MLPClassifier(hidden_layer_sizes=layers, activation="relu", solver="adam",
                             alpha=1e-4, batch_size=batch, learning_rate_init=1e-3,
                             shuffle=True, random_state=seed)

    warm = make(99)  # warm-up, as the Java side does
    for _ in range(2):
        warm.partial_fit(xtr, labels[tr], classes=classes)
    clf = make(1)
    times, cpu = [], []
    for _ in range(epochs):
        t0, c0 = time.perf_counter(), time.process_time()
        clf.partial_fit(xtr, labels[tr], classes=classes)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    acc = float(np.mean(clf.predict(xte) == labels[te]))
    print("sklearn %.3f %.4f %.3f" % (sorted(times)[len(times) // 2], acc,
                                      sorted(cpu)[len(cpu) // 2]))


if __name__ == "__main__":
    main()
