package org.fenlei.model;

import java.util.List;

/** What a model file holds. Weights are in the network's parameter order. */
public record ModelContents(ModelConfig config, List<String> labels, List<String> vocabulary,
                            List<Tensor> weights, Provenance provenance) {
    public ModelContents {
        labels = List.copyOf(labels);
        vocabulary = List.copyOf(vocabulary);
        weights = List.copyOf(weights);
    }

    /** A named matrix of learned values. */
    public record Tensor(String name, int rows, int cols, float[] values) {
        public Tensor {
            if ((long) rows * cols != values.length) {
                throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + rows + "x"
                        + cols);
            }
        }
    }
}
