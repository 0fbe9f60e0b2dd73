package org.fenlei.fasttext;

import org.fenlei.Classifier;
import org.fenlei.ModelLoader;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the C++ fastText tool's supervised {@code .bin} and {@code .ftz} files: they start with its magic number. */
public final class FastTextLoader implements ModelLoader {
    @Override
    public boolean recognises(byte[] head) {
        return head.length >= 4 && (head[0] & 0xFF | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16
                | (head[3] & 0xFF) << 24) == FastTextModel.MAGIC;
    }

    @Override
    public Classifier load(Path path) throws IOException {
        return FastTextModel.load(path);
    }
}
