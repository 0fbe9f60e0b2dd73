package org.fenlei;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small labeled CSV files whose classes are told apart by their words, made fresh for each test. */
final class SyntheticData {
    private static final String[][] WORDS = {
            {"great", "wonderful", "superb", "loved", "brilliant", "moving"},
            {"awful", "boring", "terrible", "hated", "dull", "waste"},
            {"goal", "match", "striker", "league", "coach", "penalty"},
    };
    private static final String[] NOISE = {"the", "a", "film", "it", "was", "and", "this", "story", "of", "to"};

    private SyntheticData() {
    }

    static Path write(Path file, int rows, int classes, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            sb.append(label(c)).append(',');
            int n = 4 + random.nextInt(8);
            for (int j = 0; j < n; j++) {
                String[] pool = random.nextInt(3) == 0 ? WORDS[c] : NOISE;
                sb.append(j == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
            }
            sb.append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
        return file;
    }

    static String label(int c) {
        return new String[] {"pos", "neg", "sport"}[c];
    }
}
