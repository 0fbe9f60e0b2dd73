package org.fenlei.server;

import org.fenlei.Classifier;

import java.time.Instant;

/**
 * One version of a served model: the loaded classifier, its version (loads of the file so far) and when it
 * loaded. Immutable; a reload makes a new one and swaps it in, so a request that took this version finishes on it.
 */
record ServedModel(Classifier classifier, int version, Instant loadedAt, double loadSeconds) {
}
