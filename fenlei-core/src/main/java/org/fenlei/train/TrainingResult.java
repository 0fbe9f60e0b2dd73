package org.fenlei.train;

import java.util.List;

/**
 * The epochs run, the epoch whose weights were kept (1-based), whether early stopping ended training, and the
 * temperature that calibrates the logits where training fitted one on texts it held out (a fused head's weight
 * choice), else NaN.
 */
public record TrainingResult(List<EpochStats> history, int bestEpoch, boolean stoppedEarly, double temperature) {
    public TrainingResult {
        history = List.copyOf(history);
    }

    public TrainingResult(List<EpochStats> history, int bestEpoch, boolean stoppedEarly) {
        this(history, bestEpoch, stoppedEarly, Double.NaN);
    }
}
