package org.fenlei;

import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The origin model with default settings on TREC-6 (Li &amp; Roth 2002): train, save, load, evaluate. */
class TrecEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void originModelReachesTheAccuracyFloorOnTrec() throws IOException {
        Path train = SharedFiles.data("trec", "train.csv");
        Path test = SharedFiles.data("trec", "test.csv");
        TextClassifier model = TextClassifier.builder().train(train, test);
        Path file = dir.resolve("trec.fenlei");
        model.save(file);
        Evaluation e = TextClassifier.load(file).evaluate(test, ReadOptions.labeled());
        // measured 0.868 (seed 42, 2 threads); the floor is 0.85
        assertTrue(e.classification().accuracy() >= 0.85, "accuracy " + e.classification().accuracy());
        assertEquals(500, e.classification().examples());
        assertEquals(6, e.classification().perClass().size());
    }
}
