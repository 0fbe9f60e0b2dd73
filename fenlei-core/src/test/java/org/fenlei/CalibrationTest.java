package org.fenlei;

import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {
    @TempDir
    Path dir;

    @Test
    void aValidationSplitFitsATemperatureThatChangesProbabilitiesNotPredictions() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 3, 11);
        Path test = SyntheticData.write(dir.resolve("t.csv"), 300, 3, 12);
        TextClassifier model = TextClassifier.builder()
                .training(TrainingConfig.defaults().withValidation(0.2, 0)).train(data);
        Double t = model.temperature();
        assertNotNull(t);
        assertNotEquals(1.0, t, 1e-3);
        model.save(dir.resolve("m.fenlei"));
        TextClassifier loaded = TextClassifier.load(dir.resolve("m.fenlei"));
        assertEquals(t, loaded.temperature());
        TextClassifier raw = loaded.withTemperature(null);
        List<String> texts = List.of("great superb film", "awful boring", "the goal of the match", "the story");
        for (String text : texts) {
            Prediction a = loaded.predict(text, 3);
            Prediction b = raw.predict(text, 3);
            assertEquals(b.label(), a.label(), text);
            // scaling the logits by 1/T moves the winner's probability towards (T > 1) or away from (T < 1) 1/K
            assertEquals(t > 1, a.probability() < b.probability(), text);
        }
        Evaluation scaled = loaded.evaluate(test, ReadOptions.labeled());
        Evaluation unscaled = raw.evaluate(test, ReadOptions.labeled());
        assertEquals(unscaled.classification().accuracy(), scaled.classification().accuracy());
        assertTrue(scaled.classification().logLoss() < unscaled.classification().logLoss() + 0.01,
                scaled.classification().logLoss() + " vs " + unscaled.classification().logLoss());
    }

    @Test
    void noValidationSplitOrCalibrationOffFitsNone() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 300, 2, 5);
        assertNull(TextClassifier.builder().train(data).temperature());
        assertNull(TextClassifier.builder().calibrate(false)
                .training(TrainingConfig.defaults().withValidation(0.2, 0)).train(data).temperature());
    }

    @Test
    void evaluationListsTheMostConfidentMistakesWithTheirLines() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 400, 2, 8);
        TextClassifier model = TextClassifier.builder().train(data);
        Path test = java.nio.file.Files.writeString(dir.resolve("wrong.csv"),
                "label,text\npos,great superb brilliant\nneg,great superb loved wonderful\npos,awful\n");
        Evaluation e = model.evaluate(test, ReadOptions.labeled(), 5);
        assertEquals(2, e.mistakes().size(), e.render());
        assertEquals(3, e.mistakes().get(0).line() + e.mistakes().get(1).line() - 4, e.render());
        assertTrue(e.mistakes().get(0).probability() >= e.mistakes().get(1).probability());
        assertTrue(e.render().contains("most confident mistakes"), e.render());
        assertEquals(0, model.evaluate(test, ReadOptions.labeled()).mistakes().size());
    }
}
