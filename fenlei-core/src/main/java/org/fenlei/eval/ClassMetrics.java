package org.fenlei.eval;

/** Precision, recall and F1 of one class, and its support (true examples of the class). */
public record ClassMetrics(String label, double precision, double recall, double f1, long support) {
}
