package org.fenlei.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path data() throws IOException {
        String[][] words = {{"great", "superb", "loved", "brilliant"}, {"awful", "boring", "hated", "dull"}};
        Random random = new Random(1);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 400; i++) {
            int c = i % 2;
            sb.append(c == 0 ? "pos" : "neg").append(",the film was ")
                    .append(words[c][random.nextInt(4)]).append(" and ").append(words[c][random.nextInt(4)])
                    .append('\n');
        }
        return Files.writeString(dir.resolve("train.csv"), sb);
    }

    @Test
    void predictEvalAndInfoReadFastTextModels() throws IOException {
        String fixtures = System.getenv("FENLEI_FIXTURES");
        Assumptions.assumeTrue(fixtures != null && !fixtures.isBlank(), "FENLEI_FIXTURES is not set");
        Path model = Path.of(fixtures, "fasttext", "trec_softmax_bigram.bin");
        assertTrue(Files.isRegularFile(model), "FENLEI_FIXTURES is set but " + model + " is missing");
        // the first line of trec_softmax_bigram_bin.predict-prob-k2.txt: __label__NUM 0.999232 __label__DESC 0.000786475
        Result predict = run("predict", model.toString(), "how far is it from denver to aspen ?", "-k", "2");
        assertEquals(0, predict.code(), predict.err());
        assertEquals("NUM\t0.999232\tDESC\t0.000786\n", predict.out());
        Result info = run("info", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("fastText supervised, loss softmax, dim 16, word n-grams 2"), info.out());
        Path labeled = Files.writeString(dir.resolve("two.txt"),
                "__label__NUM how far is it from denver to aspen ?\n__label__HUM who was galileo ?\n");
        Result eval = run("eval", model.toString(), labeled.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("accuracy  1.0000  (2 examples)"), eval.out());
    }

    @Test
    void trainEvalPredictAndInfoWorkTogether() throws IOException {
        Path data = data();
        Path model = dir.resolve("m.fenlei");
        Path report = dir.resolve("train.json");
        Result train = run("train", data.toString(), "-o", model.toString(), "--json", report.toString(), "-q");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("accuracy"), train.out());
        assertTrue(Files.readString(report).contains("\"sha256\""));

        Path evalJson = dir.resolve("eval.json");
        Path page = dir.resolve("report.html");
        Result eval = run("eval", model.toString(), data.toString(), "--json", evalJson.toString(), "--report",
                page.toString());
        String html = Files.readString(page);
        assertTrue(html.contains("<svg") && html.contains("ROC curve") && html.contains("Confusion matrix"), html);
        assertTrue(html.contains("Reliability (ECE") && html.contains("class=\"sortable\""), html);
        assertTrue(!html.contains("<script src") && !html.contains("<link"), "self-contained: no links");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("confusion matrix"), eval.out());
        assertTrue(Files.readString(evalJson).contains("\"rocAuc\""));

        Result predict = run("predict", model.toString(), "a brilliant superb film", "boring and dull", "-k", "2");
        assertEquals(0, predict.code(), predict.err());
        String[] lines = predict.out().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[0].startsWith("pos\t"), lines[0]);
        assertTrue(lines[1].startsWith("neg\t"), lines[1]);
        assertEquals(4, lines[0].split("\t").length);

        Result explained = run("predict", model.toString(), "a brilliant superb film", "--explain", "3");
        assertEquals(0, explained.code(), explained.err());
        String[] why = explained.out().split("\n");
        assertEquals(5, why.length, explained.out());
        assertTrue(why[1].startsWith("  why pos: score ") && why[1].contains("integrated-gradients"), why[1]);
        assertTrue(why[2].matches(" +\\+\\d+\\.\\d{4}  (brilliant|superb)"), why[2]);
        Result explainedJson = run("predict", model.toString(), "a brilliant superb film", "--explain", "--json");
        assertTrue(explainedJson.out().contains("\"explanation\":{\"label\":\"pos\""), explainedJson.out());
        assertEquals(2, run("predict", model.toString(), "a film", "--explain", "0").code());

        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"text\": \"loved it, brilliant\"}\n");
        Result fromFile = run("predict", model.toString(), "--input", input.toString(), "--json");
        assertEquals(0, fromFile.code(), fromFile.err());
        assertTrue(fromFile.out().contains("\"label\":\"pos\""), fromFile.out());
        assertTrue(fromFile.out().contains("\"text\":\"loved it, brilliant\""), fromFile.out());

        Result info = run("info", model.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("labels       [neg, pos]"), info.out());
        assertTrue(info.out().contains("(kept)"), info.out());
        assertFalse(info.out().contains("NaN"), "epochs without validation show a dash: " + info.out());
        assertFalse(info.out().contains("calibration  temperature"), "no validation split, no temperature: " + info.out());
    }

    @Test
    void exportWritesTheGraphAndItsTokenisationOrSaysWhyNot() throws IOException {
        Path data = data();
        Path model = dir.resolve("m.fenlei");
        assertEquals(0, run("train", data.toString(), "-o", model.toString(), "-q").code());
        Result export = run("export", model.toString(), "-o", dir.resolve("m.onnx").toString());
        assertEquals(0, export.code(), export.err());
        assertTrue(Files.size(dir.resolve("m.onnx")) > 1000);
        assertTrue(Files.readString(dir.resolve("m.json")).contains("\"labels\" : [ \"neg\", \"pos\" ]"));
        Path gru = dir.resolve("g.fenlei");
        assertEquals(0, run("train", data.toString(), "-o", gru.toString(), "--model", "gru", "--epochs", "1",
                "-q").code());
        Result refused = run("export", gru.toString(), "-o", dir.resolve("g.onnx").toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("the gru model does not export to ONNX yet"), refused.err());
        assertEquals(2, run("export", model.toString()).code(), "-o is required");
    }

    @Test
    void personalDataIsListedDroppedOrMasked() throws IOException {
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 200; i++) {
            sb.append(i % 2 == 0 ? "pos,great film call 13800138000\n" : "neg,awful film card 4111111111111111\n");
        }
        Path data = Files.writeString(dir.resolve("pii.csv"), sb);
        Path plain = dir.resolve("plain.fenlei");
        assertEquals(0, run("train", data.toString(), "-o", plain.toString(), "-q").code());
        Result listed = run("info", plain.toString(), "--pii");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().startsWith("2 of "), listed.out());
        assertTrue(listed.out().contains("phone") && listed.out().contains("13800138000"), listed.out());
        assertTrue(listed.out().contains("payment card") && listed.out().contains("4111111111111111"), listed.out());

        Path dropped = dir.resolve("dropped.fenlei");
        Result train = run("train", data.toString(), "-o", dropped.toString(), "--drop-pii-vocab");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().contains("dropped 2 vocabulary entries that look like personal data"), train.err());
        assertTrue(run("info", dropped.toString(), "--pii").out().startsWith("0 of "));

        Path masked = dir.resolve("masked.fenlei");
        assertEquals(0, run("train", data.toString(), "-o", masked.toString(), "--mask-pii", "-q").code());
        assertTrue(run("info", masked.toString(), "--pii").out().startsWith("0 of "));
        // stored in the model: a number it never saw is masked to the token it learned
        Result why = run("predict", masked.toString(), "ring 13912345678", "--explain", "5");
        assertTrue(why.out().contains("xxphone"), why.out());
        assertTrue(run("info", masked.toString()).out().contains("maskPii=true"), "the card shows the setting");
    }

    @Test
    void calibrationIsStoredAndEvalListsTheMostConfidentMistakes() throws IOException {
        Path data = data();
        Path model = dir.resolve("m.fenlei");
        Result train = run("train", data.toString(), "-o", model.toString(), "--calibrate", "-q");
        assertEquals(0, train.code(), train.err());
        Result info = run("info", model.toString());
        assertTrue(info.out().contains("calibration  temperature "), info.out());
        assertTrue(info.out().matches("(?s).*\\d+ train, [1-9]\\d* validation.*"), info.out());

        Path wrong = Files.writeString(dir.resolve("wrong.csv"), "label,text\nneg,a brilliant superb film\n"
                + "pos,a brilliant film\npos,boring and dull\n");
        Path page = dir.resolve("report.html");
        Result eval = run("eval", model.toString(), wrong.toString(), "--errors", "5", "--report", page.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("ECE "), eval.out());
        assertTrue(eval.out().contains("line 2: true neg, predicted pos"), eval.out());
        assertTrue(eval.out().contains("line 4: true pos, predicted neg"), eval.out());
        assertTrue(Files.readString(page).contains("Most confident mistakes"));
        assertEquals(2, run("eval", model.toString(), wrong.toString(), "--errors", "-1").code());
    }

    @Test
    void badDataExitsOneWithFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "label,text\npos,ok\nneg,x,y\n");
        Result r = run("train", bad.toString(), "-o", dir.resolve("m.fenlei").toString(), "-q");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("fenlei: error: " + bad + ":3: row has 3 field(s)"), r.err());
        assertTrue(!Files.exists(dir.resolve("m.fenlei")));
    }

    @Test
    void skippingBadRowsWarnsAndTrains() throws IOException {
        Path data = data();
        Files.writeString(data, "neg,too,many,fields\n", java.nio.file.StandardOpenOption.APPEND);
        Result r = run("train", data.toString(), "-o", dir.resolve("m.fenlei").toString(), "-q", "--on-bad-row",
                "skip");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("skipped 1 malformed row"), r.err());
    }

    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        // picocli reports a description it cannot format (a bare '%') on System.err and prints it raw
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"train", "predict", "eval", "info", "quantize", "serve", "quickstart"}) {
                Result r = run(command, "--help");
                assertEquals(0, r.code(), command);
                assertTrue(r.out().contains("Usage: fenlei " + command), command);
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("train").code());
        assertEquals(2, run("train", "x.csv", "--epochs", "many").code());
        assertEquals(2, run("no-such-command").code());
    }

    @Test
    void invalidOptionValuesAreBadUsageAndExitTwoWithTheReason() throws IOException {
        String data = data().toString();
        Result r = run("train", data, "--optimizer", "rmsprop", "-q");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("optimizer must be adam, adamw, adadelta, sgd or hogwild (or, for the linear "
                + "model, auto, nbsvm, nblr, tfidf-svm or tfidf-lr), was rmsprop"), r.err());
        Result model = run("train", data, "--model", "bert", "-q");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("--model must be auto or one of origin, fasttext, linear, cnn, bilstm, gru, "
                + "transformer, encoder, fused, was bert"), model.err());
        Result recurrent = run("train", data, "--model", "cnn", "--recurrent-dropout", "0.2", "-q");
        assertEquals(2, recurrent.code());
        assertTrue(recurrent.err().contains("recurrent dropout needs a recurrent architecture (bilstm, gru), not cnn"),
                recurrent.err());
        Result averaging = run("train", data, "--average-epochs", "2", "--validation-split", "0.1",
                "--patience", "1", "-q");
        assertEquals(2, averaging.code());
        assertTrue(averaging.err().contains("weight averaging and early stopping each choose the final weights"),
                averaging.err());
        Result epochs = run("train", data, "--epochs", "-1", "-q");
        assertEquals(2, epochs.code(), epochs.err());
        assertTrue(epochs.err().contains("epochs must be >= 1, was -1"), epochs.err());
        assertFalse(epochs.err().contains("dim"), epochs.err());
        Path model2 = dir.resolve("never.fenlei");
        for (List<String> args : List.of(List.of("--epochs", "0"), List.of("--dim", "0"), List.of("--batch-size", "0"),
                List.of("--test-split", "1.5"), List.of("--format", "xml"), List.of("--model", "nope"),
                List.of("--on-bad-row", "maybe"), List.of("--task", "ranking"))) {
            List<String> line = new java.util.ArrayList<>(List.of("train", data, "-o", model2.toString(), "-q"));
            line.addAll(args);
            Result bad = run(line.toArray(String[]::new));
            assertEquals(2, bad.code(), args + ": " + bad.err());
            assertTrue(bad.err().startsWith("fenlei: error: "), args + ": " + bad.err());
            assertFalse(Files.exists(model2), args.toString());
        }
        Path trained = dir.resolve("m.fenlei");
        assertEquals(0, run("train", data, "-o", trained.toString(), "-q").code());
        for (List<String> args : List.of(List.of("-k", "0"), List.of("-t", "2"), List.of("--format", "xml"))) {
            List<String> line = new java.util.ArrayList<>(List.of("predict", trained.toString(), "a film"));
            line.addAll(args);
            Result bad = run(line.toArray(String[]::new));
            assertEquals(2, bad.code(), args + ": " + bad.err());
        }
    }

    @Test
    void linearModelsTrainChooseTheirSolverShowPredictAndQuantize() throws IOException {
        Path model = dir.resolve("linear.fenlei");
        Result train = run("train", data().toString(), "--model", "linear", "-o", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.err().matches("(?s).*linear solver: (nbsvm|tfidf-svm), C [13]\\.0 \\(5-fold cross-validated "
                + "[01]\\.[0-9]{4}\\).*"), train.err());
        assertTrue(train.out().contains("accuracy  1.0000"), train.out());
        Result info = run("info", model.toString());
        assertTrue(info.out().matches("(?s).*network      linear: (nbsvm|tfidf-svm), C [13]\\.0, vocabulary \\d+\n.*"),
                info.out());
        Result predict = run("predict", model.toString(), "a brilliant superb film", "an awful dull film");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().matches("pos\t0\\.\\d+\nneg\t0\\.\\d+\n"), predict.out());
        Path small = dir.resolve("small.fenlei");
        Result quantize = run("quantize", model.toString(), "-o", small.toString(), "--cutoff", "6");
        assertEquals(0, quantize.code(), quantize.err());
        assertEquals("pos\n", run("predict", small.toString(), "superb brilliant").out().split("\t")[0] + "\n");
        Result solver = run("train", data().toString(), "--model", "linear", "--optimizer", "tfidf-lr", "--cost", "5",
                "-q", "-o", model.toString());
        assertEquals(0, solver.code(), solver.err());
        assertTrue(run("info", model.toString()).out().contains("network      linear: tfidf-lr, C 5.0"));
        // the same card as JSON, as the server lists it
        com.fasterxml.jackson.databind.JsonNode card = JsonOutput.MAPPER.readTree(
                run("info", model.toString(), "--json").out());
        assertEquals("linear: tfidf-lr, C 5.0", card.get("network").asText(), card.toString());
        assertEquals("binary", card.get("task").asText(), card.toString());
        assertTrue(card.get("provenance").has("metrics"), card.toString());
    }

    @Test
    void autoTriesTheCandidatesWithinTheBudgetAndStoresItsChoice() throws IOException {
        Path model = dir.resolve("auto.fenlei");
        Result train = run("train", data().toString(), "--model", "auto", "--budget", "2", "-o", model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("model search (64 of 320 training rows held out"), train.out());
        assertTrue(train.out().matches("(?s).*\\n  linear +1\\.0000 .*"), train.out());
        // two seconds hold the linear model, not Kim's CNN
        assertTrue(train.out().matches("(?s).*\\n  cnn +- +0\\.0s .*\\(skipped: about .*"), train.out());
        assertTrue(train.out().contains("  <- chosen"), train.out());
        assertTrue(train.out().contains("accuracy  1.0000  (80 examples)"), train.out());
        Result info = run("info", model.toString());
        assertTrue(info.out().contains("chosen: "), info.out());
        Result bad = run("train", data().toString(), "--model", "auto", "--epochs", "3", "-o", model.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--model auto chooses the model and its options itself; drop --epochs"),
                bad.err());
    }

    /** Every text is the same: any model can only guess the commoner label, and none may be chosen. */
    @Test
    void autoNeverChoosesAModelAtChance() throws IOException {
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 300; i++) {
            sb.append(i % 3 == 0 ? "a" : "b").append(",the very same words\n");
        }
        Path data = Files.writeString(dir.resolve("same.csv"), sb);
        Path model = dir.resolve("never.fenlei");
        Result r = run("train", data.toString(), "--model", "auto", "--budget", "3", "-q", "-o", model.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("fenlei: error: " + data + ": every candidate model was at chance on the "
                + "validation rows"), r.err());
        assertFalse(Files.exists(model));
    }

    /** The Java API's builder().model(name) and the CLI's --model name train with the same configuration. */
    @Test
    void theJavaApiAndTheCommandLineTrainIdenticalModelsOfAKind() throws IOException {
        Path data = data();
        for (String kind : List.of("fasttext", "linear", "cnn", "transformer")) {
            Path cli = dir.resolve(kind + "-cli.fenlei");
            Result r = run("train", data.toString(), "--model", kind, "--epochs", "1", "-q", "-o", cli.toString());
            assertEquals(0, r.code(), r.err());
            org.fenlei.model.ModelConfig fromCli = org.fenlei.TextClassifier.load(cli).config();
            org.fenlei.TextClassifier api = org.fenlei.TextClassifier.builder().model(kind)
                    .training(org.fenlei.model.TrainingOptions.defaults(org.fenlei.model.ModelTypes.get(kind))
                            .training().withEpochs(1))
                    .train(data);
            assertEquals(fromCli.features(), api.config().features(), kind);
            assertEquals(fromCli.network(), api.config().network(), kind);
            assertEquals(fromCli.training(), api.config().training(), kind);
        }
    }

    @Test
    void aDirectoryGivenAsTheModelIsNamed() {
        Result r = run("predict", dir.toString(), "text");
        assertEquals(1, r.code());
        assertEquals("fenlei: error: " + dir + ": is a directory, not a model file\n", r.err());
    }

    @Test
    void weightAveragingIsStoredWithTheModel() throws IOException {
        Path model = dir.resolve("avg.fenlei");
        Result r = run("train", data().toString(), "--epochs", "4", "--average-epochs", "2", "-o", model.toString(),
                "-q");
        assertEquals(0, r.code(), r.err());
        Result info = run("info", model.toString());
        assertTrue(info.out().contains("averageEpochs=2"), info.out());
        assertEquals(2, info.out().split("\\(averaged\\)", -1).length - 1, info.out());
        assertFalse(info.out().contains("(kept)"), info.out());
    }

    @Test
    void fastTextModelTrainsWithItsDefaultsAndPredicts() throws IOException {
        Path model = dir.resolve("ft.fenlei");
        Result train = run("train", data().toString(), "--model", "fasttext", "--ngrams", "2", "--buckets", "5000",
                "--class-weights", "balanced", "-o", model.toString(), "-q");
        assertEquals(0, train.code(), train.err());
        Result info = run("info", model.toString());
        assertTrue(info.out().contains("network      fasttext: embedding 100, hidden 0"), info.out());
        // 320 training texts: 50 epochs at 0.5 instead of fastText's 5 at 0.1
        assertTrue(info.out().contains("epochs=50, batchSize=32, optimizer=hogwild, learningRate=0.5"), info.out());
        assertTrue(info.out().contains("buckets=5000"), info.out());
        // hashed word bigrams already pair adjacent Chinese characters
        assertTrue(info.out().contains("cjkBigrams=false, cjkCharacters=false, punctuation=false"), info.out());
        assertTrue(info.out().contains("classWeights=balanced"), info.out());
        Result predict = run("predict", model.toString(), "a brilliant superb film");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().startsWith("pos\t"), predict.out());
    }

    @Test
    void corruptModelIsRefusedAndNotOverwritten() throws IOException {
        Path model = dir.resolve("m.fenlei");
        assertEquals(0, run("train", data().toString(), "-o", model.toString(), "-q").code());
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        Result r = run("predict", model.toString(), "hello");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("checksum mismatch"), r.err());
        Result missing = run("info", dir.resolve("none.fenlei").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.fenlei: file not found"), missing.err());
    }

    @Test
    void multiLabelModelsPredictEveryLabelAboveTheThreshold() throws IOException {
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 120; i++) {
            sb.append(switch (i % 3) {
                case 0 -> "oil,crude barrel opec prices";
                case 1 -> "ship,vessel port cargo delayed";
                default -> "oil|ship,crude cargo vessel barrel";
            }).append('\n');
        }
        Path data = Files.writeString(dir.resolve("multi.csv"), sb);
        Path model = dir.resolve("multi.fenlei");
        Result train = run("train", data.toString(), "--task", "multilabel", "--model", "fasttext", "--dim", "8",
                "--lr", "0.5", "--epochs", "20", "--threads", "1", "-o", model.toString(), "-q");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("micro avg"), train.out());
        Result both = run("predict", model.toString(), "--threshold", "0.5", "vessel cargo with crude barrel");
        assertEquals(0, both.code(), both.err());
        assertTrue(both.out().matches("(oil\t[0-9.]+\tship|ship\t[0-9.]+\toil)\t[0-9.]+\n"), both.out());
        // without -t and -k a multi-label model answers with every label it assigns
        Result assigned = run("predict", model.toString(), "vessel cargo with crude barrel");
        assertEquals(both.out(), assigned.out());
        Result best = run("predict", model.toString(), "-k", "1", "vessel cargo with crude barrel");
        assertTrue(best.out().matches("(oil|ship)\t[0-9.]+\n"), best.out());
        Path tunedModel = dir.resolve("tuned.fenlei");
        Result tuned = run("train", data.toString(), "--task", "multilabel", "--model", "fasttext", "--dim", "8",
                "--lr", "0.5", "--epochs", "20", "--threads", "1", "--word-ngrams", "2", "--tune-thresholds",
                "-o", tunedModel.toString(), "-q");
        assertEquals(0, tuned.code(), tuned.err());
        assertTrue(tuned.out().contains("per-label thresholds") || tuned.out().contains("threshold 0."), tuned.out());
        Result tunedBoth = run("predict", tunedModel.toString(), "vessel cargo with crude barrel");
        assertTrue(tunedBoth.out().matches("(oil\t[0-9.]+\tship|ship\t[0-9.]+\toil)\t[0-9.]+\n"),
                tunedBoth.out());
        Result card = run("info", tunedModel.toString());
        assertTrue(card.out().matches("(?s).*thresholds   tuned per label: oil 0\\.[0-9]{3}, ship 0\\.[0-9]{3}\n.*"),
                card.out());
        Result single = run("train", data.toString(), "--tune-thresholds", "-o", tunedModel.toString(), "-q");
        assertEquals(1, single.code());
        assertTrue(single.err().contains("tuned thresholds are for multi-label models"), single.err());
        Result bad = run("predict", model.toString(), "--threshold", "2", "crude");
        assertTrue(bad.code() != 0, bad.err());
        assertTrue(bad.err().contains("--threshold must be in [0, 1], was 2.0"), bad.err());
        Result task = run("train", data.toString(), "--task", "ranking", "-o", model.toString(), "-q");
        assertTrue(task.err().contains("--task must be classification, regression or multilabel"), task.err());
    }

    @Test
    void quantizeWritesASmallerModelAndEvaluatesIt() throws IOException {
        // thousands of distinct words and bigrams: the codebook (256 centroids per position) is worth it
        java.util.Random random = new java.util.Random(4);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 2000; i++) {
            sb.append(i % 2 == 0 ? "pos,great" : "neg,awful");
            for (int j = 0; j < 8; j++) {
                sb.append(" w").append(random.nextInt(5000));
            }
            sb.append('\n');
        }
        Path data = Files.writeString(dir.resolve("many.csv"), sb);
        Path model = dir.resolve("ft.fenlei");
        assertEquals(0, run("train", data.toString(), "--model", "fasttext", "--ngrams", "2", "--buckets", "50000",
                "--dim", "10", "-o", model.toString(), "-q").code());
        Path small = dir.resolve("ft.small.fenlei");
        Result q = run("quantize", model.toString(), "-o", small.toString(), "--cutoff", "1000", "--test",
                data.toString());
        assertEquals(0, q.code(), q.err());
        assertTrue(q.out().contains("score on"), q.out());
        assertTrue(Files.size(small) < Files.size(model), Files.size(small) + " vs " + Files.size(model));
        assertTrue(Files.size(small) < Files.size(model) / 4, Files.size(small) + " vs " + Files.size(model));
        Result predict = run("predict", small.toString(), "great w1 w2");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().startsWith("pos\t"), predict.out());
        assertTrue(run("info", small.toString()).out().contains("embedding product-quantised"));
        Result bad = run("quantize", model.toString(), "-o", small.toString(), "--dsub", "500");
        assertTrue(bad.err().contains("dsub must be in 1..10"), bad.err());
    }

    @Test
    void autotuneReportsItsTrialsAndTrainsWithTheBest() throws IOException {
        Path model = dir.resolve("auto.fenlei");
        Path json = dir.resolve("auto.json");
        Result r = run("train", data().toString(), "--model", "fasttext", "--autotune", "--autotune-duration", "1",
                "--threads", "1", "-o", model.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("trial 1: lr 0.1000, dim 100, epochs 5, word n-grams 1 -> "), r.err());
        assertTrue(r.out().contains("autotune: "), r.out());
        assertTrue(Files.readString(json).contains("\"trials\""));
        Result origin = run("train", data().toString(), "--autotune", "-o", model.toString(), "-q");
        assertTrue(origin.err().contains("--autotune searches fastText-class models"), origin.err());
    }

    @Test
    void sequenceModelsTrainShowAndPredictAndRefuseNgrams() throws IOException {
        for (String architecture : List.of("cnn", "bilstm", "gru", "transformer")) {
            Path model = dir.resolve(architecture + ".fenlei");
            Result train = run("train", data().toString(), "--model", architecture, "--dim", "16", "--hidden", "8",
                    "--epochs", "3", "--threads", "1", "-o", model.toString(), "-q");
            assertEquals(0, train.code(), train.err());
            Result info = run("info", model.toString());
            assertTrue(info.out().contains("network      " + architecture + ": embedding 16, hidden 8"), info.out());
            Result predict = run("predict", model.toString(), "a brilliant superb film");
            assertEquals(0, predict.code(), predict.err());
            Result ngrams = run("train", data().toString(), "--model", architecture, "--ngrams", "2", "-o",
                    model.toString());
            assertEquals(2, ngrams.code());
            assertTrue(ngrams.err().contains("--model " + architecture + " reads the tokens in order: it takes no "
                    + "--ngrams or --maxn"), ngrams.err());
        }
        Result info = run("info", dir.resolve("bilstm.fenlei").toString());
        assertTrue(info.out().contains("clipNorm=5.0"), info.out());
        Result transformer = run("info", dir.resolve("transformer.fenlei").toString());
        assertTrue(transformer.out().contains("learningRate=5.0E-4")
                && transformer.out().contains("kind=linear, warmup=0.1"), transformer.out());
    }

    @Test
    void trainingWritesCheckpointsAndContinuesFromOne() throws IOException {
        Path dirOfCheckpoints = dir.resolve("ck");
        Path model = dir.resolve("ft.fenlei");
        Result first = run("train", data().toString(), "--model", "fasttext", "--epochs", "2", "--checkpoints",
                dirOfCheckpoints.toString(), "-o", model.toString(), "-q");
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(dirOfCheckpoints.resolve("epoch-2.fenlei")));
        Path more = dir.resolve("more.fenlei");
        Result resumed = run("train", data().toString(), "--resume", dirOfCheckpoints.resolve("epoch-2.fenlei")
                .toString(), "--epochs", "1", "-o", more.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        Result info = run("info", more.toString());
        assertTrue(info.out().contains("optimizer=hogwild"), "the resumed model's kind brings its defaults: "
                + info.out());
    }
}
