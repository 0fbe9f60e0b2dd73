package org.fenlei.fasttext;

import org.fenlei.model.ModelFormatException;

import java.io.IOException;

/**
 * fastText's product quantiser (Jégou et al. 2011, as used by FastText.zip, Joulin et al. 2016): a vector of
 * {@code dim} values is cut into {@code nsubq} sub-vectors of {@code dsub} values (the last one {@code lastdsub}),
 * each replaced by the nearest of 256 centroids, so a row is stored as {@code nsubq} bytes.
 */
final class ProductQuantizer {
    static final int CENTROIDS = 256;

    private final int dim;
    private final int nsubq;
    private final int dsub;
    private final int lastdsub;
    private final float[] centroids;

    private ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
        this.dim = dim;
        this.nsubq = nsubq;
        this.dsub = dsub;
        this.lastdsub = lastdsub;
        this.centroids = centroids;
    }

    static ProductQuantizer read(LittleEndianReader in, String source) throws IOException {
        int dim = in.readInt("quantiser dimension");
        int nsubq = in.readInt("quantiser sub-vector count");
        int dsub = in.readInt("quantiser sub-vector size");
        int lastdsub = in.readInt("quantiser last sub-vector size");
        if (dim <= 0 || nsubq <= 0 || dsub <= 0 || lastdsub <= 0 || (nsubq - 1) * dsub + lastdsub != dim) {
            throw new ModelFormatException(source + ": quantiser shape dim " + dim + ", " + nsubq + " x " + dsub
                    + " (last " + lastdsub + ") is inconsistent; the file is corrupted");
        }
        float[] centroids = new float[FastTextMatrix.checkedSize(dim, CENTROIDS, "quantiser", source)];
        in.readFloats(centroids, "quantiser centroids");
        return new ProductQuantizer(dim, nsubq, dsub, lastdsub, centroids);
    }

    int subquantizers() {
        return nsubq;
    }

    /** Where centroid {@code c} of sub-quantiser {@code m} starts ({@code ProductQuantizer::get_centroids}). */
    private int centroid(int m, int c) {
        return m == nsubq - 1 ? m * CENTROIDS * dsub + c * lastdsub : (m * CENTROIDS + c) * dsub;
    }

    float first(int c) {
        return centroids[centroid(0, c)];
    }

    /** {@code x += alpha * decode(codes of row t)}. */
    void addCode(float[] x, byte[] codes, int t, float alpha) {
        int code = nsubq * t;
        for (int m = 0; m < nsubq; m++) {
            int c = centroid(m, codes[code + m] & 0xFF);
            int d = m == nsubq - 1 ? lastdsub : dsub;
            for (int n = 0; n < d; n++) {
                x[m * dsub + n] += alpha * centroids[c + n];
            }
        }
    }

    /** {@code alpha * (x . decode(codes of row t))}. */
    float mulCode(float[] x, byte[] codes, int t, float alpha) {
        float res = 0f;
        int code = nsubq * t;
        for (int m = 0; m < nsubq; m++) {
            int c = centroid(m, codes[code + m] & 0xFF);
            int d = m == nsubq - 1 ? lastdsub : dsub;
            for (int n = 0; n < d; n++) {
                res += x[m * dsub + n] * centroids[c + n];
            }
        }
        return res * alpha;
    }

    int dim() {
        return dim;
    }
}
