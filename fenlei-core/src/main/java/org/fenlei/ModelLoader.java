package org.fenlei;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads one kind of model file other than Fenlei's own, recognised by its first bytes rather than its name.
 * {@link Classifier#load} asks each loader on the class path ({@code META-INF/services/org.fenlei.ModelLoader})
 * in turn; a file no loader recognises goes to Fenlei's own reader, which reads Fenlei's files and says what any
 * other file is not.
 */
public interface ModelLoader {
    /** How many leading bytes {@link #recognises} looks at. */
    int HEAD = 16;

    /** Whether a file that starts with {@code head} (up to {@value #HEAD} bytes) is one this loader reads. */
    boolean recognises(byte[] head);

    Classifier load(Path path) throws IOException;

    /** The loader for {@code path} by its first bytes, or null when none recognises them. */
    static ModelLoader forFile(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HEAD);
        }
        for (ModelLoader loader : Loaders.ALL) {
            if (loader.recognises(head)) {
                return loader;
            }
        }
        return null;
    }

    /** The loaders on the class path, found once. */
    final class Loaders {
        static final List<ModelLoader> ALL = ServiceLoader.load(ModelLoader.class, ModelLoader.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();

        private Loaders() {
        }
    }
}
