package org.fenlei.data;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats Fenlei reads; each may be gzip-compressed ({@code .gz}). */
public enum DataFormat {
    CSV, TSV, JSONL, FASTTEXT;

    /** Chooses the format from the file name, ignoring a trailing {@code .gz}; unknown endings read as CSV. */
    public static DataFormat fromFileName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".ft") || name.endsWith(".fasttext") || name.endsWith(".txt")) {
            return FASTTEXT;
        }
        return CSV;
    }

    public static DataFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown data format '" + name + "'; use csv, tsv, jsonl or fasttext");
        }
    }
}
