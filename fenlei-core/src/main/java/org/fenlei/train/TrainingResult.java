package org.fenlei.train;

import java.util.List;

/** The epochs run, the epoch whose weights were kept (1-based), and whether early stopping ended training. */
public record TrainingResult(List<EpochStats> history, int bestEpoch, boolean stoppedEarly) {
    public TrainingResult {
        history = List.copyOf(history);
    }
}
