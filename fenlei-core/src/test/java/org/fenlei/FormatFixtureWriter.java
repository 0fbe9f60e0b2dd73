package org.fenlei;

import org.fenlei.model.ModelFile;
import org.fenlei.model.NetworkConfig;
import org.fenlei.text.FeatureConfig;
import org.fenlei.train.TrainingConfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Writes the model-format fixtures of the current format version: an origin and a linear model trained on fixed
 * synthetic data, each with the predictions it makes, so that later versions prove they still load them. Run once
 * when the format version changes:
 * {@code java -cp ... org.fenlei.FormatFixtureWriter fenlei-core/src/test/resources/fixtures}. A fixture that
 * exists is never overwritten.
 */
public final class FormatFixtureWriter {
    static final List<String> TEXTS = List.of("a wonderful brilliant film", "boring and dull",
            "the striker and the coach", "", "unseen words entirely", "酒店很好");

    private FormatFixtureWriter() {
    }

    /** The fixture names of a format version: the origin model's and the linear model's. */
    static List<String> names(int version) {
        return List.of("origin-format-" + version, "linear-format-" + version);
    }

    /** Writes {@code name}.fenlei and {@code name}.expected.tsv of the current version into {@code dir}. */
    static void write(Path dir) throws IOException {
        Path data = SyntheticData.write(Files.createTempFile("fixture", ".csv"), 300, 3, 2024);
        TrainingConfig oneThread = TrainingConfig.defaults().withThreads(1);
        Instant stamp = Instant.parse("2026-11-29T00:00:00Z");
        List<ClassifierBuilder> builders = List.of(
                TextClassifier.builder().training(oneThread),
                TextClassifier.builder().network(new NetworkConfig(NetworkConfig.LINEAR, 1, 0, 0f, 0f))
                        .features(FeatureConfig.defaults().withWordNgrams(2).withVocabulary(Integer.MAX_VALUE, 1))
                        .training(oneThread.withOptimizer("nbsvm", 0.1f)));
        List<String> names = names(ModelFile.FORMAT_VERSION);
        for (int i = 0; i < names.size(); i++) {
            Path model = dir.resolve(names.get(i) + ".fenlei");
            Path expected = dir.resolve(names.get(i) + ".expected.tsv");
            if (Files.exists(model) || Files.exists(expected)) {
                throw new FileAlreadyExistsException(model + " or " + expected,
                        null, "a fixture of a released format is never rewritten");
            }
            TextClassifier trained = builders.get(i).reproducibleAt(stamp).train(data);
            trained.save(model);
            StringBuilder sb = new StringBuilder();
            for (String text : TEXTS) {
                Prediction p = trained.predict(text);
                sb.append(text).append('\t').append(p.label()).append('\t').append(p.probability()).append('\n');
            }
            Files.writeString(expected, sb);
        }
        Files.delete(data);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FormatFixtureWriter DIR");
        }
        write(Path.of(args[0]));
    }
}
