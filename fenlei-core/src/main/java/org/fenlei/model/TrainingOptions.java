package org.fenlei.model;

import java.util.Set;

/**
 * The settings a model kind has defaults for, while they are being chosen: the user's values for the options in
 * {@link #given}, anything else to be set by {@link ModelType#applyDefaults}. Fields are named as the CLI's options
 * are ({@code --epochs} is {@code epochs}); null means "the trainer's general default".
 */
public final class TrainingOptions {
    private final Set<String> given;
    public int epochs;
    public int dim;
    public int hidden;
    public float dropout;
    public float wordDropout;
    public String optimizer;
    public int batchSize;
    public Float learningRate;
    public String schedule;
    public double warmup;
    public float clipNorm;
    public int averageEpochs;
    public int patience;
    public int vocabSize;
    public int ngrams;
    public boolean punctuation;
    public boolean maskUrls;
    public boolean maskEmails;
    public boolean autotune;

    /** @param given the options the user gave, by their CLI names without dashes ({@code "epochs"}) */
    public TrainingOptions(Set<String> given) {
        this.given = Set.copyOf(given);
    }

    /** Whether the user gave the option {@code name} (without dashes). */
    public boolean given(String name) {
        return given.contains(name);
    }
}
