package org.fenlei.data;

/**
 * Bad input data: names the source, the line (when known), what is wrong, and how to fix it.
 * The message reads {@code file:line: problem. remedy}, as compilers report errors.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String problem;
    private final String remedy;

    public DataException(String source, long line, String problem, String remedy) {
        this(source, line, problem, remedy, null);
    }

    public DataException(String source, long line, String problem, String remedy, Throwable cause) {
        super(format(source, line, problem, remedy), cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
        this.remedy = remedy;
    }

    private static String format(String source, long line, String problem, String remedy) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ").append(problem);
        if (remedy != null && !remedy.isEmpty()) {
            sb.append(". ").append(remedy);
        }
        return sb.toString();
    }

    public String source() {
        return source;
    }

    /** The 1-based line where the problem starts, or 0 when unknown. */
    public long line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    public String remedy() {
        return remedy;
    }
}
