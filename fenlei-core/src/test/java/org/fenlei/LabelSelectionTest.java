package org.fenlei;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LabelSelectionTest {
    /** A model with three labels scored 0.9, 0.6 and 0.2; multi-label ones assign ship at 0.55, oil at 0.95. */
    private static Classifier model(boolean multiLabel) {
        return new Classifier() {
            @Override
            public List<String> labels() {
                return List.of("grain", "ship", "oil");
            }

            @Override
            public Prediction predict(String text, int topK) {
                List<ScoredLabel> all = List.of(new ScoredLabel("grain", 0.9), new ScoredLabel("ship", 0.6),
                        new ScoredLabel("oil", 0.2));
                return new Prediction("grain", 0.9, all.subList(0, Math.min(topK, all.size())), null);
            }

            @Override
            public List<Prediction> predictAll(List<String> texts, int topK) {
                return texts.stream().map(t -> predict(t, topK)).toList();
            }

            @Override
            public String describe() {
                return "stub";
            }

            @Override
            public boolean multiLabel() {
                return multiLabel;
            }

            @Override
            public double threshold(String label) {
                return "oil".equals(label) ? 0.95 : 0.55;
            }
        };
    }

    private static List<String> listed(LabelSelection selection, Classifier model) {
        Prediction p = selection.apply(model, model.predict("x", selection.labels(model)));
        return p.top().stream().map(ScoredLabel::label).toList();
    }

    @Test
    void withoutTopKOrThresholdASingleLabelModelGivesItsBestLabel() {
        assertEquals(List.of("grain"), listed(new LabelSelection(null, null), model(false)));
    }

    @Test
    void withoutTopKOrThresholdAMultiLabelModelGivesEveryLabelAtItsOwnThreshold() {
        assertEquals(List.of("grain", "ship"), listed(new LabelSelection(null, null), model(true)));
    }

    @Test
    void aThresholdAloneGivesEveryLabelAtOrAboveIt() {
        assertEquals(List.of("grain", "ship"), listed(new LabelSelection(null, 0.5), model(false)));
        assertEquals(List.of("grain", "ship", "oil"), listed(new LabelSelection(null, 0.1), model(true)));
    }

    @Test
    void topKGivesTheBestKAndAThresholdFiltersThem() {
        assertEquals(List.of("grain", "ship", "oil"), listed(new LabelSelection(3, null), model(true)));
        assertEquals(List.of("grain"), listed(new LabelSelection(3, 0.7), model(false)));
    }
}
