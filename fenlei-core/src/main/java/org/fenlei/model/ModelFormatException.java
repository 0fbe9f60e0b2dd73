package org.fenlei.model;

/** A model file that cannot be used: not a Fenlei model, truncated, corrupted, or from a newer version. */
public final class ModelFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
