package org.fenlei;

import org.fenlei.data.DataException;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ParallelRows;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.ClassificationReport;
import org.fenlei.eval.Evaluation;
import org.fenlei.eval.Mistake;
import org.fenlei.eval.MultiLabelReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates any {@link Classifier} on a labeled file through its public predictions: every label's probability
 * per text, then the single-label or the multi-label report. Models with a faster path of their own (a
 * {@link TextClassifier} scores encoded batches) use that instead.
 */
final class LabeledFileEvaluation {
    private LabeledFileEvaluation() {
    }

    static Evaluation evaluate(Classifier model, Path file, ReadOptions options, int mistakes) {
        long start = System.nanoTime();
        List<String> labels = model.labels();
        int k = labels.size();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < k; i++) {
            ids.put(labels.get(i), i);
        }
        boolean multiLabel = model.multiLabel();
        String source = file.toString();
        FloatList truth = new FloatList();
        FloatList probabilities = new FloatList();
        List<LabeledText> rows = new ArrayList<>();
        ParallelRows.forEach(file, options, Runtime.getRuntime().availableProcessors(), row -> {
            float[] p = new float[k];
            for (ScoredLabel s : model.predict(row.text(), k).top()) {
                p[ids.get(s.label())] = (float) s.probability();
            }
            return new Scored(p, target(row, ids, labels, multiLabel, source), mistakes > 0 ? row : null);
        }, scored -> {
            probabilities.addAll(scored.probabilities());
            truth.addAll(scored.truth());
            if (scored.row() != null) {
                rows.add(scored.row());
            }
        });
        int n = probabilities.size() / Math.max(1, k);
        if (n == 0) {
            throw new DataException(source, 0, "no rows to evaluate", "give a file with labeled rows");
        }
        Evaluation e;
        if (multiLabel) {
            e = Evaluation.of(source, MultiLabelReport.of(labels, truth.toArray(), probabilities.toArray(),
                    MultiLabelReport.THRESHOLD));
        } else {
            float[] t = truth.toArray();
            int[] classes = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                classes[i] = (int) t[i];
            }
            float[] p = probabilities.toArray();
            e = Evaluation.of(source, ClassificationReport.of(labels, classes, p));
            if (mistakes > 0) {
                e = e.withMistakes(Mistake.mostConfident(mistakes, labels, rows.stream().map(LabeledText::text)
                        .toList(), rows.stream().mapToLong(LabeledText::line).toArray(), classes, p));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return e.timed(seconds, n / seconds);
    }

    private record Scored(float[] probabilities, float[] truth, LabeledText row) {
    }

    /**
     * The targets of a labeled row for a model with these labels: one 0/1 per label for a multi-label model, else
     * the class id; a label the model does not know is an error naming the row.
     */
    static float[] target(LabeledText row, Map<String, Integer> ids, List<String> labels, boolean multiLabel,
                          String source) {
        if (!multiLabel) {
            return new float[] {labelId(ids, row.label(), row, source, labels)};
        }
        float[] t = new float[labels.size()];
        for (String label : ClassifierBuilder.splitLabels(row.label())) {
            t[labelId(ids, label, row, source, labels)] = 1;
        }
        return t;
    }

    /** The id of {@code label}, or an error naming the row and the labels the model knows. */
    private static int labelId(Map<String, Integer> ids, String label, LabeledText row, String source,
                       List<String> labels) {
        Integer id = ids.get(label);
        if (id == null) {
            String known = labels.size() <= 10 ? labels.toString()
                    : labels.subList(0, 10) + " and " + (labels.size() - 10) + " more";
            throw new DataException(source, row.line(), "label '" + label + "' is not one the model knows "
                    + known, "evaluate on data with the training labels");
        }
        return id;
    }
}
