package org.fenlei.cli;

import org.fenlei.TextClassifier;
import org.fenlei.data.DataException;
import org.fenlei.encoder.EncoderException;
import org.fenlei.model.ModelFormatException;
import org.fenlei.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** The {@code fenlei} command. Exit codes: 0 success, 1 failure (bad data, bad model file, I/O), 2 bad usage. */
@Command(name = "fenlei", mixinStandardHelpOptions = true, version = "fenlei " + TextClassifier.VERSION,
        description = "Train, evaluate and use neural text classifiers.",
        subcommands = {TrainCommand.class, DistillCommand.class, EvalCommand.class, PredictCommand.class,
                InfoCommand.class,
                QuantizeCommand.class, ExportCommand.class, ServeCommand.class, QuickstartCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int FAILURE = 1;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given streams and returns the exit code; never calls System.exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("fenlei: error: " + describe(e));
            return FAILURE;
        });
        cmd.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("fenlei: error: " + e.getMessage());
            command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cmd.execute(args);
    }

    /**
     * Runs the checks of option values that core makes (a config record's constructor, a builder's setter): what
     * they refuse is bad usage, exit code 2 with the reason, as picocli's own parse errors are.
     */
    static <T> T options(CommandSpec spec, OptionCheck<T> check) throws IOException {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Checks option values and returns what they make; may read a file (a model to resume). */
    @FunctionalInterface
    interface OptionCheck<T> {
        T get() throws IOException;
    }

    static String describe(Exception e) {
        if (e instanceof DataException || e instanceof ModelFormatException || e instanceof EncoderException
                || e instanceof TrainingDivergedException || e instanceof DownloadException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException nsf) {
            return nsf.getFile() + ": file not found";
        }
        if (e instanceof UncheckedIOException u) {
            return describe(u.getCause());
        }
        if (e instanceof IOException) {
            // a subclass's name says what went wrong (AccessDeniedException: PATH); a plain one's message says it all
            return e.getClass() == IOException.class ? e.getMessage() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.toString();
    }
}
