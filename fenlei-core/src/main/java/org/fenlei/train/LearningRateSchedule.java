package org.fenlei.train;

import java.util.Locale;

/**
 * How the learning rate moves over the steps of a run, as a factor of the configured rate: a linear warm-up over
 * the first {@code warmup} share of the steps (Goyal et al. 2017; the Transformer's warm-up), then {@code constant},
 * {@code linear} decay to zero (fastText's schedule) or {@code cosine} decay to zero (Loshchilov &amp; Hutter 2017,
 * without restarts).
 */
public record LearningRateSchedule(String kind, double warmup) {
    public static final String CONSTANT = "constant";
    public static final String LINEAR = "linear";
    public static final String COSINE = "cosine";

    public LearningRateSchedule {
        kind = kind == null || kind.isEmpty() ? CONSTANT : kind.toLowerCase(Locale.ROOT);
        if (!CONSTANT.equals(kind) && !LINEAR.equals(kind) && !COSINE.equals(kind)) {
            throw new IllegalArgumentException("learning-rate schedule must be constant, linear or cosine, was "
                    + kind);
        }
        if (!(warmup >= 0 && warmup < 1)) {
            throw new IllegalArgumentException("warm-up share must be in [0, 1), was " + warmup);
        }
    }

    /** The factor for step {@code step} (0-based) of {@code total}. */
    public double factor(long step, long total) {
        double progress = total <= 0 ? 0 : (double) step / total;
        if (progress < warmup) {
            return (step + 1) / (warmup * total);
        }
        double after = warmup >= 1 ? 0 : (progress - warmup) / (1 - warmup);
        return switch (kind) {
            case LINEAR -> 1 - after;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * after));
            default -> 1;
        };
    }
}
