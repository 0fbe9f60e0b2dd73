package org.fenlei;

import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fastText-class models: hashed word n-grams and Hogwild SGD, through the same builder and model file. */
class FastTextTrainingTest {
    @TempDir
    Path dir;

    /** "good not" and "not good" hold the same words: only the order, seen through bigrams, tells them apart. */
    private Path orderOnlyData(int rows) throws IOException {
        String[] fillers = {"the", "film", "was", "really", "quite", "so", "plot", "acting"};
        Random random = new Random(3);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = i % 2 == 0;
            sb.append(positive ? "pos" : "neg").append(',')
                    .append(fillers[random.nextInt(fillers.length)]).append(' ')
                    .append(positive ? "not bad" : "bad not").append(' ')
                    .append(fillers[random.nextInt(fillers.length)]).append('\n');
        }
        return Files.writeString(dir.resolve("order.csv"), sb);
    }

    private static ClassifierBuilder fastText(int ngrams, int buckets) {
        return TextClassifier.builder()
                .features(FeatureConfig.defaults().withWordNgrams(ngrams).withBuckets(buckets).withEndOfText(true))
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(20).withOptimizer(TrainingConfig.HOGWILD, 0.5f)
                        .withThreads(1))
                .testShare(0.25);
    }

    @Test
    void hashedBigramsLearnWordOrderAndPredictionEncodesAsTrainingDid() throws IOException {
        Path data = orderOnlyData(400);
        TextClassifier bigrams = fastText(2, 1000).train(data);
        double accuracy = bigrams.provenance().metrics().classification().accuracy();
        assertEquals(1.0, accuracy, 1e-9, "bigrams separate the classes");
        // the file's predictions go through TextAnalyzer.encode, training through the builder's corpus: both must
        // give the same bucket ids, or the saved model would score at chance
        Path file = dir.resolve("ft.fenlei");
        bigrams.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        assertEquals("pos", loaded.predict("the not bad plot").label());
        assertEquals("neg", loaded.predict("the bad not plot").label());
        assertEquals(1000, loaded.config().features().buckets());

        TextClassifier unigrams = fastText(1, 0).train(data);
        double chance = unigrams.provenance().metrics().classification().accuracy();
        assertTrue(chance < 0.7, "words alone cannot tell the order, accuracy " + chance);
    }

    @Test
    void aLoadedModelKeepsOnlyTheBucketsTrainingReachedAndPredictsTheSame() throws IOException {
        Path data = orderOnlyData(400);
        TextClassifier trained = fastText(2, 100_000).train(data);
        Path file = dir.resolve("packed.fenlei");
        trained.save(file);
        assertTrue(Files.size(file) < 100_000L * 8 * 4 / 10, "empty buckets are not stored: " + Files.size(file));
        TextClassifier loaded = TextClassifier.load(file);
        Path again = dir.resolve("again.fenlei");
        loaded.save(again);
        TextClassifier reloaded = TextClassifier.load(again);
        List<String> texts = List.of("the not bad plot", "so bad not really", "unseen words only", "not bad",
                "");
        for (String text : texts) {
            double expected = trained.predict(text).probability();
            assertEquals(expected, loaded.predict(text).probability(), 1e-6, text);
            assertEquals(expected, reloaded.predict(text).probability(), 1e-6, text);
        }
    }

    @Test
    void aQuantisedModelIsSmallerAndPredictsWhatItsFileHolds() throws IOException {
        Path data = orderOnlyData(400);
        TextClassifier trained = fastText(2, 100_000).train(data);
        Path full = dir.resolve("full.fenlei");
        trained.save(full);
        TextClassifier pruned = trained.quantize(20, 2);
        assertTrue(pruned.quantized());
        assertTrue(pruned.vocabularySize() < trained.vocabularySize(), "pruned words leave the vocabulary");
        Path small = dir.resolve("small.fenlei");
        pruned.save(small);
        assertTrue(Files.size(small) < Files.size(full), Files.size(small) + " vs " + Files.size(full));
        TextClassifier loaded = TextClassifier.load(small);
        assertTrue(loaded.quantized());
        for (String text : List.of("the not bad plot", "so bad not really", "unseen words only", "")) {
            assertEquals(pruned.predict(text).probability(), loaded.predict(text).probability(), 1e-6, text);
        }
        // the bigrams that tell the classes apart have the largest norms, so they survive the cutoff
        assertEquals("pos", loaded.predict("the not bad plot").label());
        assertEquals("neg", loaded.predict("the bad not plot").label());
        Path again = dir.resolve("again.fenlei");
        loaded.save(again);
        assertEquals(Files.size(small), Files.size(again), "a quantised model saves as it loaded");
    }

    @Test
    void characterNgramsScoreWordsTrainingNeverSaw() throws IOException {
        String[] pos = {"goodness", "goodly", "goodish", "goodwill", "goodies"};
        String[] neg = {"badness", "badly", "baddish", "badger", "badass"};
        Random random = new Random(5);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 300; i++) {
            boolean positive = i % 2 == 0;
            String[] words = positive ? pos : neg;
            sb.append(positive ? "pos," : "neg,").append("it was ").append(words[random.nextInt(words.length)])
                    .append('\n');
        }
        Path data = Files.writeString(dir.resolve("pieces.csv"), sb);
        ClassifierBuilder builder = fastText(1, 100_000);
        TextClassifier subwords = builder.features(FeatureConfig.defaults().withBuckets(100_000)
                .withCharNgrams(3, 5)).train(data);
        assertEquals("pos", subwords.predict("it was goodful").label());
        assertEquals("neg", subwords.predict("it was badful").label());
        Path file = dir.resolve("subwords.fenlei");
        subwords.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        for (String text : List.of("it was goodful", "badful", "it was goodness")) {
            assertEquals(subwords.predict(text).probability(), loaded.predict(text).probability(), 1e-6, text);
        }
        TextClassifier words = fastText(1, 0).train(data);
        assertEquals(words.predict("it was goodful").probability(), words.predict("it was badful").probability(),
                1e-9, "without character n-grams both are the same unknown word");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ns", "hs"})
    void negativeSamplingAndHierarchicalSoftmaxTrainAndPredictAfterLoading(String loss) throws IOException {
        Path data = SyntheticData.write(dir.resolve("three.csv"), 600, 3, 5);
        TextClassifier model = TextClassifier.builder()
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, 16, 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(10).withOptimizer(TrainingConfig.HOGWILD, 0.3f)
                        .withThreads(1).withLoss(loss, 5))
                .train(data);
        assertTrue(model.provenance().metrics().classification().accuracy() >= 0.9,
                model.provenance().metrics().render());
        Path file = dir.resolve(loss + ".fenlei");
        model.save(file);
        TextClassifier loaded = TextClassifier.load(file);
        for (String text : List.of("a wonderful superb film", "the match and the league", "dull")) {
            assertEquals(model.predict(text, 3), loaded.predict(text, 3), text);
        }
        // two classes stay two outputs: the losses decide between classes
        TextClassifier binary = TextClassifier.builder()
                .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(5).withOptimizer(TrainingConfig.HOGWILD, 0.3f)
                        .withThreads(1).withLoss(loss, 5))
                .train(SyntheticData.write(dir.resolve("two.csv"), 200, 2, 6));
        assertEquals(org.fenlei.model.Task.MULTICLASS, binary.config().task());
    }

    @Test
    void theSampledLossesAreForSingleLabelClassification() throws IOException {
        Path data = SyntheticData.write(dir.resolve("three.csv"), 600, 3, 5);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TextClassifier.builder().regression(true)
                        .training(TrainingConfig.defaults().withLoss("hs", 5)).train(
                                Files.writeString(dir.resolve("r.csv"), "label,text\n1,a\n2,b\n3,c\n")));
        assertTrue(e.getMessage().contains("hs loss is for single-label classification"), e.getMessage());
        // the mini-batch trainer takes them too, every other class a negative for ns
        TextClassifier origin = TextClassifier.builder()
                .training(TrainingConfig.defaults().withEpochs(20).withLoss("hs", 5)).train(data);
        double accuracy = origin.provenance().metrics().classification().accuracy();
        assertTrue(accuracy > 0.8, "origin network with hs: " + accuracy);
    }

    @Test
    void theEndTokenHasNoCharacterNgramsInTrainingAsInPrediction() throws IOException {
        Path data = orderOnlyData(200);
        TextClassifier model = fastText(1, 100_000)
                .features(FeatureConfig.defaults().withBuckets(100_000).withCharNgrams(2, 4).withEndOfText(true))
                .train(data);
        // prediction adds none for the end token (fastText gives its </s> no subwords): training must not train any.
        // Its n-grams with a '/' belong to it alone (the tokeniser never keeps a '/' in a token)
        String framed = "<" + FeatureConfig.END_OF_TEXT + ">";
        float[] table = model.network().parameters().get(0).value();
        int dim = model.network().parameters().get(0).cols();
        int checked = 0;
        for (int from = 0; from < framed.length(); from++) {
            for (int n = 2; n <= 4 && from + n <= framed.length(); n++) {
                String gram = framed.substring(from, from + n);
                if (gram.indexOf('/') < 0) {
                    continue;
                }
                int row = model.vocabularySize()
                        + Integer.remainderUnsigned(org.fenlei.text.WordNgramHasher.hash(gram), 100_000);
                for (int c = 0; c < dim; c++) {
                    assertEquals(0f, table[row * dim + c], "row of the end token's n-gram '" + gram + "'");
                }
                checked++;
            }
        }
        assertEquals(8, checked, "'<</', '<</s', '</', '</s', '</s>', '/s', '/s>', '/s>>'");
    }

    @Test
    void hogwildTrainsOnTwoThreadsAndTheLossFalls() throws IOException {
        Path data = SyntheticData.write(dir.resolve("three.csv"), 600, 3, 5);
        TextClassifier model = TextClassifier.builder()
                .network(NetworkConfig.fastText())
                .training(TrainingConfig.defaults().withEpochs(10).withOptimizer(TrainingConfig.HOGWILD, 0.2f)
                        .withThreads(2))
                .train(data);
        assertTrue(model.provenance().metrics().classification().accuracy() >= 0.9,
                model.provenance().metrics().render());
        var history = model.provenance().history();
        assertEquals(10, history.size());
        assertTrue(history.get(9).trainLoss() < history.get(0).trainLoss() / 2, "loss falls: " + history);
    }
    @Test
    void epochsAndRateFromTheDataSizeKeepFastTextsDefaultsForLargeData() {
        TrainingConfig auto = TrainingConfig.fastText();
        assertTrue(auto.fromData());
        assertEquals(5, auto.forTexts(100_000).epochs());
        assertEquals(0.1f, auto.forTexts(3_000_000).learningRate());
        assertEquals(20, auto.forTexts(25_000).epochs());
        assertEquals(0.5f, auto.forTexts(25_000).learningRate());
        assertEquals(50, auto.forTexts(1_800).epochs());
        TrainingConfig given = auto.withEpochs(7);
        assertEquals(7, given.forTexts(1_800).epochs());
        assertEquals(0.5f, given.forTexts(1_800).learningRate());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.defaults().withEpochs(0));
    }

    /** A small set of long texts: with fastText's fixed 5 epochs at 0.1 this sat at chance. */
    @Test
    void theDefaultsLearnASmallSetOfLongTexts() throws IOException {
        Path data = SyntheticData.write(dir.resolve("small.csv"), 300, 2, 8);
        TextClassifier model = TextClassifier.builder()
                .features(FeatureConfig.defaults().withWordNgrams(2).withBuckets(10_000).withEndOfText(true)
                        .withVocabulary(Integer.MAX_VALUE, 1))
                .network(NetworkConfig.fastText())
                .training(TrainingConfig.fastText().withThreads(1))
                .train(data);
        assertEquals(50, model.config().training().epochs());
        assertEquals(0.5f, model.config().training().learningRate());
        assertTrue(model.provenance().metrics().score() > 0.9, "held-out " + model.provenance().metrics().score());
    }
}
