package org.fenlei.fasttext;

import org.fenlei.ScoredLabel;
import org.fenlei.SharedFiles;
import org.fenlei.data.DatasetReader;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.model.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fenlei reads models made by the C++ fastText tool and predicts exactly what the tool printed for them. */
class FastTextModelTest {
    private static final double TOLERANCE = 1e-5;

    private static List<String> lines(String fixture) throws IOException {
        return Files.readAllLines(SharedFiles.fixture("fasttext/" + fixture), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} with k={2}, threshold {3} matches {1}")
    @CsvSource({
            "trec_softmax_bigram.bin, trec_softmax_bigram_bin.predict-prob-all.txt, -1, 0.0, trec_inputs.txt",
            "trec_softmax_bigram.bin, trec_softmax_bigram_bin.predict-prob-k2.txt, 2, 0.0, trec_inputs.txt",
            "trec_softmax_bigram.ftz, trec_softmax_bigram_ftz.predict-prob-all.txt, -1, 0.0, trec_inputs.txt",
            "trec_softmax_bigram.ftz, trec_softmax_bigram_ftz.predict-prob-k2.txt, 2, 0.0, trec_inputs.txt",
            "trec_hs_subword.bin, trec_hs_subword_bin.predict-prob-all.txt, -1, 0.0, trec_inputs.txt",
            "trec_hs_subword.bin, trec_hs_subword_bin.predict-prob-k2.txt, 2, 0.0, trec_inputs.txt",
            "trec_ns.bin, trec_ns_bin.predict-prob-all.txt, -1, 0.0, trec_inputs.txt",
            "trec_ns.bin, trec_ns_bin.predict-prob-k2.txt, 2, 0.0, trec_inputs.txt",
            "reuters_ova.bin, reuters_ova_bin.predict-prob-t0.5.txt, -1, 0.5, reuters_inputs.txt",
            "reuters_ova.bin, reuters_ova_bin.predict-prob-k3.txt, 3, 0.0, reuters_inputs.txt",
    })
    void predictionsEqualTheToolsPredictProb(String model, String expected, int k, double threshold, String inputs)
            throws IOException {
        FastTextModel m = FastTextModel.load(SharedFiles.fixture("fasttext/" + model));
        List<String> texts = lines(inputs);
        List<String> want = lines(expected);
        assertEquals(texts.size(), want.size(), "one output line per input");
        int labelsCompared = 0;
        for (int i = 0; i < texts.size(); i++) {
            List<ScoredLabel> got = m.predict(texts.get(i), k, threshold);
            String[] fields = want.get(i).isBlank() ? new String[0] : want.get(i).trim().split(" ");
            String where = model + " line " + (i + 1) + ": expected " + want.get(i) + ", got " + got;
            assertEquals(fields.length / 2, got.size(), where);
            for (int j = 0; j < got.size(); j++) {
                assertEquals(fields[2 * j], FastTextDictionary.LABEL_PREFIX + got.get(j).label(), where);
                assertEquals(Double.parseDouble(fields[2 * j + 1]), got.get(j).probability(), TOLERANCE, where);
                labelsCompared++;
            }
        }
        assertTrue(labelsCompared >= texts.size(), "compared " + labelsCompared + " labels");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"trec_softmax_bigram.bin, trec_softmax_bigram_bin", "trec_softmax_bigram.ftz, trec_softmax_bigram_ftz",
            "trec_hs_subword.bin, trec_hs_subword_bin", "trec_ns.bin, trec_ns_bin"})
    void sentenceVectorsEqualTheTools(String model, String prefix) throws IOException {
        FastTextModel m = FastTextModel.load(SharedFiles.fixture("fasttext/" + model));
        List<String> texts = lines("trec_inputs.txt");
        List<String> want = lines(prefix + ".sentence-vectors-first20.txt");
        assertEquals(20, want.size());
        for (int i = 0; i < want.size(); i++) {
            float[] got = m.sentenceVector(texts.get(i));
            double[] expected = Arrays.stream(want.get(i).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            assertEquals(expected.length, got.length);
            for (int j = 0; j < got.length; j++) {
                // printed with 5 significant digits
                assertEquals(expected[j], got[j], 1e-5 + 1e-4 * Math.abs(expected[j]), model + " line " + (i + 1));
            }
        }
    }

    @Test
    void precisionAtOneOnTrecEqualsTheToolsTest() throws IOException {
        FastTextModel m = FastTextModel.load(SharedFiles.fixture("fasttext/trec_softmax_bigram.bin"));
        List<String> texts = lines("trec_inputs.txt");
        List<LabeledText> test = DatasetReader.readAll(SharedFiles.data("trec", "test.csv"), ReadOptions.labeled());
        assertEquals(texts.size(), test.size());
        int correct = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (m.predict(texts.get(i), 1, 0).get(0).label().equals(test.get(i).label())) {
                correct++;
            }
        }
        assertEquals(0.892, correct / 500.0, 1e-9, "fasttext test printed P@1 0.892");
    }

    @Test
    void evaluatingALabeledFileGivesTheToolsFigures(@TempDir Path dir) throws IOException {
        List<String> texts = lines("trec_inputs.txt");
        List<LabeledText> test = DatasetReader.readAll(SharedFiles.data("trec", "test.csv"), ReadOptions.labeled());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            sb.append("__label__").append(test.get(i).label()).append(' ').append(texts.get(i)).append('\n');
        }
        Path file = Files.writeString(dir.resolve("trec.test.txt"), sb);
        FastTextModel m = FastTextModel.load(SharedFiles.fixture("fasttext/trec_softmax_bigram.bin"));
        Evaluation e = m.evaluate(file, ReadOptions.labeled());
        assertEquals(0.892, e.classification().accuracy(), 1e-9, "fasttext test printed P@1 0.892");
        assertEquals(500, e.examples());

        List<String> reutersTexts = lines("reuters_inputs.txt");
        List<LabeledText> reuters = DatasetReader.readAll(SharedFiles.data("reuters21578_modapte", "test.csv"),
                ReadOptions.labeled());
        StringBuilder multi = new StringBuilder();
        for (int i = 0; i < reutersTexts.size(); i++) {
            for (String label : reuters.get(i).label().split("\\|")) {
                multi.append("__label__").append(label).append(' ');
            }
            multi.append(reutersTexts.get(i)).append('\n');
        }
        FastTextModel ova = FastTextModel.load(SharedFiles.fixture("fasttext/reuters_ova.bin"));
        assertTrue(ova.multiLabel());
        Evaluation r = ova.evaluate(Files.writeString(dir.resolve("reuters.txt"), multi), ReadOptions.labeled());
        // the tool's micro-F1 on all 3,019 test texts is 0.826; these are the first 300
        assertTrue(r.multiLabel().microF1() > 0.75, r.render());
    }

    @Test
    void askingForMoreLabelsThanTheModelHasGivesEveryLabel() throws IOException {
        // the CLI asks for Integer.MAX_VALUE labels when it filters by threshold
        for (String file : new String[] {"trec_softmax_bigram.bin", "trec_hs_subword.bin", "reuters_ova.bin"}) {
            FastTextModel m = FastTextModel.load(SharedFiles.fixture("fasttext/" + file));
            assertEquals(m.labels().size(), m.predict("what is the price of crude oil", Integer.MAX_VALUE).top().size(),
                    file);
        }
    }

    @Test
    void describesTheModel() throws IOException {
        FastTextModel m = FastTextModel.load(SharedFiles.fixture("fasttext/trec_hs_subword.bin"));
        assertEquals("hs", m.loss());
        assertEquals(10, m.dimension());
        assertEquals(6, m.labels().size());
        assertFalse(m.quantized());
        assertTrue(m.describe().contains("char n-grams 2-4"), m.describe());
        assertTrue(FastTextModel.load(SharedFiles.fixture("fasttext/trec_softmax_bigram.ftz")).quantized());
    }

    @Test
    void truncatedFilesAreRefusedWithTheByteWhereTheyEnd(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SharedFiles.fixture("fasttext/trec_ns.bin"));
        for (int length : new int[] {0, 3, 7, 40, 200, whole.length / 2, whole.length - 1}) {
            Path cut = dir.resolve("cut" + length + ".bin");
            Files.write(cut, Arrays.copyOf(whole, length));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> FastTextModel.load(cut));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a fastText model"),
                    e.getMessage());
            assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        }
        Path longer = dir.resolve("longer.bin");
        Files.write(longer, Arrays.copyOf(whole, whole.length + 3));
        assertThrows(ModelFormatException.class, () -> FastTextModel.load(longer));
    }

    @Test
    void wordVectorModelsAndOtherVersionsAreRefused(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SharedFiles.fixture("fasttext/trec_ns.bin"));
        byte[] version = whole.clone();
        version[4] = 11;
        Path old = dir.resolve("old.bin");
        Files.write(old, version);
        assertTrue(assertThrows(ModelFormatException.class, () -> FastTextModel.load(old)).getMessage()
                .contains("version 11"));
        byte[] cbow = whole.clone();
        cbow[8 + 7 * 4] = 1; // model = cbow
        Path vectors = dir.resolve("vectors.bin");
        Files.write(vectors, cbow);
        assertTrue(assertThrows(ModelFormatException.class, () -> FastTextModel.load(vectors)).getMessage()
                .contains("word-vector model"));
    }
}
