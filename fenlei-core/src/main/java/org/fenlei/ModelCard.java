package org.fenlei;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.Provenance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model is, for people and clients: one card that {@code info}, {@code info --json} and the server's model
 * listing all show. The fields a model cannot know (a fastText tool model has no provenance) are null and left out
 * of JSON.
 *
 * @param kind           the model in a phrase
 * @param labels         its labels, in its order
 * @param multiLabel     whether it assigns any number of labels
 * @param thresholds     for a multi-label model, the probability at which each label is assigned
 * @param task           binary, multiclass, multilabel or regression, for Fenlei's own models
 * @param vocabularySize words in its vocabulary, for Fenlei's own models
 * @param network        its kind and the sizes or solver that define it, for Fenlei's own models
 * @param config         everything it was trained with, for Fenlei's own models
 * @param provenance     where it came from and how it scored, for Fenlei's own models
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(String kind, List<String> labels, boolean multiLabel, Map<String, Double> thresholds,
                        String task, Integer vocabularySize, String network, ModelConfig config,
                        Provenance provenance) {
    /** The card every model can give: kind, labels and, for multi-label models, thresholds. */
    public static ModelCard basic(Classifier model) {
        return new ModelCard(model.describe(), model.labels(), model.multiLabel(), thresholds(model), null, null,
                null, null, null);
    }

    static Map<String, Double> thresholds(Classifier model) {
        if (!model.multiLabel()) {
            return null;
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        for (String label : model.labels()) {
            thresholds.put(label, model.threshold(label));
        }
        return thresholds;
    }
}
