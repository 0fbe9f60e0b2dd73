package org.fenlei.data;

/**
 * How to read a labeled file.
 *
 * @param format       the file format, or null to choose it from the file name
 * @param textColumn   the column (CSV/TSV header) or key (JSONL) holding the text; default {@code text}
 * @param labelColumn  the column or key holding the label; default {@code label}
 * @param labelRequired whether a row without a label is malformed (training, evaluation) or allowed (prediction)
 * @param onBadRow     fail on the first malformed row (default) or skip malformed rows and report them
 * @param fingerprint  compute the SHA-256 of the file's bytes while reading (for provenance; default off)
 * @param numericLabels labels are numbers (regression): a JSONL label may then be any finite number; otherwise
 *                     it is a string, a whole number (a class id), or an array of them (several labels)
 */
public record ReadOptions(DataFormat format, String textColumn, String labelColumn, boolean labelRequired,
                          BadRowPolicy onBadRow, boolean fingerprint, boolean numericLabels) {
    public static final String DEFAULT_TEXT_COLUMN = "text";
    public static final String DEFAULT_LABEL_COLUMN = "label";

    public ReadOptions {
        if (textColumn == null || textColumn.isBlank()) {
            throw new IllegalArgumentException("textColumn must not be blank");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new IllegalArgumentException("labelColumn must not be blank");
        }
        if (onBadRow == null) {
            throw new IllegalArgumentException("onBadRow must not be null");
        }
    }

    public static ReadOptions labeled() {
        return new ReadOptions(null, DEFAULT_TEXT_COLUMN, DEFAULT_LABEL_COLUMN, true, BadRowPolicy.FAIL, false, false);
    }

    public static ReadOptions unlabeled() {
        return new ReadOptions(null, DEFAULT_TEXT_COLUMN, DEFAULT_LABEL_COLUMN, false, BadRowPolicy.FAIL, false, false);
    }

    public ReadOptions withFormat(DataFormat f) {
        return new ReadOptions(f, textColumn, labelColumn, labelRequired, onBadRow, fingerprint, numericLabels);
    }

    public ReadOptions withColumns(String text, String label) {
        return new ReadOptions(format, text, label, labelRequired, onBadRow, fingerprint, numericLabels);
    }

    public ReadOptions withBadRowPolicy(BadRowPolicy policy) {
        return new ReadOptions(format, textColumn, labelColumn, labelRequired, policy, fingerprint, numericLabels);
    }

    public ReadOptions withFingerprint(boolean on) {
        return new ReadOptions(format, textColumn, labelColumn, labelRequired, onBadRow, on, numericLabels);
    }

    public ReadOptions withNumericLabels(boolean numeric) {
        return new ReadOptions(format, textColumn, labelColumn, labelRequired, onBadRow, fingerprint, numeric);
    }
}
