package org.fenlei.fuzz;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded, bounded fuzz loop. Input {@code i} of a run is made from {@code new SplittableRandom(seed + i)} alone,
 * so a finding is replayed from the two numbers its message gives. {@code mvn verify} runs a fixed number of inputs
 * with a fixed seed; a long run sets {@code -Dfenlei.fuzz.tries=N} and {@code -Dfenlei.fuzz.seed=S}.
 */
public final class Fuzz {
    /** What one input came to, counted for the run's summary line. */
    public enum Outcome { ACCEPTED, REFUSED }

    /** Checks one input made from {@code random}; throws on a finding. */
    @FunctionalInterface
    public interface Target {
        Outcome check(SplittableRandom random) throws Exception;
    }

    private Fuzz() {
    }

    public static int tries(int defaultTries) {
        return Integer.getInteger("fenlei.fuzz.tries", defaultTries);
    }

    public static long seed() {
        return Long.getLong("fenlei.fuzz.seed", 42L);
    }

    /** Runs {@code tries} inputs of {@code target}; the first finding fails with its seed and input number. */
    public static void run(String name, int tries, Target target) {
        long seed = seed();
        long accepted = 0;
        long start = System.nanoTime();
        for (int i = 0; i < tries; i++) {
            Outcome outcome;
            try {
                outcome = target.check(new SplittableRandom(seed + i));
            } catch (Throwable e) {
                throw new AssertionError("fuzz " + name + ": finding at input " + i + " of seed " + seed
                        + " (replay with -Dfenlei.fuzz.seed=" + (seed + i) + " -Dfenlei.fuzz.tries=1): " + e, e);
            }
            accepted += outcome == Outcome.ACCEPTED ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "fuzz %s: %d inputs from seed %d in %.1f s: %d accepted, %d refused, "
                + "0 findings%n", name, tries, seed, (System.nanoTime() - start) / 1e9, accepted, tries - accepted);
    }
}
