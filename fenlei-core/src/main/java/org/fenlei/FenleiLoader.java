package org.fenlei;

import org.fenlei.model.ModelFile;

import java.io.IOException;
import java.nio.file.Path;

/** Reads Fenlei's own model files ({@link ModelFile}), which start with its eight magic bytes. */
public final class FenleiLoader implements ModelLoader {
    @Override
    public boolean recognises(byte[] head) {
        return ModelFile.startsWithMagic(head);
    }

    @Override
    public Classifier load(Path path) throws IOException {
        return TextClassifier.load(path);
    }
}
