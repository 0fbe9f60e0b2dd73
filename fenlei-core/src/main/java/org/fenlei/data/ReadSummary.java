package org.fenlei.data;

import java.util.List;

/**
 * What a pass over a file found: rows delivered, rows skipped as malformed, the first few problems (each a
 * {@code file:line: problem} message) so a user can look at them, and the SHA-256 of the file's bytes
 * (null unless {@link ReadOptions#fingerprint()} asked for it).
 */
public record ReadSummary(long rows, long skipped, List<String> firstProblems, String sha256) {
    public ReadSummary {
        firstProblems = List.copyOf(firstProblems);
    }

    public String describeSkipped() {
        if (skipped == 0) {
            return "no rows skipped";
        }
        return "skipped " + skipped + " malformed row" + (skipped == 1 ? "" : "s") + ", first: "
                + String.join("; ", firstProblems);
    }
}
