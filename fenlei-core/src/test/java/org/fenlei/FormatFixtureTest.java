package org.fenlei;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A model file written by format version 1, kept so that every later version proves it still loads old models
 * and predicts what they predicted. The expected file lists text, label and probability, tab-separated.
 */
class FormatFixtureTest {
    static final String MODEL = "/fixtures/origin-format-1.fenlei";
    static final String EXPECTED = "/fixtures/origin-format-1.expected.tsv";

    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(FormatFixtureTest.class.getResource(name), name).toURI());
    }

    @Test
    void formatVersionOneModelLoadsAndPredictsAsRecorded() throws Exception {
        TextClassifier model = TextClassifier.load(resource(MODEL));
        List<String> lines = Files.readAllLines(resource(EXPECTED), StandardCharsets.UTF_8);
        assertEquals(List.of("neg", "pos", "sport"), model.labels());
        for (String line : lines) {
            String[] f = line.split("\t");
            Prediction p = model.predict(f[0]);
            assertEquals(f[1], p.label(), f[0]);
            assertEquals(Double.parseDouble(f[2]), p.probability(), 1e-6, f[0]);
        }
    }

    /** Writes the fixture; run once per format version with -Dfenlei.fixtureDir=src/test/resources/fixtures. */
    @Test
    void writeFixtureWhenAsked() throws IOException {
        String out = System.getProperty("fenlei.fixtureDir");
        if (out == null) {
            return;
        }
        Path dir = Path.of(out);
        Path data = SyntheticData.write(Files.createTempFile("fixture", ".csv"), 300, 3, 2024);
        TextClassifier model = TextClassifier.builder()
                .training(org.fenlei.train.TrainingConfig.defaults().withThreads(1))
                .reproducibleAt(java.time.Instant.parse("2026-11-29T00:00:00Z"))
                .train(data);
        model.save(dir.resolve("origin-format-1.fenlei"));
        StringBuilder sb = new StringBuilder();
        for (String text : List.of("a wonderful brilliant film", "boring and dull", "the striker and the coach",
                "", "unseen words entirely", "酒店很好")) {
            Prediction p = model.predict(text);
            sb.append(text).append('\t').append(p.label()).append('\t').append(p.probability()).append('\n');
        }
        Files.writeString(dir.resolve("origin-format-1.expected.tsv"), sb);
    }
}
