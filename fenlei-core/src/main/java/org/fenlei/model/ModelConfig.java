package org.fenlei.model;

import org.fenlei.eval.MultiLabelReport;
import org.fenlei.nn.HierarchicalSoftmax;
import org.fenlei.nn.Loss;
import org.fenlei.nn.NegativeSampling;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;

import java.util.List;
import java.util.Locale;

/**
 * Everything that defines a model besides its learned weights: the task, text features, network and training, the
 * training examples per class where the loss is built from them (the hierarchical softmax's tree), and a
 * multi-label model's decision threshold per label where they were tuned (null: {@link MultiLabelReport#THRESHOLD}
 * for every label), and the temperature that divides a single-label model's logits before its activation where
 * training fitted one on held-out data (null: 1, the probabilities as trained; Guo et al. 2017).
 */
public record ModelConfig(Task task, FeatureConfig features, NetworkConfig network, TrainingConfig training,
                          List<Long> labelCounts, List<Double> labelThresholds, Double temperature) {
    public ModelConfig {
        if (task == null || features == null || network == null || training == null) {
            throw new IllegalArgumentException("task, features, network and training must all be given");
        }
        labelCounts = labelCounts == null ? null : List.copyOf(labelCounts);
        if (!training.loss().isEmpty() && task != Task.MULTICLASS) {
            throw new IllegalArgumentException("the " + training.loss() + " loss is for single-label "
                    + "classification (multiclass), not " + task.name().toLowerCase(Locale.ROOT));
        }
        if (TrainingConfig.HIERARCHICAL_SOFTMAX.equals(training.loss()) && labelCounts == null) {
            throw new IllegalArgumentException("a hierarchical softmax needs the label counts");
        }
        labelThresholds = labelThresholds == null ? null : List.copyOf(labelThresholds);
        if (labelThresholds != null && task != Task.MULTILABEL) {
            throw new IllegalArgumentException("label thresholds are for multi-label models, not "
                    + task.name().toLowerCase(Locale.ROOT));
        }
        if (labelThresholds != null && labelThresholds.stream().anyMatch(t -> !(t >= 0 && t <= 1))) {
            throw new IllegalArgumentException("label thresholds must be in [0, 1], were " + labelThresholds);
        }
        if (temperature != null && (task == Task.REGRESSION || task == Task.MULTILABEL)) {
            throw new IllegalArgumentException("a temperature is for single-label models, not "
                    + task.name().toLowerCase(Locale.ROOT));
        }
        if (temperature != null && !(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("the temperature must be a positive number, was " + temperature);
        }
    }

    public ModelConfig(Task task, FeatureConfig features, NetworkConfig network, TrainingConfig training) {
        this(task, features, network, training, null, null, null);
    }

    /** The network in a few words, as the model card shows it: its kind and the sizes or solver that define it. */
    public String describeNetwork() {
        return network.type().describe(this);
    }

    public ModelConfig withLabelThresholds(List<Double> thresholds) {
        return new ModelConfig(task, features, network, training, labelCounts, thresholds, temperature);
    }

    public ModelConfig withTemperature(Double t) {
        return new ModelConfig(task, features, network, training, labelCounts, labelThresholds, t);
    }

    /** The probability at which a multi-label model assigns label {@code id}. */
    public double threshold(int id) {
        return labelThresholds == null ? MultiLabelReport.THRESHOLD : labelThresholds.get(id);
    }

    /** The loss the model trains with and predicts through: the task's, or negative sampling or hierarchical softmax. */
    public Loss loss() {
        long[] counts = labelCounts == null ? null : labelCounts.stream().mapToLong(Long::longValue).toArray();
        return switch (training.loss()) {
            case TrainingConfig.NEGATIVE_SAMPLING -> new NegativeSampling(training.negatives(), counts);
            case TrainingConfig.HIERARCHICAL_SOFTMAX -> new HierarchicalSoftmax(counts);
            default -> task.loss();
        };
    }
}
