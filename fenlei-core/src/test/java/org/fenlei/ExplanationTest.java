package org.fenlei;

import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model type explains its predictions: the contributions add up to the score's distance from the baseline
 * (exactly for linear models, within 1% over a test set for integrated gradients), and deleting the top tokens of each test text
 * lowers the predicted label's probability more, on average, than deleting as many random tokens.
 */
class ExplanationTest {
    private static final int DELETED = 2;

    @TempDir
    Path dir;

    private TextClassifier train(String architecture) throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 600, 3, 21);
        ClassifierBuilder builder = TextClassifier.builder();
        TrainingConfig adam = TrainingConfig.defaults().withEpochs(8).withThreads(1).withOptimizer("adam", 1e-2f);
        return switch (architecture) {
            case NetworkConfig.FASTTEXT -> builder
                    .features(FeatureConfig.defaults().withWordNgrams(2).withBuckets(10_000).withEndOfText(true))
                    .network(new NetworkConfig(NetworkConfig.FASTTEXT, 8, 0, 0f, 0f))
                    .training(TrainingConfig.defaults().withEpochs(10).withOptimizer(TrainingConfig.HOGWILD, 0.5f)
                            .withThreads(1))
                    .train(data);
            case NetworkConfig.LINEAR -> builder
                    .network(new NetworkConfig(NetworkConfig.LINEAR, 1, 0, 0f, 0f))
                    .features(FeatureConfig.defaults().withWordNgrams(2).withVocabulary(Integer.MAX_VALUE, 1))
                    .training(TrainingConfig.defaults().withOptimizer("tfidf-lr", 0.1f))
                    .train(data);
            default -> builder.network(new NetworkConfig(architecture, 16, 16, 0f, 0f)).training(adam).train(data);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {NetworkConfig.ORIGIN, NetworkConfig.FASTTEXT, NetworkConfig.LINEAR, NetworkConfig.CNN,
            NetworkConfig.BILSTM, NetworkConfig.GRU, NetworkConfig.TRANSFORMER})
    void contributionsAddUpAndTheTopTokensMatterMost(String architecture) throws IOException {
        TextClassifier model = train(architecture);
        boolean exact = architecture.equals(NetworkConfig.FASTTEXT) || architecture.equals(NetworkConfig.LINEAR);
        List<String> texts = Files.readAllLines(SyntheticData.write(dir.resolve("t.csv"), 150, 3, 22)).stream()
                .skip(1).map(line -> line.substring(line.indexOf(',') + 1)).toList();
        Random random = new Random(5);
        double topDrop = 0;
        double randomDrop = 0;
        double errors = 0;
        double gaps = 0;
        int counted = 0;
        for (String text : texts) {
            Explanation e = model.explain(text);
            assertEquals(exact ? Explanation.EXACT : Explanation.INTEGRATED_GRADIENTS, e.method(), architecture);
            Prediction p = model.predict(text, 3);
            assertEquals(p.label(), e.label());
            assertEquals(p.probability(), e.probability(), 1e-9);
            double gap = e.score() - e.baseline();
            double sum = e.contributions().stream().mapToDouble(Explanation.Contribution::value).sum();
            assertEquals(gap + e.completenessError(), sum, 1e-6 * (1 + Math.abs(sum)), text);
            double allowed = exact ? 1e-4 * (1 + Math.abs(gap)) : 0.05 * Math.abs(gap) + 0.01;
            assertTrue(Math.abs(e.completenessError()) <= allowed, architecture + " '" + text + "': sum " + sum
                    + ", score - baseline " + gap);
            errors += Math.abs(e.completenessError());
            gaps += Math.abs(gap);

            List<String> words = new ArrayList<>(Arrays.asList(text.split(" ")));
            Set<String> distinct = new HashSet<>(words);
            if (distinct.size() <= DELETED) {
                continue;
            }
            Set<String> top = new HashSet<>();
            for (Explanation.Contribution c : e.contributions()) {
                if (top.size() < DELETED && distinct.contains(c.feature())) {
                    top.add(c.feature());
                }
            }
            List<String> shuffled = new ArrayList<>(distinct);
            java.util.Collections.shuffle(shuffled, random);
            Set<String> any = new HashSet<>(shuffled.subList(0, DELETED));
            topDrop += p.probability() - probability(model, without(words, top), p.label());
            randomDrop += p.probability() - probability(model, without(words, any), p.label());
            counted++;
        }
        // integrated gradients: within 1% over the test set (a text whose score hardly moves from the baseline can
        // be further off in relative terms, where max-pooling and ReLU kinks meet the quadrature)
        assertTrue(errors <= (exact ? 1e-5 : 0.01) * gaps, architecture + ": completeness error " + errors / gaps);
        assertTrue(counted > 50, "texts with enough words: " + counted);
        assertTrue(topDrop > randomDrop, architecture + ": mean drop deleting the top " + DELETED + " tokens "
                + topDrop / counted + ", deleting random ones " + randomDrop / counted);
    }

    private static String without(List<String> words, Set<String> deleted) {
        return String.join(" ", words.stream().filter(w -> !deleted.contains(w)).toList());
    }

    private static double probability(TextClassifier model, String text, String label) {
        return model.predict(text, 3).top().stream().filter(s -> s.label().equals(label)).findFirst().orElseThrow()
                .probability();
    }

    @Test
    void exactContributionsAreTheTermsOfTheLogitAndNameWordsAndNgrams() throws IOException {
        TextClassifier model = train(NetworkConfig.FASTTEXT);
        Explanation e = model.explain("great superb film", "neg");
        assertEquals("neg", e.label());
        // tokens, the end-of-text token and the word bigrams, each by its name
        Set<String> features = new HashSet<>();
        e.contributions().forEach(c -> features.add(c.feature()));
        assertTrue(features.containsAll(List.of("great", "superb", "film", "great superb", "superb film")),
                features.toString());
        // against "neg" the positive words count negative
        assertTrue(e.contributions().stream().filter(c -> c.feature().equals("great")).findFirst().orElseThrow()
                .value() < 0, e.toString());
        assertEquals(e.contributions().size(), e.top(100).size());
        assertEquals(3, e.top(3).size());
        assertTrue(Math.abs(e.top(3).get(0).value()) >= Math.abs(e.top(3).get(2).value()));
        assertThrows(IllegalArgumentException.class, () -> model.explain("great", "no-such-label"));
        Explanation empty = model.explain("");
        assertEquals(e.method(), empty.method());
        assertTrue(empty.contributions().size() <= 1, empty.toString());
    }

    @Test
    void aSavedAndLoadedModelExplainsAsTheTrainedOne() throws IOException {
        TextClassifier model = train(NetworkConfig.ORIGIN);
        model.save(dir.resolve("m.fenlei"));
        TextClassifier loaded = TextClassifier.load(dir.resolve("m.fenlei"));
        String text = "the film was superb and moving";
        assertEquals(model.explain(text), loaded.explain(text));
    }
}
