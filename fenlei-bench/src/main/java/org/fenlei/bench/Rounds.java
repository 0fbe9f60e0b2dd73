package org.fenlei.bench;

import org.fenlei.data.DatasetReader;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ReadOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the side-by-side benchmarks share: the texts of a labeled file, and the median of rounds. */
final class Rounds {
    private Rounds() {
    }

    /** The texts of a labeled file, in order. */
    static List<String> texts(Path data) throws IOException {
        List<String> texts = new ArrayList<>();
        for (LabeledText row : DatasetReader.readAll(data, ReadOptions.labeled())) {
            texts.add(row.text());
        }
        return texts;
    }

    /** The median of {@code v}; of an even count, the lower middle value. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }
}
