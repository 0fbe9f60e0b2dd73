package org.fenlei.cli;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PredictCommandTest {
    private static String sixDecimals(double p) {
        StringBuilder sb = new StringBuilder();
        PredictCommand.appendSixDecimals(sb, p);
        return sb.toString();
    }

    @Test
    void probabilitiesPrintWithSixDecimalsLikeFormat() {
        assertEquals("0.000000", sixDecimals(0));
        assertEquals("1.000000", sixDecimals(1));
        assertEquals("0.500000", sixDecimals(0.5));
        assertEquals("0.000042", sixDecimals(0.0000421));
        assertEquals("0.999999", sixDecimals(0.9999994));
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            double p = random.nextDouble();
            assertEquals(String.format(Locale.ROOT, "%.6f", p), sixDecimals(p), "p = " + p);
        }
    }
}
