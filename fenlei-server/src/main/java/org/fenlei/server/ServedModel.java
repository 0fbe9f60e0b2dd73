package org.fenlei.server;

import org.fenlei.Classifier;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One version of a served model: the loaded classifier, where and when it came from. Immutable; a reload makes a
 * new one and swaps it in, so a request that took this version finishes on it.
 */
record ServedModel(String name, Path file, Classifier classifier, int version, Instant loadedAt,
                   double loadSeconds, FileStamp stamp) {
}
