package org.fenlei;

import org.fenlei.model.NetworkConfig;
import org.fenlei.model.Task;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sparse linear model through the same builder, file, prediction and evaluation as every other model. */
class LinearModelTest {
    @TempDir
    Path dir;

    private static ClassifierBuilder linear(String solver) {
        return TextClassifier.builder()
                .network(new NetworkConfig(NetworkConfig.LINEAR, 1, 0, 0f, 0f))
                .features(FeatureConfig.defaults().withWordNgrams(2).withVocabulary(Integer.MAX_VALUE, 1))
                .training(TrainingConfig.defaults().withOptimizer(solver, 0.1f));
    }

    @Test
    void theAutomaticSolverIsChosenStoredAndPredictsAfterLoading() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 3, 4);
        TextClassifier model = linear(TrainingConfig.LINEAR_AUTO).train(data);
        assertEquals(Task.MULTICLASS, model.config().task());
        assertTrue(TrainingConfig.LINEAR_SOLVERS.contains(model.config().training().optimizer()),
                model.config().training().optimizer());
        assertTrue(model.provenance().metrics().score() > 0.9, "held-out " + model.provenance().metrics().score());
        Path file = dir.resolve("m.fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        List<String> texts = List.of("the striker scored a penalty goal", "dull story", "", "unknown words only");
        assertEquals(model.predictAll(texts, 3), loaded.predictAll(texts, 3));
        assertEquals("sport", loaded.predict("the striker scored a penalty goal").label());
        assertEquals(1.0, loaded.predict("a goal", 3).top().stream().mapToDouble(ScoredLabel::probability).sum(),
                1e-5);
    }

    /**
     * The chosen setting's scores on the texts the choice held out fit a temperature: an SVM's margins are no
     * probabilities until scaled. The same decisions, a smaller log loss on the test rows.
     */
    @Test
    void theChoicesHeldOutScoresCalibrateTheProbabilities() throws IOException {
        Path data = SyntheticData.write(dir.resolve("c.csv"), 800, 2, 6);
        TextClassifier calibrated = linear(TrainingConfig.LINEAR_AUTO).train(data);
        TextClassifier raw = linear(TrainingConfig.LINEAR_AUTO).calibrate(false).train(data);
        Double t = calibrated.config().temperature();
        assertTrue(t != null && t > 0 && Math.abs(t - 1) > 0.05, "temperature " + t);
        assertEquals(null, raw.config().temperature());
        assertEquals(raw.provenance().metrics().score(), calibrated.provenance().metrics().score(), 1e-12);
        double before = raw.provenance().metrics().classification().logLoss();
        double after = calibrated.provenance().metrics().classification().logLoss();
        assertTrue(after < before, "log loss " + before + " -> " + after);
        // a solver given by name makes no choice, so no temperature
        assertEquals(null, linear("nbsvm").train(data).config().temperature());
    }

    @Test
    void binaryMultiLabelAndRegressionTasksTrain() throws IOException {
        Path binary = SyntheticData.write(dir.resolve("b.csv"), 400, 2, 5);
        TextClassifier sentiment = linear("tfidf-lr").train(binary);
        assertEquals(Task.BINARY, sentiment.config().task());
        assertEquals("pos", sentiment.predict("a wonderful brilliant superb film").label());

        Path tags = Files.writeString(dir.resolve("tags.txt"), ("__label__oil crude barrel opec prices\n"
                + "__label__ship vessel port cargo delayed\n__label__oil __label__ship crude cargo vessel barrel\n")
                .repeat(30));
        TextClassifier multi = linear("nbsvm").multiLabel(true).train(tags);
        assertEquals(Task.MULTILABEL, multi.config().task());
        Prediction both = multi.predict("crude cargo vessel barrel", 2);
        assertTrue(both.top().stream().allMatch(s -> s.probability() > 0.5), both.toString());

        StringBuilder rows = new StringBuilder("label,text\n");
        for (int i = 0; i < 200; i++) {
            rows.append(i % 2 == 0 ? "1.5" : "-2").append(i % 2 == 0 ? ",up rise gain\n" : ",down fall loss\n");
        }
        TextClassifier value = linear(TrainingConfig.LINEAR_AUTO).regression(true)
                .train(Files.writeString(dir.resolve("r.csv"), rows));
        assertEquals("tfidf-svm", value.config().training().optimizer());
        // the L2 penalty shrinks the values towards the mean; the sign and order must hold
        assertTrue(value.predict("up rise gain").value() > 0.5, value.predict("up rise gain").toString());
        assertTrue(value.predict("down fall loss").value() < -1, value.predict("down fall loss").toString());
    }
}
