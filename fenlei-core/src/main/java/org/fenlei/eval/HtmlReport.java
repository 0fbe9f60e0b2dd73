package org.fenlei.eval;

import org.fenlei.model.Provenance;
import org.fenlei.train.EpochStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An evaluation as one self-contained HTML page that opens offline (no font, no network; one inline script sorts
 * the per-class table): the headline figures, the per-class table, the confusion matrix as a heat map, the
 * reliability diagram, ROC and precision-recall curves (two classes), the most confident mistakes and the training
 * curves from the model's provenance, all drawn as inline SVG.
 */
public final class HtmlReport {
    private static final int W = 360;
    private static final int H = 240;
    private static final int PAD = 36;

    private HtmlReport() {
    }

    /** The page for evaluation {@code e}; {@code provenance} (may be null) gives the training curves. */
    public static String render(String title, Evaluation e, Provenance provenance) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append("</title>\n<style>")
                .append("body{font:15px/1.45 system-ui,sans-serif;color:#1d2733;margin:2rem auto;max-width:1100px;"
                        + "padding:0 1rem}h1{font-size:1.4rem}h2{font-size:1.05rem;margin-top:2rem}"
                        + "table{border-collapse:collapse;font-variant-numeric:tabular-nums}"
                        + "td,th{border:1px solid #dde3ea;padding:.25rem .55rem;text-align:right}"
                        + "th{background:#f0f3f7}td:first-child,th:first-child{text-align:left}"
                        + ".charts{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}"
                        + "figcaption{color:#5b6b7c;font-size:.9rem}svg text{font-size:11px;fill:#5b6b7c}")
                .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        if (e.data() != null) {
            sb.append("<p>evaluated on ").append(escape(e.data())).append(", ").append(e.examples())
                    .append(" examples</p>\n");
        }
        ClassificationReport c = e.classification();
        if (c != null) {
            sb.append(String.format(Locale.ROOT, "<p><b>accuracy %.4f</b> &middot; macro F1 %.4f &middot; log loss "
                    + "%.4f &middot; ECE %.4f%s</p>\n", c.accuracy(), c.macroF1(), c.logLoss(), c.calibration().ece(),
                    c.rocAuc() == null ? "" : String.format(Locale.ROOT, " &middot; ROC-AUC %.4f &middot; PR-AUC %.4f",
                            c.rocAuc(), c.prAuc())));
            table(sb, c.perClass());
            sb.append("<h2>Confusion matrix</h2>\n").append(heatMap(c.confusion()));
            sb.append("<h2>Calibration</h2>\n<div class=\"charts\">").append(reliability(c.calibration()));
            if (c.rocCurve() != null) {
                sb.append("</div>\n<h2>Ranking</h2>\n<div class=\"charts\">")
                        .append(chart("ROC curve (positive class " + escape(c.perClass().get(1).label()) + ")",
                                "false positive rate", "true positive rate",
                                List.of(new Series("ROC", c.rocCurve(), "#2f6fde")), 1f))
                        .append(chart("Precision-recall curve", "recall", "precision",
                                List.of(new Series("PR", c.prCurve(), "#d9480f")), 1f));
            }
            sb.append("</div>\n");
            mistakes(sb, e.mistakes());
        } else if (e.multiLabel() != null) {
            MultiLabelReport m = e.multiLabel();
            StringBuilder ranked = new StringBuilder();
            for (MultiLabelReport.AtK a : m.atK() == null ? List.<MultiLabelReport.AtK>of() : m.atK()) {
                ranked.append(String.format(Locale.ROOT, " &middot; P@%d %.4f, R@%d %.4f", a.k(), a.precision(),
                        a.k(), a.recall()));
            }
            sb.append(String.format(Locale.ROOT, "<p><b>micro F1 %.4f</b> (P %.4f, R %.4f) &middot; macro F1 %.4f, "
                            + "%s%s</p>\n", m.microF1(), m.microPrecision(), m.microRecall(), m.macroF1(),
                    escape(m.describeThresholds()), ranked));
            table(sb, m.perLabel());
        } else {
            sb.append(String.format(Locale.ROOT, "<p><b>R&sup2; %.4f</b> &middot; MAE %.4f &middot; RMSE %.4f</p>\n",
                    e.regression().r2(), e.regression().mae(), e.regression().rmse()));
        }
        if (provenance != null && !provenance.history().isEmpty()) {
            sb.append("<h2>Training</h2>\n<div class=\"charts\">").append(trainingCharts(provenance.history()))
                    .append("</div>\n");
        }
        return sb.append(SORT_SCRIPT).append("</body></html>\n").toString();
    }

    /** Sorts a table with class {@code sortable} by the column whose header is clicked (numbers high to low). */
    private static final String SORT_SCRIPT = "<script>document.querySelectorAll('table.sortable th').forEach("
            + "(th,i)=>th.addEventListener('click',()=>{const t=th.closest('table');const rows=[...t.rows].slice(1);"
            + "rows.sort((a,b)=>{const x=a.cells[i].textContent,y=b.cells[i].textContent;"
            + "return i?parseFloat(y)-parseFloat(x):x.localeCompare(y)});rows.forEach(r=>t.tBodies[0].append(r))}))"
            + "</script>\n";

    /** Mean confidence against accuracy per bin, beside the diagonal of perfect calibration. */
    private static String reliability(Reliability r) {
        List<float[]> points = new ArrayList<>();
        for (Reliability.Bin b : r.bins()) {
            if (b.count() > 0) {
                points.add(new float[] {(float) b.confidence(), (float) b.accuracy()});
            }
        }
        float[] x = new float[points.size()];
        float[] y = new float[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return chart(String.format(Locale.ROOT, "Reliability (ECE %.4f, %d bins)", r.ece(), Reliability.BINS),
                "confidence", "accuracy", List.of(new Series("model", new Curve(x, y), "#2f6fde"),
                        new Series("perfect", new Curve(new float[] {0, 1}, new float[] {0, 1}), "#8a99a8")), 1f);
    }

    private static void mistakes(StringBuilder sb, List<Mistake> mistakes) {
        if (mistakes.isEmpty()) {
            return;
        }
        sb.append("<h2>Most confident mistakes</h2>\n<table><tr><th>line</th><th>text</th><th>true</th>"
                + "<th>predicted</th><th>probability</th></tr>\n");
        for (Mistake m : mistakes) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%d</td><td style=\"text-align:left\">%s</td><td>%s</td>"
                    + "<td>%s</td><td>%.4f</td></tr>\n", m.line(), escape(Evaluation.abbreviate(m.text(), 300)),
                    escape(m.truth()), escape(m.predicted()), m.probability()));
        }
        sb.append("</table>\n");
    }

    private static void table(StringBuilder sb, List<ClassMetrics> rows) {
        sb.append("<h2>Per class</h2>\n<p>Click a column's header to sort by it.</p>\n<table class=\"sortable\">"
                + "<tr><th>label</th><th>precision</th><th>recall</th><th>F1</th>"
                + "<th>support</th></tr>\n");
        for (ClassMetrics m : rows) {
            sb.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td>"
                    + "</tr>\n", escape(m.label()), m.precision(), m.recall(), m.f1(), m.support()));
        }
        sb.append("</table>\n");
    }

    private static String heatMap(ConfusionMatrix cm) {
        long max = 1;
        for (long[] row : cm.counts()) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        StringBuilder sb = new StringBuilder("<table class=\"cm\"><tr><th>true \\ predicted</th>");
        for (String l : cm.labels()) {
            sb.append("<th>").append(escape(l)).append("</th>");
        }
        sb.append("</tr>\n");
        for (int t = 0; t < cm.labels().size(); t++) {
            sb.append("<tr><th>").append(escape(cm.labels().get(t))).append("</th>");
            for (int p = 0; p < cm.labels().size(); p++) {
                long v = cm.counts()[t][p];
                int shade = (int) Math.round(255 - 160.0 * v / max);
                sb.append(String.format(Locale.ROOT, "<td style=\"background:rgb(%d,%d,255)%s\">%d</td>", shade,
                        Math.min(255, shade + 10), t == p ? ";font-weight:600" : "", v));
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private record Series(String name, Curve curve, String color) {
    }

    private static String trainingCharts(List<EpochStats> history) {
        List<Series> loss = new ArrayList<>();
        List<Series> accuracy = new ArrayList<>();
        loss.add(new Series("train", epochs(history, EpochStats::trainLoss), "#2f6fde"));
        accuracy.add(new Series("train", epochs(history, EpochStats::trainAccuracy), "#2f6fde"));
        if (!Double.isNaN(history.get(0).validationLoss())) {
            loss.add(new Series("validation", epochs(history, EpochStats::validationLoss), "#d9480f"));
            accuracy.add(new Series("validation", epochs(history, EpochStats::validationAccuracy), "#d9480f"));
        }
        float top = 0;
        for (Series s : loss) {
            for (float y : s.curve().y()) {
                top = Math.max(top, Float.isNaN(y) ? 0 : y);
            }
        }
        String out = chart("Loss per epoch", "epoch", "loss", loss, top);
        if (!Double.isNaN(history.get(0).trainAccuracy())) {
            out += chart("Accuracy per epoch", "epoch", "accuracy", accuracy, 1f);
        }
        return out;
    }

    private interface Field {
        double of(EpochStats s);
    }

    private static Curve epochs(List<EpochStats> history, Field field) {
        float[] x = new float[history.size()];
        float[] y = new float[history.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = history.get(i).epoch();
            y[i] = (float) field.of(history.get(i));
        }
        return new Curve(x, y);
    }

    /** A line chart in SVG: axes from 0 (x to the data's maximum), one polyline per series, a legend. */
    private static String chart(String title, String xLabel, String yLabel, List<Series> series, float yMax) {
        float xMax = 0;
        for (Series s : series) {
            for (float x : s.curve().x()) {
                xMax = Math.max(xMax, x);
            }
        }
        float xTop = xMax > 0 ? xMax : 1;
        float yTop = yMax > 0 ? yMax : 1;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" role=\"img\" aria-label=\"%s\">", W, H, escape(title)));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a99a8\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a99a8\"/>", PAD, H - PAD, W - 8, H - PAD,
                PAD, 8, PAD, H - PAD));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\">%s</text>",
                W / 2 - 30, H - 8, escape(xLabel), 4, 18, escape(yLabel)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.3g</text><text x=\"%d\" y=\"%d\">%.3g</text>",
                W - 40, H - PAD + 14, xTop, 2, 34, yTop));
        int legend = 0;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            float[] xs = s.curve().x();
            float[] ys = s.curve().y();
            for (int i = 0; i < xs.length; i++) {
                if (Float.isNaN(ys[i])) {
                    continue;
                }
                float px = PAD + (W - 8 - PAD) * xs[i] / xTop;
                float py = H - PAD - (H - PAD - 8) * Math.min(ys[i], yTop) / yTop;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
            }
            sb.append(String.format(Locale.ROOT, "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\" points=\"%s\"/>", s.color(), points.toString().trim()));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" style=\"fill:%s\">%s</text>", W - 90,
                    24 + 14 * legend++, s.color(), escape(s.name())));
        }
        return sb.append("</svg><figcaption>").append(escape(title)).append("</figcaption></figure>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
