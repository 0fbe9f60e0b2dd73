package org.fenlei.model;

import org.fenlei.nn.BinaryCrossEntropy;
import org.fenlei.nn.CategoricalCrossEntropy;
import org.fenlei.nn.Loss;
import org.fenlei.nn.MeanSquaredError;

/** What the model predicts; decides the output layer and the loss. */
public enum Task {
    /** Two classes: one sigmoid output, binary cross-entropy. */
    BINARY,
    /** K classes: softmax over K outputs, categorical cross-entropy. */
    MULTICLASS,
    /** A number: one linear output, mean squared error. */
    REGRESSION;

    public Loss loss() {
        return switch (this) {
            case BINARY -> new BinaryCrossEntropy();
            case MULTICLASS -> new CategoricalCrossEntropy();
            case REGRESSION -> new MeanSquaredError();
        };
    }

    public int outputs(int labels) {
        return this == MULTICLASS ? labels : 1;
    }
}
