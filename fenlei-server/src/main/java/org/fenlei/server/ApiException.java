package org.fenlei.server;

/**
 * A request the server refuses, answered as {@code {"error": {"code", "message", "field"}}} with {@link #status}.
 * {@code field} names the request part at fault (a JSON path such as {@code texts[3]}), or is null.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final String field;

    ApiException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiException badRequest(String code, String message, String field) {
        return new ApiException(400, code, message, field);
    }
}
