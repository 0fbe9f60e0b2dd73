package org.fenlei.nn;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear model over a bag of features: each text is a sparse vector x with one entry per distinct feature id,
 * x_f = s_f * h(tf_f), optionally divided by its L2 norm, and the logits are x W + b. The term-frequency transform
 * h is either binary (h = 1, as NBSVM uses) or sublinear (h = 1 + ln tf, as TF-IDF weighting does); s_f is a
 * per-feature scale (the inverse document frequency, or 1). The transform and the scales are parameters like the
 * weights, so that the model file holds everything prediction needs; a solver fits W and b
 * ({@link org.fenlei.train.LinearTrainer}), and the network also trains by gradient like any other.
 */
public final class SparseLinear implements Network {
    /** Flags stored in {@link #transform}: index of the sublinear-tf flag and of the L2-normalisation flag. */
    public static final int SUBLINEAR = 0;
    public static final int NORMALISE = 1;

    private final int features;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter scale;
    private final Parameter transform;
    private final List<Parameter> parameters;

    public SparseLinear(int features, int outputs) {
        if (features < 1 || outputs < 1) {
            throw new IllegalArgumentException("invalid sizes: features " + features + ", outputs " + outputs);
        }
        this.features = features;
        weight = new Parameter("weight", features, outputs, true);
        bias = new Parameter("bias", 1, outputs, false);
        scale = new Parameter("scale", features, 1, false);
        transform = new Parameter("transform", 1, 2, false);
        Arrays.fill(scale.value(), 1f);
        scale.freeze();
        transform.freeze();
        parameters = List.of(weight, bias, scale, transform);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** Each feature's scale s_f, one column. */
    public Parameter scale() {
        return scale;
    }

    /** The term-frequency transform: {@code [sublinear, normalise]}, each 0 or 1. */
    public Parameter transform() {
        return transform;
    }

    @Override
    public int outputs() {
        return weight.cols();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Parameter table() {
        return weight;
    }

    @Override
    public List<Parameter> featureRows() {
        return List.of(scale);
    }

    @Override
    public Pass newPass(int maxBatch) {
        return new LinearPass(maxBatch, 0);
    }

    @Override
    public Pass newTrainingPass(int maxBatch, long seed) {
        return new LinearPass(maxBatch, 0);
    }

    /** A pass whose gradients go to parameters {@code first} (the weight) and {@code first + 1} (the bias). */
    Pass newPass(int maxBatch, int first) {
        return new LinearPass(maxBatch, first);
    }

    /**
     * The logits are b + sum over distinct features f of x_f W_f: each of a feature's tf occurrences gets the
     * share x_f W_f / tf.
     */
    @Override
    public TokenTerms tokenTerms() {
        return (tokens, terms) -> {
            int k = outputs();
            Map<Integer, Integer> counts = new HashMap<>();
            for (int id : tokens) {
                if (id >= 0 && id < features) {
                    counts.merge(id, 1, Integer::sum);
                }
            }
            boolean sublinear = transform.value()[SUBLINEAR] != 0;
            float[] s = scale.value();
            Map<Integer, Float> x = new HashMap<>();
            double sum = 0;
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                float v = s[e.getKey()] * (sublinear ? 1f + (float) Math.log(e.getValue()) : 1f);
                x.put(e.getKey(), v);
                sum += (double) v * v;
            }
            float inverse = (float) (transform.value()[NORMALISE] != 0 && sum > 0 ? 1 / Math.sqrt(sum) : 1);
            float[] w = weight.value();
            Arrays.fill(terms, 0, tokens.length * k, 0f);
            for (int t = 0; t < tokens.length; t++) {
                Float v = x.get(tokens[t]);
                if (v != null) {
                    float share = v * inverse / counts.get(tokens[t]);
                    for (int c = 0; c < k; c++) {
                        terms[t * k + c] = share * w[tokens[t] * k + c];
                    }
                }
            }
            return bias.value().clone();
        };
    }

    private final class LinearPass implements Pass {
        private final float[] logits;
        private int[] ids = new int[64];
        private float[] values = new float[64];
        private final double[] norm = new double[1];
        /** Per feature, the text that last saw it and where: distinct ids in one pass, no sort. */
        private final int[] seenIn;
        private final int[] seenAt;
        private int text;
        /** The weight's index in the gradients; the bias follows it. */
        private final int first;

        LinearPass(int maxBatch, int first) {
            this.first = first;
            logits = new float[maxBatch * outputs()];
            seenIn = new int[features];
            seenAt = new int[features];
        }

        /**
         * The distinct ids of {@code tokens[from, to)} into {@link #ids}, in order of first occurrence, with their
         * values x_f before normalisation in {@link #values}; returns how many, and leaves the L2 norm of the
         * values in {@code norm[0]}.
         */
        private int vector(int[] tokens, int from, int to) {
            if (++text == Integer.MAX_VALUE) {
                Arrays.fill(seenIn, 0);
                text = 1;
            }
            int k = 0;
            for (int t = from; t < to; t++) {
                int id = tokens[t];
                if (id < 0 || id >= features) {
                    continue;
                }
                if (seenIn[id] != text) {
                    seenIn[id] = text;
                    seenAt[id] = k;
                    ids[k] = id;
                    values[k++] = 1;
                } else {
                    values[seenAt[id]]++;
                }
            }
            boolean sublinear = transform.value()[SUBLINEAR] != 0;
            float[] s = scale.value();
            double sum = 0;
            for (int i = 0; i < k; i++) {
                float x = s[ids[i]] * (sublinear ? 1f + (float) Math.log(values[i]) : 1f);
                values[i] = x;
                sum += (double) x * x;
            }
            norm[0] = transform.value()[NORMALISE] != 0 && sum > 0 ? Math.sqrt(sum) : 1;
            return k;
        }

        private void room(int n) {
            if (ids.length < n) {
                ids = new int[Math.max(n, 2 * ids.length)];
                values = new float[ids.length];
            }
        }

        @Override
        public float[] forward(TokenBatch batch) {
            int k = outputs();
            float[] w = weight.value();
            float[] b = bias.value();
            int[] offsets = batch.offsets();
            for (int d = 0; d < batch.size(); d++) {
                room(offsets[d + 1] - offsets[d]);
                int n = vector(batch.ids(), offsets[d], offsets[d + 1]);
                int o = d * k;
                System.arraycopy(b, 0, logits, o, k);
                float inverse = (float) (1 / norm[0]);
                for (int i = 0; i < n; i++) {
                    float x = values[i] * inverse;
                    int row = ids[i] * k;
                    for (int c = 0; c < k; c++) {
                        logits[o + c] += x * w[row + c];
                    }
                }
            }
            return logits;
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            int k = outputs();
            int[] offsets = batch.offsets();
            float[] dw = grads.values(first);
            float[] db = grads.values(first + 1);
            for (int d = 0; d < batch.size(); d++) {
                room(offsets[d + 1] - offsets[d]);
                int n = vector(batch.ids(), offsets[d], offsets[d + 1]);
                float inverse = (float) (1 / norm[0]);
                for (int c = 0; c < k; c++) {
                    db[c] += dLogits[d * k + c];
                }
                for (int i = 0; i < n; i++) {
                    float x = values[i] * inverse;
                    grads.touch(first, ids[i]);
                    int row = ids[i] * k;
                    for (int c = 0; c < k; c++) {
                        dw[row + c] += x * dLogits[d * k + c];
                    }
                }
            }
        }
    }
}
