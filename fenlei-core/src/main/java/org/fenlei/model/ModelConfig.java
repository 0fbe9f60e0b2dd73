package org.fenlei.model;

import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;

/** Everything that defines a model besides its learned state: the task, text features, network and training. */
public record ModelConfig(Task task, FeatureConfig features, NetworkConfig network, TrainingConfig training) {
    public ModelConfig {
        if (task == null || features == null || network == null || training == null) {
            throw new IllegalArgumentException("task, features, network and training must all be given");
        }
    }
}
