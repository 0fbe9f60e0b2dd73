package org.fenlei;

import org.fenlei.model.Task;
import org.fenlei.nn.Gradients;
import org.fenlei.nn.HierarchicalSoftmax;
import org.fenlei.nn.Loss;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.nn.TokenBatch;
import org.fenlei.nn.TokenTerms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Takes a label's score apart into the parts of a text's features: exactly where the network is linear in its
 * tokens ({@link TokenTerms}), else by integrated gradients on the token vectors (Sundararajan et al. 2017,
 * "Axiomatic Attribution for Deep Networks", eq. 1): the baseline is the same text with every token vector zero,
 * the path integral is taken by Gauss-Legendre quadrature (its nodes as the steps, which for the same number of
 * gradients is far closer than the paper's Riemann sum on a smooth path), and the steps run as one batch.
 */
final class Explainer {
    private final Network network;
    private final Loss loss;
    private final Task task;
    /**
     * Idle buffers (a pass sized for the steps' batch and, once integrated gradients need them, gradients the size
     * of the model), taken by one explanation at a time: allocated once per concurrent request, not per request (a
     * linear model's pass alone holds an int per feature).
     */
    private final Queue<Workspace> idle = new ConcurrentLinkedQueue<>();

    private final class Workspace {
        final Network.Pass pass = network.newPass(Explanation.STEPS + 2);
        private Gradients gradients;

        Gradients gradients() {
            if (gradients == null) {
                gradients = new Gradients(network.parameters());
            }
            return gradients;
        }
    }

    /** Runs {@code work} with an idle workspace (a new one when none is idle), cleared and returned after. */
    private <T> T withWorkspace(Function<Workspace, T> work) {
        Workspace idleOne = idle.poll();
        Workspace w = idleOne != null ? idleOne : new Workspace();
        try {
            return work.apply(w);
        } finally {
            if (w.gradients != null) {
                w.gradients.clear();
            }
            idle.offer(w);
        }
    }

    /** The network's outputs for one document. */
    private float[] logits(int[] ids) {
        TokenBatch batch = new TokenBatch();
        batch.add(ids);
        return withWorkspace(w -> w.pass.forward(batch).clone());
    }

    Explainer(Network network, Loss loss, Task task) {
        this.network = network;
        this.loss = loss;
        this.task = task;
    }

    /**
     * Explains label {@code c} for a document of {@code ids} whose features are {@code names} (one per id).
     *
     * @param probability the label's probability, as the model reports it
     */
    Explanation explain(int[] ids, List<String> names, int c, String label, double probability) {
        TokenTerms terms = loss instanceof HierarchicalSoftmax ? null : network.tokenTerms();
        String method = terms != null ? Explanation.EXACT : Explanation.INTEGRATED_GRADIENTS;
        if (ids.length == 0) {
            double score = score(logits(ids), 0, c, true);
            return new Explanation(label, probability, method, score, score, List.of(), 0);
        }
        double[] parts = new double[ids.length];
        double[] scores = terms != null ? exact(terms, ids, c, parts) : integratedGradients(ids, c, parts);
        Map<String, Double> byFeature = new LinkedHashMap<>();
        double sum = 0;
        for (int t = 0; t < ids.length; t++) {
            byFeature.merge(names.get(t), parts[t], Double::sum);
            sum += parts[t];
        }
        List<Explanation.Contribution> contributions = new ArrayList<>();
        byFeature.forEach((feature, value) -> contributions.add(new Explanation.Contribution(feature, value)));
        contributions.sort(Comparator.comparingDouble((Explanation.Contribution x) -> -Math.abs(x.value())));
        return new Explanation(label, probability, method, scores[1], scores[0], contributions,
                sum - (scores[1] - scores[0]));
    }

    /** Each token's term of the label's score into {@code parts}; returns {baseline, score}. */
    private double[] exact(TokenTerms terms, int[] ids, int c, double[] parts) {
        int k = network.outputs();
        float[] each = new float[Math.max(1, ids.length * k)];
        float[] constant = terms.terms(ids, each);
        for (int t = 0; t < ids.length; t++) {
            parts[t] = score(each, t * k, c, false);
        }
        return new double[] {score(constant, 0, c, false), score(logits(ids), 0, c, true)};
    }

    /** Gauss-Legendre nodes on (0, 1) and their weights, for the number of steps. */
    private static final double[][] QUADRATURE = gaussLegendre(Explanation.STEPS);

    /**
     * Integrated gradients of the label's score: one batch of the baseline (scale 0), the text (scale 1) and
     * {@link Explanation#STEPS} quadrature nodes between them; the weighted gradients of the nodes' scores, summed
     * into the token rows by the backward pass, times each token's vector, are its part. Returns {baseline,
     * score}.
     */
    private double[] integratedGradients(int[] ids, int c, double[] parts) {
        Parameter table = network.table();
        if (table.frozen()) {
            throw new IllegalStateException("this model's embedding is frozen in memory (--freeze-vectors) and gives "
                    + "no gradients: explain the model loaded from its file");
        }
        int steps = Explanation.STEPS;
        TokenBatch batch = new TokenBatch();
        batch.add(ids, 0f);
        batch.add(ids, 1f);
        for (int s = 0; s < steps; s++) {
            batch.add(ids, (float) QUADRATURE[0][s]);
        }
        return withWorkspace(w -> integrate(ids, c, parts, batch, w, table));
    }

    private double[] integrate(int[] ids, int c, double[] parts, TokenBatch batch, Workspace w, Parameter table) {
        int steps = Explanation.STEPS;
        Network.Pass pass = w.pass;
        float[] logits = pass.forward(batch);
        int k = network.outputs();
        double[] scores = {score(logits, 0, c, true), score(logits, k, c, true)};
        float[] dLogits = new float[(steps + 2) * k];
        for (int s = 0; s < steps; s++) {
            int row = (s + 2) * k;
            scoreGradient(logits, row, c, dLogits, row);
            for (int j = row; j < row + k; j++) {
                dLogits[j] *= (float) QUADRATURE[1][s];
            }
        }
        Gradients grads = w.gradients();
        pass.backward(batch, dLogits, grads);
        float[] g = grads.values(network.parameters().indexOf(table));
        float[] e = table.value();
        int dim = table.cols();
        Map<Integer, Integer> occurrences = new HashMap<>();
        for (int id : ids) {
            occurrences.merge(id, 1, Integer::sum);
        }
        for (int t = 0; t < ids.length; t++) {
            double dot = 0;
            for (int j = ids[t] * dim, end = j + dim; j < end; j++) {
                dot += (double) e[j] * g[j];
            }
            // the rows sum every position's gradient: an id's part is shared by its positions
            parts[t] = dot / occurrences.get(ids[t]);
        }
        return scores;
    }

    /**
     * The n Gauss-Legendre nodes and weights moved from [-1, 1] to [0, 1]: the roots of the Legendre polynomial
     * P_n by Newton's method from Tricomi's estimate, weights 2 / ((1 - x^2) P_n'(x)^2) (Press et al., Numerical
     * Recipes, 3rd ed., section 4.6.1), halved for the shorter interval.
     */
    static double[][] gaussLegendre(int n) {
        double[] nodes = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative;
            double previous;
            do {
                double p0 = 1;
                double p1 = x;
                for (int j = 2; j <= n; j++) {
                    double p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = n * (x * p1 - p0) / (x * x - 1);
                previous = x;
                x -= p1 / derivative;
            } while (Math.abs(x - previous) > 1e-15);
            nodes[i] = (1 - x) / 2;
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
        return new double[][] {nodes, weights};
    }

    /**
     * The label's score from one document's outputs at {@code offset}: the logit (minus the logit of a single
     * output for the first of two labels) or, for a hierarchical softmax, the log-probability. {@code whole}: the
     * outputs are a network's (the hierarchical softmax needs them all), not one token's term.
     */
    private double score(float[] outputs, int offset, int c, boolean whole) {
        int k = network.outputs();
        if (task == Task.BINARY) {
            return c == 1 ? outputs[offset] : -outputs[offset];
        }
        if (loss instanceof HierarchicalSoftmax && whole) {
            float[] p = java.util.Arrays.copyOfRange(outputs, offset, offset + k);
            loss.activate(p, 0, k);
            return Math.log(Math.max(1e-30, p[c]));
        }
        return outputs[offset + c];
    }

    /** d score / d outputs of the document at {@code offset} into {@code into[at..]}. */
    private void scoreGradient(float[] outputs, int offset, int c, float[] into, int at) {
        int k = network.outputs();
        if (task == Task.BINARY) {
            into[at] = c == 1 ? 1 : -1;
        } else if (loss instanceof HierarchicalSoftmax) {
            // the loss is -log p(c): its gradient, negated
            float[] d = new float[k];
            loss.forwardBackward(java.util.Arrays.copyOfRange(outputs, offset, offset + k), new float[] {c}, 1, k,
                    -1f, d);
            System.arraycopy(d, 0, into, at, k);
        } else {
            into[at + c] = 1;
        }
    }
}
