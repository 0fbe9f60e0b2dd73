package org.fenlei.model;

import org.fenlei.nn.BinaryCrossEntropy;
import org.fenlei.nn.CategoricalCrossEntropy;
import org.fenlei.nn.Loss;
import org.fenlei.nn.MeanSquaredError;
import org.fenlei.nn.OneVsAll;

/** What the model predicts; decides the output layer and the loss. */
public enum Task {
    /** Two classes: one sigmoid output, binary cross-entropy. */
    BINARY,
    /** K classes: softmax over K outputs, categorical cross-entropy. */
    MULTICLASS,
    /** A number: one linear output, mean squared error. */
    REGRESSION,
    /** Any number of K labels per text: K sigmoid outputs, one-vs-all binary cross-entropy. */
    MULTILABEL;

    public Loss loss() {
        return switch (this) {
            case BINARY -> new BinaryCrossEntropy();
            case MULTICLASS -> new CategoricalCrossEntropy();
            case REGRESSION -> new MeanSquaredError();
            case MULTILABEL -> new OneVsAll();
        };
    }

    public int outputs(int labels) {
        return this == MULTICLASS || this == MULTILABEL ? labels : 1;
    }
}
