package org.fenlei.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.fenlei.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fenlei distill: a student from a teacher file, named in info; the distillation options' bad usage. */
class DistillCliTest {
    @TempDir
    Path dir;

    @BeforeEach
    void cacheHere() {
        System.setProperty("fenlei.cache", dir.resolve("cache").toString());
    }

    @AfterEach
    void cacheBack() {
        System.clearProperty("fenlei.cache");
    }

    private Path data() throws IOException {
        String[][] words = {{"great", "superb", "loved", "brilliant"}, {"awful", "boring", "hated", "dull"}};
        java.util.Random random = new java.util.Random(1);
        StringBuilder sb = new StringBuilder("label,text\n");
        for (int i = 0; i < 400; i++) {
            int c = i % 2;
            sb.append(c == 0 ? "pos" : "neg").append(",the film was ").append(words[c][random.nextInt(4)])
                    .append(" and ").append(words[c][random.nextInt(4)]).append('\n');
        }
        return Files.writeString(dir.resolve("train.csv"), sb);
    }

    @Test
    void distilsAStudentThatNamesItsTeacher() throws IOException {
        String data = data().toString();
        Path teacher = dir.resolve("teacher.fenlei");
        assertEquals(0, run("train", data, "-q", "-o", teacher.toString()).code());
        Path unlabeled = Files.writeString(dir.resolve("more.csv"), "text\nsuperb film\nboring film\n");
        Path student = dir.resolve("student.fenlei");
        CliTest.Result r = run("distill", teacher.toString(), data, "--student", "fasttext", "--augment", "2",
                "--unlabeled", unlabeled.toString(), "--alpha", "0.5", "-o", student.toString());
        assertEquals(0, r.code(), r.err());
        // 320 training rows (a fifth held out), 640 copies of them (none of the held-out rows), 2 unlabeled
        assertTrue(r.err().contains("teacher teacher.fenlei: labelling 962 texts"), r.err());
        CliTest.Result info = run("info", student.toString());
        assertTrue(info.out().contains("teacher      teacher.fenlei (sha256 "), info.out());
        assertTrue(info.out().contains("soft loss, alpha 0.5, temperature 2.0, 642 transfer texts"), info.out());
        assertTrue(run("predict", student.toString(), "a superb film").out().startsWith("pos"));
    }

    @Test
    void trainingThatDivergesSavesNothingAndSaysWhatToDo() throws IOException {
        Path model = dir.resolve("never.fenlei");
        CliTest.Result r = run("train", data().toString(), "--model", "fasttext", "--lr", "1e30", "-q", "-o",
                model.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("training diverged: "), r.err());
        assertTrue(r.err().contains("train again with a smaller --lr"), r.err());
        assertTrue(!Files.exists(model));
    }

    @Test
    void distillationOptionsNeedATeacher() throws IOException {
        String data = data().toString();
        CliTest.Result alpha = run("train", data, "--alpha", "0.5", "-q");
        assertEquals(2, alpha.code());
        assertTrue(alpha.err().contains("are for distillation: add --teacher MODEL"), alpha.err());
        CliTest.Result missing = run("distill", dir.resolve("none.fenlei").toString(), data, "-q");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.fenlei: no such model file"), missing.err());
        Path teacher = dir.resolve("t.fenlei");
        assertEquals(0, run("train", data, "-q", "-o", teacher.toString()).code());
        CliTest.Result loss = run("distill", teacher.toString(), data, "--distill-loss", "kl", "-q");
        assertEquals(2, loss.code());
        assertTrue(loss.err().contains("the distillation loss must be soft or mse, was kl"), loss.err());
        CliTest.Result runtime = run("train", data, "--teacher-runtime", "onnx", "-q");
        assertEquals(2, runtime.code());
        assertTrue(runtime.err().contains("--teacher-runtime are for distillation: add --teacher MODEL"),
                runtime.err());
        CliTest.Result bag = run("distill", teacher.toString(), data, "--teacher-runtime", "onnx", "-q");
        assertEquals(2, bag.code(), bag.err());
        assertTrue(bag.err().contains("--teacher-runtime onnx: ONNX Runtime runs fine-tuned encoder models only "
                + "(trained with --encoder); " + teacher + " is an origin model"), bag.err());
        CliTest.Result linear = run("distill", teacher.toString(), data, "--student", "linear", "--distill-loss",
                "soft", "-q", "-o", dir.resolve("l.fenlei").toString());
        assertEquals(2, linear.code(), linear.err());
        assertTrue(linear.err().contains("a linear student fits the teacher's logits alone by least squares (its "
                + "solver takes no soft targets): --distill-loss mse (its default) and --alpha 0"), linear.err());
        Path student = dir.resolve("linear.fenlei");
        CliTest.Result fitted = run("distill", teacher.toString(), data, "--student", "linear", "--augment", "2",
                "-o", student.toString());
        assertEquals(0, fitted.code(), fitted.err());
        assertTrue(run("info", student.toString()).out().contains("mse loss, alpha 0.0"), fitted.out());
        assertTrue(run("predict", student.toString(), "the film was superb").out().startsWith("pos"));
    }
}
