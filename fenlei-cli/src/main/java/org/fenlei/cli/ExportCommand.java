package org.fenlei.cli;

import org.fenlei.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code fenlei export}: a model as an ONNX graph and the JSON a caller tokenises with. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a model (origin, fasttext, linear, cnn, encoder) as an ONNX graph for ONNX Runtime or "
                + "Triton: inputs ids (int64 [N], every text's token ids one after another) and offsets (int64 [B], "
                + "where each text starts), or for a fine-tuned encoder input_ids and attention_mask (int64 [B, T]); "
                + "output probabilities [B, K]. A JSON file beside it holds the labels, the vocabulary and the text "
                + "settings, to make the ids as Fenlei does.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Fenlei model file.")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The ONNX file to write.")
    Path output;

    @Option(names = "--json", paramLabel = "FILE", description = "The tokenisation file. Default: the ONNX file's "
            + "name with .json.")
    Path json;

    @Override
    public Integer call() throws Exception {
        String name = output.getFileName().toString();
        Path sidecar = json != null ? json : output.resolveSibling((name.endsWith(".onnx")
                ? name.substring(0, name.length() - 5) : name) + ".json");
        if (sidecar.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            Main.options(spec, () -> {
                throw new IllegalArgumentException("--json must name another file than --output");
            });
        }
        OnnxExport.write(model, output, sidecar);
        spec.commandLine().getOut().println("wrote " + output + " and " + sidecar);
        return 0;
    }
}
