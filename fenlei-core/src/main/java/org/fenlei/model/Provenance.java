package org.fenlei.model;

import org.fenlei.eval.Evaluation;
import org.fenlei.train.EpochStats;

import java.util.List;

/**
 * Where a model came from (as Tribuo records it): versions, time, data, seed, the training curve and the
 * held-out metrics
 * ({@code metrics} is null when nothing was held out). {@code createdAt} and {@code trainSeconds} are null for reproducible builds
 * (SOURCE_DATE_EPOCH), so that equal inputs give byte-identical files. {@code choice} is the leaderboard of
 * the search that chose the model ({@code --model auto}), or null; {@code teacher} the model it was distilled from, or
 * null.
 */
public record Provenance(String fenleiVersion, String javaVersion, String createdAt, Double trainSeconds,
                         Double tokensPerSecond, int threads, DataSummary data, List<EpochStats> history,
                         int bestEpoch, Evaluation metrics, ModelChoice choice, TeacherInfo teacher) {
    public Provenance {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A model trained directly, not chosen by a search. */
    public Provenance(String fenleiVersion, String javaVersion, String createdAt, Double trainSeconds,
                      Double tokensPerSecond, int threads, DataSummary data, List<EpochStats> history,
                      int bestEpoch, Evaluation metrics) {
        this(fenleiVersion, javaVersion, createdAt, trainSeconds, tokensPerSecond, threads, data, history, bestEpoch,
                metrics, null, null);
    }

    /** The same provenance with the search that chose the model. */
    public Provenance withChoice(ModelChoice c) {
        return new Provenance(fenleiVersion, javaVersion, createdAt, trainSeconds, tokensPerSecond, threads, data,
                history, bestEpoch, metrics, c, teacher);
    }

    /** The same provenance with the teacher the model was distilled from. */
    public Provenance withTeacher(TeacherInfo t) {
        return new Provenance(fenleiVersion, javaVersion, createdAt, trainSeconds, tokensPerSecond, threads, data,
                history, bestEpoch, metrics, choice, t);
    }
}
