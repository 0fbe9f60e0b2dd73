package org.fenlei;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public datasets under {@code $FENLEI_DATA} and the reference files under {@code $FENLEI_FIXTURES}: a test
 * that needs one is skipped with a message when the variable is unset, and fails loudly when it is set but the
 * file is missing.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    /** {@code $FENLEI_DATA/dataset/name}. */
    public static Path data(String dataset, String name) {
        return find("FENLEI_DATA", dataset + "/" + name, "the " + dataset + " dataset");
    }

    /** {@code $FENLEI_FIXTURES/relative}. */
    public static Path fixture(String relative) {
        return find("FENLEI_FIXTURES", relative, "fixture " + relative);
    }

    private static Path find(String variable, String relative, String what) {
        String root = System.getenv(variable);
        Assumptions.assumeTrue(root != null && !root.isBlank(), variable + " is not set: skipping the test on " + what);
        Path p = Path.of(root).resolve(relative);
        if (!Files.isRegularFile(p)) {
            fail(variable + " is set to " + root + " but " + p + " is missing");
        }
        return p;
    }
}
