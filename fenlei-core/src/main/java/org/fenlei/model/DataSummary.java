package org.fenlei.model;

/**
 * The data a model was trained on: file name, SHA-256 of its bytes, rows read and skipped, and how many went to
 * training, validation and test.
 */
public record DataSummary(String file, String sha256, long rows, long skipped, long trainRows, long validationRows,
                          long testRows, String testFile) {
}
