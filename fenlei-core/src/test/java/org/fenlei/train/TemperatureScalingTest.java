package org.fenlei.train;

import org.fenlei.nn.BinaryCrossEntropy;
import org.fenlei.nn.CategoricalCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemperatureScalingTest {
    /**
     * Logits whose softmax is the true distribution of the labels, multiplied by {@code overconfidence}: the fitted
     * temperature undoes the factor.
     */
    @Test
    void recoversTheFactorThatMadeAModelOverconfident() {
        Random random = new Random(7);
        int n = 20_000;
        int k = 4;
        float[] logits = new float[n * k];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                logits[i * k + j] = (float) (random.nextGaussian() * 1.5);
                p[j] = Math.exp(logits[i * k + j]);
                sum += p[j];
            }
            double u = random.nextDouble() * sum;
            int c = 0;
            while (c < k - 1 && (u -= p[c]) > 0) {
                c++;
            }
            truth[i] = c;
            for (int j = 0; j < k; j++) {
                logits[i * k + j] *= 3;
            }
        }
        CategoricalCrossEntropy loss = new CategoricalCrossEntropy();
        double t = TemperatureScaling.fit(loss, logits, k, truth);
        assertEquals(3, t, 0.15);
        assertTrue(TemperatureScaling.negativeLogLikelihood(loss, logits, k, truth, t)
                < TemperatureScaling.negativeLogLikelihood(loss, logits, k, truth, 1));
    }

    @Test
    void sharpensAnUnderconfidentBinaryModel() {
        Random random = new Random(3);
        int n = 20_000;
        float[] logits = new float[n];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double z = random.nextGaussian() * 2;
            truth[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
            logits[i] = (float) (z / 2);
        }
        assertEquals(0.5, TemperatureScaling.fit(new BinaryCrossEntropy(), logits, 1, truth), 0.03);
    }
}
