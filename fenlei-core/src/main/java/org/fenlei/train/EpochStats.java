package org.fenlei.train;

/**
 * One epoch's figures. Validation fields are NaN when there is no validation split; accuracy is NaN for
 * regression.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double seconds, long tokens) {
}
