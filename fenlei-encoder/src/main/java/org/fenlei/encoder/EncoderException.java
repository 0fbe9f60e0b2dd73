package org.fenlei.encoder;

/** An encoder that cannot be imported: a missing or foreign file, a tokenizer that does not fit, an unresolved name. */
public final class EncoderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
