package org.fenlei;

import org.fenlei.model.ModelType;
import org.fenlei.model.NetworkConfig;
import org.fenlei.nn.Network;
import org.fenlei.nn.SparseLinear;

/**
 * A model kind that exists only in the tests, added through the registry alone: this file and one line in
 * {@code META-INF/services/org.fenlei.model.ModelType}. A bag of binary features into a linear output, trained by
 * the general mini-batch trainer (Adam) rather than by a solver.
 */
public final class ToyModelType implements ModelType {
    static final String NAME = "toy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "binary bag of words into a linear output, trained by gradient";
    }

    @Override
    public Network build(NetworkConfig network, int vocabulary, int buckets, int outputs, long seed) {
        return new SparseLinear(vocabulary + buckets, outputs);
    }

    @Override
    public int tableColumns(NetworkConfig network, int outputs) {
        return outputs;
    }
}
