package org.fenlei.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightStorageTest {
    @TempDir
    Path dir;

    @Test
    void everyHalfFloatRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = WeightStorage.fromHalf((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, WeightStorage.toHalf(f), "half " + Integer.toHexString(h));
            }
        }
    }

    @Test
    void floatsRoundToTheNearestHalfTiesToEven() {
        assertEquals(1f, WeightStorage.fromHalf(WeightStorage.toHalf(1f + 0x1p-11f)));
        assertEquals(1f + 0x1p-9f, WeightStorage.fromHalf(WeightStorage.toHalf(1f + 0x1p-9f + 0x1p-11f)));
        assertEquals(65504f, WeightStorage.fromHalf(WeightStorage.toHalf(65519f)));
        assertEquals(Float.POSITIVE_INFINITY, WeightStorage.fromHalf(WeightStorage.toHalf(65520f)));
        assertEquals(0x1p-24f, WeightStorage.fromHalf(WeightStorage.toHalf(0x1p-24f)));
        assertEquals(-0f, WeightStorage.fromHalf(WeightStorage.toHalf(-1e-30f)));
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) r.nextDouble(-4, 4);
            float back = WeightStorage.fromHalf(WeightStorage.toHalf(f));
            assertTrue(Math.abs(back - f) <= Math.abs(f) * 0x1p-11f + 0x1p-25f, f + " -> " + back);
        }
    }

    @Test
    void aFileKeepsMatricesInFewerBitsAndVectorsExact() throws IOException {
        SplittableRandom r = new SplittableRandom(9);
        float[] matrix = new float[40 * 8];
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) r.nextDouble(-1, 1);
        }
        float[] bias = {0.123456789f, -3.3f};
        ModelConfig config = new ModelConfig(Task.MULTICLASS, org.fenlei.text.FeatureConfig.defaults(),
                NetworkConfig.origin().resolve(2), org.fenlei.train.TrainingConfig.defaults());
        ModelContents model = new ModelContents(config, List.of("a", "b"), List.of("[UNK]"),
                List.of(new ModelContents.Tensor("w", 40, 8, matrix), new ModelContents.Tensor("b", 1, 2, bias)), null);
        long full = write(model, WeightStorage.FLOAT32, "full");
        for (WeightStorage s : List.of(WeightStorage.FLOAT16, WeightStorage.INT8)) {
            Path file = dir.resolve(s + ".fenlei");
            ModelFile.write(file, model, s);
            ModelContents back = ModelFile.read(file);
            assertArrayEquals(bias, back.weights().get(1).values(), s.name());
            float[] w = back.weights().get(0).values();
            double tolerance = s == WeightStorage.FLOAT16 ? 1.0 / 2048 : 1.0 / 254;
            for (int i = 0; i < w.length; i++) {
                assertEquals(matrix[i], w[i], tolerance, s + " at " + i);
            }
            long smaller = Files.size(file);
            assertTrue(full - smaller >= (s == WeightStorage.FLOAT16 ? 2 : 3) * 40 * 8 - 4 * 40, s + ": " + smaller
                    + " bytes against " + full);
        }
    }

    private long write(ModelContents model, WeightStorage s, String name) throws IOException {
        Path file = dir.resolve(name + ".fenlei");
        ModelFile.write(file, model, s);
        return Files.size(file);
    }
}
