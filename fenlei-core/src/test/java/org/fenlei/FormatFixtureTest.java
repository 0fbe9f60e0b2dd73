package org.fenlei;

import org.fenlei.model.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Model files written by earlier format versions ({@link FormatFixtureWriter}), kept so that every later version
 * proves it still loads old models and predicts what they predicted. Each expected file lists text, label and
 * probability, tab-separated.
 */
class FormatFixtureTest {
    static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(FormatFixtureTest.class.getResource(name), name).toURI());
    }

    /** Every fixture of every format version loads and predicts as it did when it was written. */
    @Test
    void everyFormatFixtureLoadsAndPredictsAsRecorded() throws Exception {
        int checked = 0;
        for (int version = 1; version <= ModelFile.FORMAT_VERSION; version++) {
            for (String name : FormatFixtureWriter.names(version)) {
                if (FormatFixtureTest.class.getResource("/fixtures/" + name + ".fenlei") == null) {
                    continue;
                }
                assertPredictsAsRecorded(resource("/fixtures/" + name + ".fenlei"),
                        resource("/fixtures/" + name + ".expected.tsv"));
                checked++;
            }
        }
        // version 1's origin model, and version 2's origin and linear models
        assertEquals(3, checked);
    }

    static void assertPredictsAsRecorded(Path model, Path expected) throws IOException {
        TextClassifier loaded = TextClassifier.load(model);
        List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
        assertEquals(FormatFixtureWriter.TEXTS.size(), lines.size(), expected.toString());
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            Prediction p = loaded.predict(f[0]);
            assertEquals(f[1], p.label(), model + ": " + f[0]);
            assertEquals(Double.parseDouble(f[2]), p.probability(), 1e-6, model + ": " + f[0]);
        }
    }

    @Test
    void theWriterWritesTheCurrentVersionAndNeverOverwritesAFixture(@TempDir Path dir) throws IOException {
        FormatFixtureWriter.write(dir);
        for (String name : FormatFixtureWriter.names(ModelFile.FORMAT_VERSION)) {
            assertPredictsAsRecorded(dir.resolve(name + ".fenlei"), dir.resolve(name + ".expected.tsv"));
        }
        byte[] before = Files.readAllBytes(dir.resolve(FormatFixtureWriter.names(ModelFile.FORMAT_VERSION).get(0)
                + ".fenlei"));
        assertThrows(FileAlreadyExistsException.class, () -> FormatFixtureWriter.write(dir));
        assertArrayEquals(before, Files.readAllBytes(dir.resolve(FormatFixtureWriter.names(ModelFile.FORMAT_VERSION)
                .get(0) + ".fenlei")));
    }
}
