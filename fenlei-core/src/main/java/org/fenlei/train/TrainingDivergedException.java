package org.fenlei.train;

/** Training ended with weights that are not finite numbers: the steps were too large for the data. */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
