package org.fenlei.server;

import org.fenlei.Classifier;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a served model file, at start and at each reload: {@link Classifier#load} unless another is given. */
@FunctionalInterface
public interface ModelOpener {
    Classifier open(Path file) throws IOException;
}
