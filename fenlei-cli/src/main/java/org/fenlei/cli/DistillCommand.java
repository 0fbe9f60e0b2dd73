package org.fenlei.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fenlei distill TEACHER DATA --student KIND [train options]}: {@code fenlei train DATA --teacher TEACHER
 * --model KIND [train options]}, named as the task is.
 */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = "Train a fast student model from a teacher model (such as a fine-tuned encoder): "
                + "`fenlei train DATA --teacher TEACHER --model STUDENT`, with every option of train (--augment N "
                + "copies for the teacher to label, --unlabeled FILE, --alpha, --distill-loss, --temperature, "
                + "--teacher-runtime onnx, -o, "
                + "--test, and the student's own options).")
final class DistillCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEACHER", description = "The teacher model file.")
    String teacher;

    @Parameters(index = "1", paramLabel = "DATA", description = "Labeled training data.")
    String data;

    @Option(names = "--student", defaultValue = "fasttext", description = "The student's model kind: fasttext, "
            + "linear (TF-IDF support vector regression on the teacher's logits: mse, alpha 0), origin, cnn, bilstm, "
            + "gru or transformer. Default: ${DEFAULT-VALUE}.")
    String student;

    @Unmatched
    List<String> rest = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(List.of("train", data, "--teacher", teacher, "--model", student));
        args.addAll(rest);
        return Main.run(spec.commandLine().getOut(), spec.commandLine().getErr(), args.toArray(String[]::new));
    }
}
