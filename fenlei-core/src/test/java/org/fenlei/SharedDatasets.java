package org.fenlei;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The public datasets under {@code $FENLEI_DATA}: a test that needs one is skipped with a message when the
 * variable is unset, and fails loudly when it is set but the file is missing.
 */
final class SharedDatasets {
    private SharedDatasets() {
    }

    static Path file(String dataset, String name) {
        String root = System.getenv("FENLEI_DATA");
        Assumptions.assumeTrue(root != null && !root.isBlank(),
                "FENLEI_DATA is not set: skipping the test on the " + dataset + " dataset");
        Path p = Path.of(root, dataset, name);
        if (!Files.isRegularFile(p)) {
            fail("FENLEI_DATA is set to " + root + " but " + p + " is missing");
        }
        return p;
    }
}
