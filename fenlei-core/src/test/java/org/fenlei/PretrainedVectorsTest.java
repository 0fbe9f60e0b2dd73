package org.fenlei;

import org.fenlei.data.DataException;
import org.fenlei.model.NetworkConfig;
import org.fenlei.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Embeddings started from vectors in fastText's .vec text format, fixed or fine-tuned. */
class PretrainedVectorsTest {
    @TempDir
    Path dir;

    private static ClassifierBuilder builder(int dim) {
        return TextClassifier.builder()
                .network(new NetworkConfig(NetworkConfig.ORIGIN, dim, 8, 0f, 0f))
                .training(TrainingConfig.defaults().withEpochs(3).withThreads(1));
    }

    private float[] row(TextClassifier model, String word) {
        int id = model.vocabulary().id(word);
        float[] table = model.network().parameters().get(0).value();
        int dim = model.network().parameters().get(0).cols();
        float[] out = new float[dim];
        System.arraycopy(table, id * dim, out, 0, dim);
        return out;
    }

    @Test
    void frozenVectorsStayAndFineTunedOnesMove() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 300, 2, 1);
        // a header line "count dimension", as fastText writes it
        Path vec = Files.writeString(dir.resolve("v.vec"), "3 4\ngreat 1 0 0 0.5\nawful -1 0 0 -0.5\n"
                + "unknownword 9 9 9 9\n");
        TextClassifier frozen = builder(4).vectors(vec, true).train(data);
        assertArrayEquals(new float[] {1, 0, 0, 0.5f}, row(frozen, "great"));
        assertArrayEquals(new float[] {-1, 0, 0, -0.5f}, row(frozen, "awful"));
        TextClassifier tuned = builder(4).vectors(vec, false).train(data);
        float[] great = row(tuned, "great");
        assertTrue(great[0] != 1f || great[3] != 0.5f, "fine-tuning moves the vectors");
        // GloVe files have no header
        Path glove = Files.writeString(dir.resolve("g.txt"), "great 1 0 0 0.5\n");
        assertArrayEquals(new float[] {1, 0, 0, 0.5f}, row(builder(4).vectors(glove, true).train(data), "great"));
    }

    @Test
    void aDimensionOrFormatMismatchIsNamedBeforeTraining() throws IOException {
        Path data = SyntheticData.write(dir.resolve("d.csv"), 100, 2, 1);
        Path header = Files.writeString(dir.resolve("h.vec"), "2 3\ngreat 1 2 3\n");
        DataException dims = assertThrows(DataException.class, () -> builder(4).vectors(header, false).train(data));
        assertTrue(dims.getMessage().contains("h.vec:1") && dims.getMessage().contains("3 dimensions"),
                dims.getMessage());
        Path ragged = Files.writeString(dir.resolve("r.txt"), "great 1 2 3 4\nawful 1 2\n");
        DataException line = assertThrows(DataException.class, () -> builder(4).vectors(ragged, false).train(data));
        assertTrue(line.getMessage().contains("r.txt:2") && line.getMessage().contains("2 values"),
                line.getMessage());
        Path none = Files.writeString(dir.resolve("n.txt"), "Great 1 2 3 4\n");
        DataException cased = assertThrows(DataException.class, () -> builder(4).vectors(none, false).train(data));
        assertTrue(cased.getMessage().contains("none of its words is in the vocabulary"), cased.getMessage());
        Path bad = Files.writeString(dir.resolve("b.txt"), "great 1 x 3 4\n");
        DataException number = assertThrows(DataException.class, () -> builder(4).vectors(bad, false).train(data));
        assertEquals(true, number.getMessage().contains("'x'"), number.getMessage());
    }
}
