package org.fenlei;

import org.fenlei.model.TeacherInfo;
import org.fenlei.nn.DistillationLoss;
import org.fenlei.train.TrainingConfig;
import org.fenlei.train.TrainingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A student learns from a teacher's logits, names it in its provenance, and a second student reuses its labels. */
class DistillationTest {
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

    private Path teacher(Path train, Path test) throws IOException {
        TextClassifier teacher = TextClassifier.builder().model("origin")
                .training(TrainingConfig.defaults().withEpochs(10).withThreads(1)).train(train, test);
        Path file = dir.resolve("teacher.fenlei");
        teacher.save(file);
        return file;
    }

    @Test
    void aStudentLearnsFromTheTeacherAloneAndRecordsIt() throws IOException {
        Path train = SyntheticData.write(dir.resolve("train.csv"), 600, 3, 1);
        Path test = SyntheticData.write(dir.resolve("test.csv"), 300, 3, 2);
        Path teacherFile = teacher(train, test);
        List<String> unlabeled = List.of("great wonderful film", "awful boring waste", "goal match league");
        for (String kind : List.of(DistillationLoss.SOFT, DistillationLoss.MSE)) {
            List<String> messages = new ArrayList<>();
            List<Long> progress = new ArrayList<>();
            TextClassifier student = TextClassifier.builder().model("fasttext")
                    .distillation(new Distillation(teacherFile, unlabeled, 0, kind, 0, 2, false))
                    .listener(new TrainingListener() {
                        @Override
                        public void onChoice(String description) {
                            messages.add(description);
                        }

                        @Override
                        public void onWork(String task, long done, long total) {
                            progress.add(done);
                        }
                    })
                    .train(train, test);
            double accuracy = student.provenance().metrics().classification().accuracy();
            assertTrue(accuracy >= 0.9, kind + ": accuracy " + accuracy);
            TeacherInfo info = student.provenance().teacher();
            assertNotNull(info);
            assertEquals("teacher.fenlei", info.file());
            assertEquals(kind, info.loss());
            assertEquals(3, info.transferTexts());
            assertTrue(info.network().startsWith("origin"), info.network());
            // the first student has the teacher label 600 + 3 texts; the second finds them all in the cache
            String labelling = messages.stream().filter(m -> m.contains("labelling")).findFirst().orElseThrow();
            assertTrue(labelling.contains(kind.equals(DistillationLoss.SOFT) ? "labelling 603 texts (0 from"
                    : "labelling 0 texts (603 from"), labelling);
            assertEquals(kind.equals(DistillationLoss.SOFT) ? List.of(0L, 603L) : List.of(), progress);
        }
    }

    @Test
    void aLinearStudentFitsTheTeachersLogits() throws IOException {
        Path train = SyntheticData.write(dir.resolve("train.csv"), 600, 3, 1);
        Path test = SyntheticData.write(dir.resolve("test.csv"), 300, 3, 2);
        Path teacherFile = teacher(train, test);
        TextClassifier teacher = TextClassifier.load(teacherFile);
        TextClassifier student = TextClassifier.builder().model("linear")
                .distillation(new Distillation(teacherFile, List.of(), 2, "mse", 0, 1, false)).train(train, test);
        double accuracy = student.provenance().metrics().classification().accuracy();
        assertTrue(accuracy >= 0.9, "accuracy " + accuracy);
        assertEquals("linear: tfidf-svm, C 1.0", student.card().network());
        assertEquals(1200, student.provenance().teacher().transferTexts());
        // the student's scores follow the teacher's: the same best label on nearly every test text
        int same = 0;
        List<String> texts = new ArrayList<>();
        org.fenlei.data.DatasetReader.forEach(test, org.fenlei.data.ReadOptions.labeled(), r -> texts.add(r.text()));
        for (String text : texts) {
            same += teacher.predict(text).label().equals(student.predict(text).label()) ? 1 : 0;
        }
        assertTrue(same >= 0.95 * texts.size(), same + " of " + texts.size());
    }

    @Test
    void aTeacherOfOtherLabelsOrALinearStudentOfSoftTargetsIsRefused() throws IOException {
        Path train = SyntheticData.write(dir.resolve("train.csv"), 300, 3, 1);
        Path teacherFile = teacher(train, null);
        Path two = SyntheticData.write(dir.resolve("two.csv"), 300, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextClassifier.builder()
                .model("fasttext").distillation(new Distillation(teacherFile, List.of(), 0, "mse", 0, 1, false))
                .train(two));
        assertTrue(e.getMessage().contains("the teacher's labels [neg, pos, sport] (multiclass) are not the data's "
                + "[neg, pos] (binary)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TextClassifier.builder().model("linear")
                .distillation(new Distillation(teacherFile, List.of(), 0, "soft", 0, 1, false)).train(train));
        assertTrue(e.getMessage().contains("a linear student fits the teacher's logits alone by least squares"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TextClassifier.builder().model("linear")
                .distillation(new Distillation(teacherFile, List.of(), 0, "mse", 0.5, 1, false)).train(train));
        assertTrue(e.getMessage().contains("use the mse loss and alpha 0"), e.getMessage());
    }
}
