package org.fenlei.model;

/**
 * The teacher a model was distilled from, and how.
 *
 * @param file          the teacher's model file name
 * @param fingerprint   the first 128 bits of the SHA-256 of that file
 * @param network       the teacher's network, as its model card gives it
 * @param loss          {@code soft} (cross-entropy at a temperature) or {@code mse} (on the logits)
 * @param alpha         the gold labels' weight against the teacher's
 * @param temperature   the softmax temperature of the {@code soft} loss
 * @param transferTexts texts the teacher labelled beyond the training rows: augmented copies and unlabeled text
 * @param labelSeconds  the time the teacher took to label the texts not already in its cache (null for reproducible
 *                      builds)
 */
public record TeacherInfo(String file, String fingerprint, String network, String loss, double alpha,
                          double temperature, int transferTexts, Double labelSeconds) {
}
