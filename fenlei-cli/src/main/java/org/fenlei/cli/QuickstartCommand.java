package org.fenlei.cli;

import org.fenlei.Prediction;
import org.fenlei.TextClassifier;
import org.fenlei.data.ReadOptions;
import org.fenlei.eval.Evaluation;
import org.fenlei.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fenlei quickstart}: the whole job on a public dataset, in one command. */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the origin model on a public dataset (IMDb reviews by default), evaluate it on the "
                + "official test set and classify a few sentences. Reads the data from --data-dir or "
                + "$FENLEI_DATA when given, else downloads it once into a cache folder.")
final class QuickstartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "imdb", description = "imdb or trec. Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--data-dir", description = "Folder holding <dataset>/train.csv and test.csv. "
            + "Default: $FENLEI_DATA, else the cache.")
    Path dataDir;

    @Option(names = "--cache-dir", description = "Where downloads go. Default: $XDG_CACHE_HOME/fenlei or "
            + "~/.cache/fenlei.")
    Path cacheDir;

    @Option(names = "--download-url", hidden = true, description = "Alternative download address (tests, mirrors).")
    String downloadUrl;

    @Option(names = {"-o", "--output"}, description = "Model file. Default: quickstart-<dataset>.fenlei.")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = dataDirectory();
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        if (!Files.exists(train) || !Files.exists(test)) {
            if (dataDir != null || System.getenv("FENLEI_DATA") != null) {
                throw new IllegalArgumentException(dir + " has no train.csv and test.csv (header label,text): "
                        + "--data-dir and FENLEI_DATA name a folder with a sub-folder per dataset, " + dataset
                        + " here");
            }
            err.println("downloading " + dataset + " into " + dir + " (once) ...");
            err.flush();
            new DatasetDownloader().download(dataset, downloadUrl, dir);
        }
        err.println("training the origin model on " + train);
        err.flush();
        TextClassifier model = TextClassifier.builder()
                .listener(new ProgressReporter(err, System.console() != null))
                .testShare(0)
                .train(train, null);
        Path modelPath = output != null ? output : Path.of("quickstart-" + dataset + ".fenlei");
        model.save(modelPath);
        Evaluation evaluation = model.evaluate(test, ReadOptions.labeled());
        out.println();
        out.print(evaluation.render());
        out.println();
        for (String text : examples()) {
            Prediction p = model.predict(text);
            out.printf(Locale.ROOT, "%-60s -> %s (%.3f)%n", '"' + text + '"', p.label(), p.probability());
        }
        out.println();
        out.println("model written to " + modelPath + "; try: ./fenlei predict " + modelPath + " \"your text\"");
        return 0;
    }

    private List<String> examples() {
        if (dataset.equals("trec")) {
            return List.of("Who wrote the Origin of Species?", "How many moons does Mars have?",
                    "Where is the Great Barrier Reef?");
        }
        return List.of("A wonderful, moving film with a brilliant cast.",
                "Two hours of my life I will never get back. Awful.",
                "The plot was thin but the music was lovely.");
    }

    private Path dataDirectory() {
        if (dataDir != null) {
            return dataDir.resolve(dataset);
        }
        String env = System.getenv("FENLEI_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env).resolve(dataset);
        }
        if (cacheDir != null) {
            return cacheDir.resolve(dataset);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fenlei").resolve(dataset);
    }
}
