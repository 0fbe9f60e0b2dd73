package org.fenlei.cli;

import org.fenlei.Classifier;
import org.fenlei.onnxruntime.OnnxRuntimeEncoder;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --runtime}: what runs a model's network when it predicts; shared by predict, eval and serve. */
final class RuntimeMixin {
    static final String FENLEI = "fenlei";
    static final String ONNX = "onnx";

    @Option(names = "--runtime", defaultValue = FENLEI, paramLabel = "RUNTIME", description = "fenlei (Fenlei's "
            + "own kernels) or onnx: ONNX Runtime runs the model's graph, exported in memory (fine-tuned encoder "
            + "models only, where it is faster; see BENCHMARKS.md). Default: ${DEFAULT-VALUE}.")
    String runtime;

    /** Refuses an unknown runtime: a usage error. */
    void check(CommandSpec spec) throws IOException {
        Main.options(spec, () -> {
            requireKnown("--runtime", runtime);
            return null;
        });
    }

    /** Refuses a runtime other than fenlei and onnx given as {@code option}. */
    static void requireKnown(String option, String value) {
        if (!FENLEI.equals(value) && !ONNX.equals(value)) {
            throw new IllegalArgumentException(option + " must be fenlei or onnx, was " + value);
        }
    }

    /** The model file {@code path} on the chosen runtime; a model that cannot run on it is a usage error. */
    Classifier load(CommandSpec spec, Path path) throws IOException {
        check(spec);
        return Main.options(spec, () -> open(path));
    }

    /** The model file {@code path} on the chosen runtime, which {@link #check} accepted. */
    Classifier open(Path path) throws IOException {
        if (FENLEI.equals(runtime)) {
            return Classifier.load(path);
        }
        try {
            return OnnxRuntimeEncoder.load(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--runtime onnx: " + e.getMessage() + "; leave --runtime out", e);
        }
    }
}
