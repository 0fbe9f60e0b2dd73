package org.fenlei;

import org.fenlei.model.NetworkConfig;
import org.fenlei.model.ProductQuantization;
import org.fenlei.nn.Network;
import org.fenlei.nn.Parameter;
import org.fenlei.text.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * FastText.zip's two steps on a trained model (Joulin et al. 2016, sections 3.1 and 3.2): prune the embedding
 * table to the rows with the largest norms, then product-quantise what is left.
 */
final class ModelCompression {
    private ModelCompression() {
    }

    static TextClassifier compress(TextClassifier model, int cutoff, int dsub, long seed) {
        Network network = model.network();
        Parameter table = network.table();
        int dim = table.cols();
        if (cutoff < 0) {
            throw new IllegalArgumentException("cutoff must be >= 0 (0 = keep every row), was " + cutoff);
        }
        if (dim == 1) {
            // one value per feature (a two-class linear model): each is quantised on its own
            dsub = 1;
        }
        if (dsub < 1 || dsub > dim) {
            throw new IllegalArgumentException("dsub must be in 1.." + dim + " (the embedding dimension), was "
                    + dsub);
        }
        Vocabulary vocabulary = model.vocabulary();
        int words = vocabulary.size();
        int buckets = model.config().features().buckets();
        NetworkConfig sizes = model.config().network();
        if (sizes.type().tableRows(sizes, words, buckets) != words + buckets) {
            throw new IllegalArgumentException("product quantisation prunes a table of one row per feature, and a "
                    + sizes.architecture() + " model's first table is not one: store its weights in fewer bits with "
                    + "--weights fp16 or int8");
        }
        PackedBuckets packed = model.packed();
        // the full-table id of each table row; a packed table ends with its shared zero row, which is not one
        int[] fullIds = packed != null ? packed.fullRows() : identity(table.rows());
        float[] w = table.value();

        int[] kept = strongestRows(w, dim, fullIds.length, cutoff);
        List<String> tokens = new ArrayList<>();
        int[] newFullIds = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            int full = fullIds[kept[i]];
            if (full < words) {
                tokens.add(vocabulary.token(full));
                newFullIds[i] = tokens.size() - 1;
            } else {
                newFullIds[i] = -1 - (full - words); // a bucket: placed once the new vocabulary size is known
            }
        }
        Vocabulary smaller = new Vocabulary(tokens);
        for (int i = 0; i < newFullIds.length; i++) {
            if (newFullIds[i] < 0) {
                newFullIds[i] = smaller.size() + (-1 - newFullIds[i]);
            }
        }
        PackedBuckets newPacked = buckets > 0 ? PackedBuckets.of(smaller.size(), buckets, newFullIds) : null;
        Network compressed = model.config().network().build(smaller.size(), newPacked != null ? newPacked.rows() : 0,
                network.outputs(), seed);
        List<Parameter> to = compressed.parameters();
        float[] rows = new float[kept.length * dim];
        for (int i = 0; i < kept.length; i++) {
            System.arraycopy(w, kept[i] * dim, rows, i * dim, dim);
        }
        ProductQuantization pq = ProductQuantization.train(rows, kept.length, dim, dsub, seed);
        float[] decoded = pq.decode(pq.encode(rows, kept.length), kept.length);
        float[] target = to.get(0).value();
        Arrays.fill(target, 0f);
        System.arraycopy(decoded, 0, target, 0, decoded.length);
        for (int i = 1; i < to.size(); i++) {
            float[] v = network.parameters().get(i).value();
            if (network.featureRows().contains(network.parameters().get(i))) {
                // a parameter with a row per feature keeps the rows the table keeps
                int cols = network.parameters().get(i).cols();
                for (int r = 0; r < kept.length; r++) {
                    System.arraycopy(v, kept[r] * cols, to.get(i).value(), r * cols, cols);
                }
                continue;
            }
            System.arraycopy(v, 0, to.get(i).value(), 0, v.length);
        }
        return new TextClassifier(model.config(), model.labels(), smaller, compressed, model.provenance(), newPacked,
                pq);
    }

    private static int[] identity(int n) {
        int[] ids = new int[n];
        Arrays.setAll(ids, i -> i);
        return ids;
    }

    /**
     * Table rows 0..n-1 to keep, ascending: the unknown-word row 0, and of the other non-zero rows the
     * {@code cutoff} with the largest L2 norms (all of them for cutoff 0), as fastText's {@code -cutoff} chooses.
     */
    private static int[] strongestRows(float[] w, int dim, int n, int cutoff) {
        List<Integer> candidates = new ArrayList<>();
        double[] norms = new double[n];
        for (int r = 1; r < n; r++) {
            double sum = 0;
            for (int c = r * dim; c < (r + 1) * dim; c++) {
                sum += (double) w[c] * w[c];
            }
            norms[r] = sum;
            if (sum > 0) {
                candidates.add(r);
            }
        }
        if (cutoff > 0 && candidates.size() > cutoff) {
            candidates.sort((a, b) -> Double.compare(norms[b], norms[a]));
            candidates = candidates.subList(0, cutoff);
        }
        int[] kept = new int[candidates.size() + 1];
        for (int i = 0; i < candidates.size(); i++) {
            kept[i + 1] = candidates.get(i);
        }
        Arrays.sort(kept, 1, kept.length);
        return kept;
    }
}
