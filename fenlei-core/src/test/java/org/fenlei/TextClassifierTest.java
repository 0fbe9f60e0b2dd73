package org.fenlei;

import org.fenlei.data.DataException;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.model.Task;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextClassifierTest {
    @TempDir
    Path dir;

    @Test
    void learnsSeparableBinaryDataAndReportsHeldOutFigures() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 2, 1);
        TextClassifier model = TextClassifier.builder().train(data);
        assertEquals(Task.BINARY, model.config().task());
        assertEquals(List.of("neg", "pos"), model.labels());
        Evaluation heldOut = model.provenance().metrics();
        assertEquals(120, heldOut.classification().examples());
        assertTrue(heldOut.score() > 0.9, "held-out accuracy " + heldOut.score());
        assertEquals("pos", model.predict("a wonderful brilliant superb film").label());
        assertEquals("neg", model.predict("awful boring dull waste").label());
        assertEquals(64, model.provenance().data().sha256().length());
    }

    @Test
    void multiclassPredictionsGiveTopKInOrderSummingToOne() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 3, 2);
        TextClassifier model = TextClassifier.builder().train(data);
        assertEquals(Task.MULTICLASS, model.config().task());
        Prediction p = model.predict("the striker scored a penalty goal", 3);
        assertEquals("sport", p.label());
        assertEquals(3, p.top().size());
        assertTrue(p.top().get(0).probability() >= p.top().get(1).probability());
        assertEquals(1.0, p.top().stream().mapToDouble(ScoredLabel::probability).sum(), 1e-5);
    }

    @Test
    void savedModelPredictsExactlyAsTheTrainedOne() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 300, 3, 3);
        TextClassifier model = TextClassifier.builder().train(data);
        Path file = dir.resolve("m.fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        List<String> texts = List.of("great match", "dull story", "", "unknown words only", "好");
        assertEquals(model.predictAll(texts, 3), loaded.predictAll(texts, 3));
        assertEquals(model.provenance().createdAt(), loaded.provenance().createdAt());
        assertEquals(model.provenance().history(), loaded.provenance().history());
        assertEquals(model.provenance().metrics().score(), loaded.provenance().metrics().score());
    }

    @Test
    void batchAndSinglePredictionsAgree() throws IOException {
        TextClassifier model = TextClassifier.builder().train(SyntheticData.write(dir.resolve("d.csv"), 300, 2, 4));
        List<String> texts = java.util.stream.IntStream.range(0, 700).mapToObj(i -> "film " + i + " was great")
                .toList();
        List<Prediction> batch = model.predictAll(texts, 2);
        for (int i = 0; i < texts.size(); i += 97) {
            assertEquals(model.predict(texts.get(i), 2), batch.get(i));
        }
    }

    @Test
    void sameSeedOneThreadGivesByteIdenticalFiles() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 300, 2, 5);
        TrainingConfig oneThread = TrainingConfig.defaults().withThreads(1).withEpochs(3);
        Instant stamp = Instant.parse("2026-01-01T00:00:00Z");
        TextClassifier.builder().training(oneThread).reproducibleAt(stamp).train(data).save(dir.resolve("a.fenlei"));
        TextClassifier.builder().training(oneThread).reproducibleAt(stamp).train(data).save(dir.resolve("b.fenlei"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.fenlei")), Files.readAllBytes(dir.resolve("b.fenlei")));
        TextClassifier.builder().training(oneThread.withSeed(7)).reproducibleAt(stamp).train(data)
                .save(dir.resolve("c.fenlei"));
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a.fenlei")),
                Files.readAllBytes(dir.resolve("c.fenlei"))));
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 400, 2, 6);
        TextClassifier model = TextClassifier.builder()
                .training(TrainingConfig.defaults().withEpochs(30).withValidation(0.2, 2))
                .train(data);
        var p = model.provenance();
        assertTrue(p.history().size() <= 30);
        assertTrue(p.bestEpoch() >= 1 && p.bestEpoch() <= p.history().size());
        assertTrue(!Double.isNaN(p.history().get(0).validationLoss()));
        assertEquals(64, p.data().validationRows());
    }

    @Test
    void separateTestFileIsUsedForTheReport() throws IOException {
        Path train = SyntheticData.write(dir.resolve("train.csv"), 300, 2, 7);
        Path test = SyntheticData.write(dir.resolve("test.csv"), 50, 2, 8);
        TextClassifier model = TextClassifier.builder().train(train, test);
        assertEquals(300, model.provenance().data().trainRows());
        assertEquals(50, model.provenance().metrics().classification().examples());
        Evaluation again = model.evaluate(test, ReadOptions.labeled());
        assertEquals(model.provenance().metrics().classification().accuracy(), again.classification().accuracy());
    }

    @Test
    void regressionLearnsNumbersAndReportsR2() throws IOException {
        String[] words = {"terrible", "poor", "average", "good", "excellent"};
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 500; i++) {
            int stars = 1 + i % 5;
            sb.append(stars).append(",the hotel was ").append(words[stars - 1]).append(" overall\n");
        }
        Path data = Files.writeString(dir.resolve("r.csv"), sb);
        TextClassifier model = TextClassifier.builder().regression(true)
                .training(TrainingConfig.defaults().withEpochs(80)).train(data);
        assertEquals(Task.REGRESSION, model.config().task());
        assertTrue(model.provenance().metrics().regression().r2() > 0.8,
                "R2 " + model.provenance().metrics().regression().r2());
        assertEquals(5.0, model.predict("the hotel was excellent overall").value(), 1.0);
        assertEquals(1.0, model.predict("the hotel was terrible overall").value(), 1.0);
    }

    @Test
    void oneClassIsAClearError() throws IOException {
        Path data = Files.writeString(dir.resolve("one.csv"), "label,text\nx,a\nx,b\n");
        DataException e = assertThrows(DataException.class, () -> TextClassifier.builder().train(data));
        assertTrue(e.getMessage().contains("only one class ('x')"), e.getMessage());
    }

    @Test
    void nonNumericRegressionLabelNamesItsLine() throws IOException {
        Path data = Files.writeString(dir.resolve("r.csv"), "label,text\n1.5,a\nfive,b\n");
        DataException e = assertThrows(DataException.class,
                () -> TextClassifier.builder().regression(true).train(data));
        assertEquals(3, e.line());
    }

    @Test
    void augmentationAddsCopiesOfTrainingRows() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 100, 2, 9);
        TextClassifier model = TextClassifier.builder().testShare(0)
                .training(TrainingConfig.defaults().withAugmentation(2, 0.1)).train(data);
        assertEquals(300, model.provenance().data().trainRows());
    }

    @Test
    void predictRejectsNonPositiveTopK() throws IOException {
        TextClassifier model = TextClassifier.builder().train(SyntheticData.write(dir.resolve("d.csv"), 100, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> model.predict("x", 0));
    }

    @Test
    void aModelNoLongerUsedIsCollectedAfterPredictingOnPoolThreads() throws IOException, InterruptedException {
        Path data = SyntheticData.write(dir.resolve("gc.csv"), 200, 2, 4);
        TextClassifier model = TextClassifier.builder().training(TrainingConfig.defaults().withEpochs(1)).train(data);
        model.predictAll(List.of("great film", "awful film", "a", "b", "c"), 1);
        model.evaluate(data, ReadOptions.labeled());
        java.lang.ref.WeakReference<TextClassifier> ref = new java.lang.ref.WeakReference<>(model);
        model = null;
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        // per-thread buffers that pointed back at the model used to keep it (and its tables) alive for ever
        assertTrue(ref.get() == null, "the model is still reachable");
    }

    @Test
    void aWarmUpAndCosineDecayStillTrain() throws IOException {
        Path data = SyntheticData.write(dir.resolve("sched.csv"), 600, 3, 7);
        TextClassifier model = TextClassifier.builder()
                .training(TrainingConfig.defaults().withEpochs(10).withThreads(1).withOptimizer("adam", 0.01f)
                        .withSchedule(new org.fenlei.train.LearningRateSchedule("cosine", 0.1)))
                .train(data);
        assertTrue(model.provenance().metrics().classification().accuracy() > 0.9,
                model.provenance().metrics().render());
        assertEquals("cosine", model.config().training().schedule().kind());
    }
}
