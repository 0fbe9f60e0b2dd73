package org.fenlei.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fenlei.train.EpochStats;
import org.fenlei.train.TrainingListener;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training progress: on a terminal a progress bar per epoch with rate and ETA; otherwise (logs, CI) one
 * plain line per epoch.
 */
final class ProgressReporter implements TrainingListener {
    private final PrintWriter err;
    private final boolean terminal;
    private int epochs;
    private ProgressBar bar;

    ProgressReporter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches) {
        this.epochs = epochs;
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches)
                    .setUnit(" batches", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true)))
                    .build();
        }
    }

    @Override
    public void onBatch(int epoch, int batch, double runningLoss) {
        if (bar != null) {
            bar.stepTo(batch);
            if (batch % 50 == 0) {
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", runningLoss));
            }
        }
    }

    /** On a terminal, a bar with rate and ETA for the work; elsewhere the messages before and after it suffice. */
    @Override
    public void onWork(String task, long done, long total) {
        if (!terminal) {
            return;
        }
        if (done == 0) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" texts", 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build();
        } else if (bar != null) {
            bar.stepTo(done);
        }
        if (done == total && bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void onChoice(String description) {
        err.println(description);
        err.flush();
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", s.epoch(), epochs));
        if (!Double.isNaN(s.trainLoss())) {
            line.append(String.format(Locale.ROOT, "  loss %.4f", s.trainLoss()));
        }
        if (!Double.isNaN(s.trainAccuracy())) {
            line.append(String.format(Locale.ROOT, "  acc %.4f", s.trainAccuracy()));
        }
        if (!Double.isNaN(s.validationLoss())) {
            line.append(String.format(Locale.ROOT, "  val_loss %.4f", s.validationLoss()));
        }
        if (!Double.isNaN(s.validationAccuracy())) {
            line.append(String.format(Locale.ROOT, "  val_acc %.4f", s.validationAccuracy()));
        }
        line.append(String.format(Locale.ROOT, "  %.2fs  %s", s.seconds(),
                rate(s.tokens() / Math.max(1e-9, s.seconds()))));
        err.println(line);
        err.flush();
    }

    /** Tokens per second in millions, or in thousands below a million (an encoder's rate). */
    static String rate(double tokensPerSecond) {
        return tokensPerSecond >= 1e6 ? String.format(Locale.ROOT, "%.2fM tokens/s", tokensPerSecond / 1e6)
                : String.format(Locale.ROOT, "%.1fk tokens/s", tokensPerSecond / 1e3);
    }
}
