package org.fenlei.cli;

import org.fenlei.data.BadRowPolicy;
import org.fenlei.data.DataFormat;
import org.fenlei.data.ReadOptions;
import picocli.CommandLine.Option;

/** Options that say how to read a data file; shared by train, eval and predict. */
final class ReadMixin {
    @Option(names = "--text-column", defaultValue = "text", description = "Column (CSV/TSV) or key (JSONL) "
            + "holding the text. Default: ${DEFAULT-VALUE}.")
    String textColumn;

    @Option(names = "--label-column", defaultValue = "label", description = "Column or key holding the label. "
            + "Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--format", description = "csv, tsv, jsonl or fasttext. Default: from the file name "
            + "(.csv, .tsv, .jsonl, .txt = fastText's __label__ lines; .gz is read transparently).")
    String format;

    @Option(names = "--on-bad-row", defaultValue = "fail", description = "fail or skip malformed rows. "
            + "Default: ${DEFAULT-VALUE}.")
    String onBadRow;

    ReadOptions options(boolean labelRequired) {
        BadRowPolicy policy = switch (onBadRow) {
            case "fail" -> BadRowPolicy.FAIL;
            case "skip" -> BadRowPolicy.SKIP;
            default -> throw new IllegalArgumentException("--on-bad-row must be fail or skip, was " + onBadRow);
        };
        ReadOptions base = labelRequired ? ReadOptions.labeled() : ReadOptions.unlabeled();
        return base.withColumns(textColumn, labelColumn)
                .withBadRowPolicy(policy)
                .withFormat(format == null ? null : DataFormat.parse(format));
    }
}
