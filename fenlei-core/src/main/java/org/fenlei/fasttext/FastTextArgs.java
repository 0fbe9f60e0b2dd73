package org.fenlei.fasttext;

import java.io.IOException;

/**
 * The training arguments a fastText model file records (fastText's {@code Args::save}, in this order). Loss and
 * model are the C++ enums: loss 1 hs, 2 ns, 3 softmax, 4 ova; model 1 cbow, 2 skipgram, 3 supervised.
 */
record FastTextArgs(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, int loss, int model,
                    int bucket, int minn, int maxn, int lrUpdateRate, double t) {
    static final int LOSS_HS = 1;
    static final int LOSS_NS = 2;
    static final int LOSS_SOFTMAX = 3;
    static final int LOSS_OVA = 4;
    static final int MODEL_SUPERVISED = 3;

    static FastTextArgs read(LittleEndianReader in) throws IOException {
        return new FastTextArgs(in.readInt("dim"), in.readInt("ws"), in.readInt("epoch"), in.readInt("minCount"),
                in.readInt("neg"), in.readInt("wordNgrams"), in.readInt("loss"), in.readInt("model"),
                in.readInt("bucket"), in.readInt("minn"), in.readInt("maxn"), in.readInt("lrUpdateRate"),
                in.readDouble("t"));
    }

    String lossName() {
        return switch (loss) {
            case LOSS_HS -> "hs";
            case LOSS_NS -> "ns";
            case LOSS_SOFTMAX -> "softmax";
            case LOSS_OVA -> "ova";
            default -> "unknown (" + loss + ")";
        };
    }
}
