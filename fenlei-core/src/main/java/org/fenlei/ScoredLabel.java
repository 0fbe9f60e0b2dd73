package org.fenlei;

/** A label with its predicted probability. */
public record ScoredLabel(String label, double probability) {
}
