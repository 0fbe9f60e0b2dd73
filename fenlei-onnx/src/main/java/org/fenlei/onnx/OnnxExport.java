package org.fenlei.onnx;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.fenlei.TextClassifier;
import org.fenlei.model.AtomicFile;
import org.fenlei.model.EncoderShape;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.ModelContents;
import org.fenlei.model.ModelFile;
import org.fenlei.model.NetworkConfig;
import org.fenlei.model.Task;
import org.fenlei.onnx.OnnxGraph.Attribute;
import org.fenlei.train.TrainingConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Fenlei model as an ONNX graph (opset {@value #OPSET}) for ONNX Runtime, Triton or any ONNX runtime: from every
 * text's token ids, one text after another ({@code ids}, int64 [N]), and where each text starts
 * ({@code offsets}, int64 [B], as PyTorch's EmbeddingBag takes them) to {@code probabilities} [B, K] in label order
 * (for regression, {@code value} [B, 1]), through the model's fitted temperature. Beside it, a JSON file holds what
 * a caller needs to make the ids exactly as Fenlei does: the labels, the vocabulary (id = position), the text
 * features and cleaning, and how hashed n-grams are numbered. The origin, fastText-class, linear and cnn models
 * export; so do their multi-label and regression forms.
 */
public final class OnnxExport {
    public static final int OPSET = 17;
    /** An encoder's inputs, as Hugging Face's BERT graphs name them: WordPiece ids and 1 for a text's tokens. */
    public static final String INPUT_IDS = "input_ids";
    public static final String ATTENTION_MASK = "attention_mask";
    /** An encoder's second output: the network's raw outputs, before the temperature and the activation. */
    public static final String LOGITS = "logits";
    private static final Attribute[] NONE = new Attribute[0];
    /** An encoder's parameters: tokens, positions and their norm's two, then twelve per block, then the output. */
    private static final int ENCODER_FIRST_BLOCK = 4;
    private static final int ENCODER_BLOCK = 12;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final OnnxGraph g = new OnnxGraph("fenlei");
    private final ModelContents model;
    private final ModelConfig config;
    private String ends;

    private OnnxExport(ModelContents model) {
        this.model = model;
        this.config = model.config();
    }

    /** Writes the model file {@code source} as {@code onnx} and its tokenisation as {@code json}, atomically. */
    public static void write(Path source, Path onnx, Path json) throws IOException {
        ModelContents contents = ModelFile.read(source);
        byte[] graph = graph(contents).toByteArray();
        byte[] sidecar = JSON.writeValueAsBytes(sidecar(contents, onnx.getFileName().toString()));
        AtomicFile.write(onnx, graph);
        AtomicFile.write(json, sidecar);
    }

    /**
     * The graph of a model's contents.
     *
     * @throws IllegalArgumentException for a model kind or form that does not export, saying which
     */
    public static OnnxMl.ModelProto graph(ModelContents contents) {
        return new OnnxExport(contents).build();
    }

    private OnnxMl.ModelProto build() {
        String architecture = config.network().architecture();
        String loss = config.training().loss();
        if (TrainingConfig.HIERARCHICAL_SOFTMAX.equals(loss)) {
            throw new IllegalArgumentException("a model trained with the hierarchical softmax does not export to "
                    + "ONNX: its probabilities are products along a tree; train with softmax or ns");
        }
        for (ModelContents.Tensor t : model.weights()) {
            if (t.quantization() != null) {
                throw new IllegalArgumentException("a compressed model (fenlei quantize) does not export to ONNX: "
                        + "export the model before compressing it");
            }
        }
        boolean encoder = NetworkConfig.ENCODER.equals(architecture);
        if (encoder) {
            g.input(INPUT_IDS, OnnxGraph.INT64, "B", "T");
            g.input(ATTENTION_MASK, OnnxGraph.INT64, "B", "T");
        } else {
            g.input("ids", OnnxGraph.INT64, "N");
            g.input("offsets", OnnxGraph.INT64, "B");
        }
        String logits = switch (architecture) {
            case NetworkConfig.ORIGIN, NetworkConfig.FASTTEXT -> bag();
            case NetworkConfig.LINEAR -> linear();
            case NetworkConfig.CNN -> cnn();
            case NetworkConfig.ENCODER -> encoder();
            default -> throw new IllegalArgumentException("the " + architecture + " model does not export to ONNX "
                    + "yet; the origin, fasttext, linear, cnn and encoder models do");
        };
        String output = head(logits);
        int k = model.labels().size();
        if (encoder) {
            g.expose(logits, LOGITS);
            g.output(LOGITS, OnnxGraph.FLOAT, "B", config.task().outputs(k));
        }
        if (config.task() == Task.REGRESSION) {
            g.expose(output, "value");
            g.output("value", OnnxGraph.FLOAT, "B", 1);
        } else {
            g.expose(output, "probabilities");
            g.output("probabilities", OnnxGraph.FLOAT, "B", k);
        }
        return g.model(OPSET, TextClassifier.VERSION, "Fenlei " + architecture + " model, "
                + config.task().name().toLowerCase(java.util.Locale.ROOT) + "; labels in the JSON file beside it");
    }

    // --- shared pieces -------------------------------------------------------------------------------------

    private String scalar(String name, long value) {
        return g.longs(name, new long[] {value});
    }

    private String vector(String name, long... values) {
        return g.longs(name, values, values.length);
    }

    private String tensor(int index) {
        ModelContents.Tensor t = model.weights().get(index);
        return weight("w", index, t.rows(), t.cols());
    }

    /** The model's weight {@code index} as a constant of shape {@code dims}, named after it. */
    private String weight(String prefix, int index, long... dims) {
        ModelContents.Tensor t = model.weights().get(index);
        return g.floats(prefix + index + "_" + t.name().replaceAll("[^A-Za-z0-9_.]", "_"), t.denseValues(), dims);
    }

    /** The rows of the first table for {@code ids}: a Gather. */
    private String tableRows(String ids) {
        ModelContents.Tensor t = model.weights().get(0);
        return rows(ids, "table", t.values(), t.cols(), t.rowIds(), t.rows());
    }

    /**
     * Rows of a table for {@code ids}. A table stored by its non-zero rows only ({@code rowIds}: hashed n-gram
     * buckets that no text filled) stays that way, with a zero row after them and an int64 map from full row id to
     * stored row in front, instead of millions of zero rows.
     */
    private String rows(String ids, String name, float[] values, int cols, int[] rowIds, int rows) {
        if (rowIds == null) {
            return g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, g.floats(name, values, rows, cols),
                    ids);
        }
        int stored = rowIds.length;
        long[] map = new long[rows];
        java.util.Arrays.fill(map, stored);
        for (int r = 0; r < stored; r++) {
            map[rowIds[r]] = r;
        }
        String table = g.floats(name, java.util.Arrays.copyOf(values, (stored + 1) * cols), stored + 1, cols);
        String mapped = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, g.longs(name + "_row_map", map,
                map.length), ids);
        return g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, table, mapped);
    }

    /** Each text's end: the next text's offset, N for the last; made once. */
    private String ends() {
        if (ends != null) {
            return ends;
        }
        String tail = g.node("Slice", "offsets", vector("one_1", 1), vector("max_1", Long.MAX_VALUE),
                vector("axis0_1", 0));
        ends = g.node("Concat", new Attribute[] {Attribute.of("axis", 0L)}, tail, g.node("Shape", "ids"));
        return ends;
    }

    private String lengths() {
        return g.node("Sub", ends(), "offsets");
    }

    /**
     * For each token, the index of its text: at every later text's start the number of texts starting there (an
     * empty text starts where the next does), summed. The starts are made distinct (Unique) before they are
     * scattered: ONNX Runtime runs a scatter with reduction on several threads without atomic adds, and loses sums.
     */
    private String segments() {
        String n = g.node("Shape", "ids");
        String tail = g.node("Slice", "offsets", vector("one_2", 1), vector("max_2", Long.MAX_VALUE),
                vector("axis0_2", 0));
        // N, one slot past the tokens, keeps the list from being empty
        String[] starts = g.nodes("Unique", 4, new Attribute[] {Attribute.of("sorted", 1L)},
                g.node("Concat", new Attribute[] {Attribute.of("axis", 0L)}, tail, n));
        String zeros = g.node("ConstantOfShape", new Attribute[] {Attribute.fill("value", OnnxGraph.INT64, 0)},
                g.node("Add", n, vector("one_3", 1)));
        String marks = g.node("ScatterElements", new Attribute[] {Attribute.of("axis", 0L)}, zeros, starts[0],
                starts[3]);
        String sums = g.node("CumSum", marks, scalar("axis0_scalar", 0));
        return g.node("Slice", sums, vector("zero_1", 0), n, vector("axis0_3", 0));
    }

    /**
     * Sums the rows of {@code values} [N, width] (one per token) over each text: differences of the running sum at
     * the texts' ends and starts, in double precision so that a batch's long running sum costs no float digits.
     * (A scatter-add is not safe in ONNX Runtime: see {@link #segments}.)
     */
    private String sumByText(String values, long width) {
        String running = g.node("CumSum", g.node("Cast", new Attribute[] {Attribute.of("to",
                (long) OnnxGraph.DOUBLE)}, values), scalar("axis0_sum", 0));
        String zero = g.node("ConstantOfShape", new Attribute[] {Attribute.fill("value", OnnxGraph.DOUBLE, 0)},
                vector("row_" + width + "_" + running, 1, width));
        String padded = g.node("Concat", new Attribute[] {Attribute.of("axis", 0L)}, zero, running);
        String atEnds = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, padded, ends());
        String atStarts = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, padded, "offsets");
        return g.node("Cast", new Attribute[] {Attribute.of("to", (long) OnnxGraph.FLOAT)},
                g.node("Sub", atEnds, atStarts));
    }

    /** Dense(in -> out) of a [out, in] weight and its bias: Gemm with the weight transposed. */
    private String dense(String x, int weight) {
        return g.node("Gemm", new Attribute[] {Attribute.of("transB", 1L)}, x, tensor(weight), flat(weight + 1));
    }

    private String flat(int index) {
        ModelContents.Tensor t = model.weights().get(index);
        return weight("b", index, (long) t.rows() * t.cols());
    }

    /** The temperature and the activation of the model's loss. */
    private String head(String logits) {
        String z = config.temperature() == null ? logits
                : g.node("Div", logits, g.floats("temperature", new float[] {config.temperature().floatValue()}));
        return switch (config.task()) {
            case REGRESSION -> z;
            case MULTILABEL -> g.node("Sigmoid", z);
            case BINARY -> {
                String p1 = g.node("Sigmoid", z);
                String p0 = g.node("Sub", g.floats("one_f", new float[] {1f}), p1);
                yield g.node("Concat", new Attribute[] {Attribute.of("axis", 1L)}, p0, p1);
            }
            case MULTICLASS -> TrainingConfig.NEGATIVE_SAMPLING.equals(config.training().loss())
                    ? g.node("Sigmoid", z) : g.node("Softmax", new Attribute[] {Attribute.of("axis", 1L)}, z);
        };
    }

    // --- the networks ----------------------------------------------------------------------------------------

    /**
     * Origin and fastText-class: the mean of the texts' rows (zeros for an empty text), a hidden ReLU layer if any.
     * Without one, and with at most half as many outputs as dimensions, each row is folded through the output layer
     * first (as Fenlei predicts: {@code FoldedBag}), so the graph sums K values per token instead of D.
     */
    private String bag() {
        ModelContents.Tensor table = model.weights().get(0);
        int dim = table.cols();
        String counts = g.node("Max", g.node("Cast", new Attribute[] {Attribute.of("to", (long) OnnxGraph.FLOAT)},
                lengths()), g.floats("one_count", new float[] {1f}));
        String divisor = g.node("Unsqueeze", counts, vector("axes_2", 1));
        if (model.weights().size() == 5) {
            String pooled = g.node("Div", sumByText(tableRows("ids"), dim), divisor);
            return dense(g.node("Relu", dense(pooled, 1)), 3);
        }
        ModelContents.Tensor output = model.weights().get(1);
        int k = output.rows();
        if (2 * k > dim) {
            return dense(g.node("Div", sumByText(tableRows("ids"), dim), divisor), 1);
        }
        float[] rows = table.values();
        float[] w = output.denseValues();
        int stored = table.storedRows();
        float[] folded = new float[stored * k];
        for (int r = 0; r < stored; r++) {
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int c = 0; c < dim; c++) {
                    sum += (double) rows[r * dim + c] * w[j * dim + c];
                }
                folded[r * k + j] = (float) sum;
            }
        }
        String sums = sumByText(rows("ids", "table_folded", folded, k, table.rowIds(), table.rows()), k);
        return g.node("Add", g.node("Div", sums, divisor), flat(2));
    }

    /**
     * The sparse linear model, token by token: each token's (text, feature) pair counted (Unique), x = scale *
     * h(tf), and each of the pair's tf tokens carries x / tf of it, so that the sums over a text's tokens are the
     * sums over its distinct features: the logits sum x / tf * W, the squared norm x^2 / tf.
     */
    private String linear() {
        ModelContents.Tensor weight = model.weights().get(0);
        float[] transform = model.weights().get(3).denseValues();
        int k = weight.cols();
        String keys = g.node("Add", g.node("Mul", segments(), scalar("features", weight.rows())), "ids");
        String[] unique = g.nodes("Unique", 4, new Attribute[] {Attribute.of("sorted", 1L)}, keys);
        String tf = g.node("Cast", new Attribute[] {Attribute.of("to", (long) OnnxGraph.FLOAT)},
                g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, unique[3], unique[2]));
        String x = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, flat(2), "ids");
        if (transform[0] != 0) {
            x = g.node("Mul", x, g.node("Add", g.floats("one_tf", new float[] {1f}), g.node("Log", tf)));
        }
        String share = g.node("Div", x, tf);
        String terms = g.node("Mul", tableRows("ids"), g.node("Unsqueeze", share, vector("axes_4", 1)));
        String logits = sumByText(terms, k);
        if (transform[1] != 0) {
            String squares = g.node("Unsqueeze", g.node("Mul", share, x), vector("axes_3", 1));
            String norms = g.node("Sqrt", sumByText(squares, 1));
            String safe = g.node("Where", g.node("Greater", norms, g.floats("zero_f", new float[] {0f})), norms,
                    g.floats("one_norm", new float[] {1f}));
            logits = g.node("Div", logits, safe);
        }
        return g.node("Add", logits, flat(1));
    }

    /**
     * Kim's CNN: the texts padded to the longest with a zero row, each width a Conv with width - 1 zeros both
     * sides, ReLU, the windows that reach the text (the others would see only padding) max-pooled, the maps
     * concatenated into the output layer.
     */
    private String cnn() {
        ModelContents.Tensor table = model.weights().get(0);
        int dim = table.cols();
        int rows = table.rows();
        float[] padded = java.util.Arrays.copyOf(table.denseValues(), (rows + 1) * dim);
        String tableX = g.floats("table_padded", padded, rows + 1, dim);
        // the CNN's table has a row per vocabulary word, no hashed buckets: dense, with a zero row added
        String lengths = lengths();
        String longest = g.node("ReduceMax", new Attribute[] {Attribute.of("keepdims", 0L)}, lengths);
        String positions = g.node("Range", scalar("zero_s", 0), longest, scalar("one_s", 1));
        String index = g.node("Add", g.node("Unsqueeze", "offsets", vector("axes_5", 1)),
                g.node("Unsqueeze", positions, vector("axes_6", 0)));
        String valid = g.node("Less", g.node("Unsqueeze", positions, vector("axes_7", 0)),
                g.node("Unsqueeze", lengths, vector("axes_8", 1)));
        // a sentinel id past the ids, and past the table a zero row: padding
        String idsX = g.node("Concat", new Attribute[] {Attribute.of("axis", 0L)}, "ids", vector("pad_id", rows));
        String sentinel = g.node("Shape", "ids");
        String tokens = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, idsX,
                g.node("Where", valid, index, g.node("Reshape", sentinel, vector("shape_scalar", new long[0]))));
        String embedded = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, tableX, tokens);
        String x = g.node("Transpose", new Attribute[] {Attribute.of("perm", 0L, 2L, 1L)}, embedded);
        List<String> maps = new ArrayList<>();
        int output = model.weights().size() - 2;
        for (int i = 1; i < output; i += 2) {
            ModelContents.Tensor w = model.weights().get(i);
            int filters = w.rows();
            int width = w.cols() / dim;
            float[] src = w.denseValues();
            float[] kernel = new float[src.length];
            for (int f = 0; f < filters; f++) {
                for (int c = 0; c < dim; c++) {
                    for (int j = 0; j < width; j++) {
                        kernel[(f * dim + c) * width + j] = src[f * width * dim + j * dim + c];
                    }
                }
            }
            String conv = g.node("Conv", new Attribute[] {Attribute.of("pads", (long) width - 1, (long) width - 1)},
                    x, g.floats("kernel" + i, kernel, filters, dim, width), flat(i + 1));
            String relu = g.node("Relu", conv);
            String windows = g.node("Range", scalar("zero_w" + i, 0), g.node("Add", longest,
                    scalar("grow" + i, width - 1)), scalar("one_w" + i, 1));
            String reach = g.node("LessOrEqual", g.node("Unsqueeze", windows, vector("axes_w" + i, 0)),
                    g.node("Unsqueeze", g.node("Add", lengths, scalar("reach" + i, width - 2)),
                            vector("axes_l" + i, 1)));
            String mask = g.node("Unsqueeze", g.node("Cast", new Attribute[] {Attribute.of("to",
                    (long) OnnxGraph.FLOAT)}, reach), vector("axes_m" + i, 1));
            maps.add(g.node("ReduceMax", new Attribute[] {Attribute.of("axes", new long[] {2L}),
                    Attribute.of("keepdims", 0L)}, g.node("Mul", relu, mask)));
        }
        String pooled = g.node("Concat", new Attribute[] {Attribute.of("axis", 1L)}, maps.toArray(new String[0]));
        return dense(pooled, output);
    }

    /**
     * A fine-tuned BERT-family encoder ({@code TransformerNetwork}'s parameter order) on padded texts: token plus
     * position embeddings, LayerNorm, post-LayerNorm blocks whose attention leaves out the padding (a bias of -1e9
     * before the softmax), erf GELU in Hugging Face's form (ONNX Runtime fuses it), then the mean over each text's
     * tokens or its first token ([CLS]) into the output layer.
     */
    private String encoder() {
        EncoderShape shape = config.network().encoder();
        if (shape.tokens() != 0) {
            throw new IllegalArgumentException("a fused model (an encoder beside word features) does not export to "
                    + "ONNX");
        }
        int dim = model.weights().get(0).cols();
        int heads = shape.heads();
        int headDim = dim / heads;
        int layers = shape.layers();
        String length = g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, g.node("Shape", INPUT_IDS),
                scalar("one_t", 1));
        String positions = g.node("Slice", tensor(1), vector("zero_p", 0),
                g.node("Unsqueeze", length, vector("axes_p", 0)), vector("axis0_p", 0));
        String x = layerNorm(g.node("Add", g.node("Gather", new Attribute[] {Attribute.of("axis", 0L)}, tensor(0),
                INPUT_IDS), positions), 2);
        String mask = g.node("Cast", new Attribute[] {Attribute.of("to", (long) OnnxGraph.FLOAT)}, ATTENTION_MASK);
        // (mask - 1) * 1e9 as [B, 1, 1, T]: added to every head's scores, it leaves padded keys out of the softmax
        String bias = g.node("Unsqueeze", g.node("Mul", g.node("Sub", mask, g.floats("one_m", new float[] {1f})),
                g.floats("big", new float[] {1e9f})), vector("axes_b", 1, 2));
        String split = vector("qkv_split", dim, dim, dim);
        String heads4 = vector("heads_shape", 0, 0, heads, headDim);
        String scale = g.floats("attention_scale", new float[] {(float) (1 / Math.sqrt(headDim))});
        for (int l = 0; l < layers; l++) {
            int w = ENCODER_FIRST_BLOCK + ENCODER_BLOCK * l;
            String[] qkv = g.nodes("Split", 3, new Attribute[] {Attribute.of("axis", 2L)}, linear3(x, w), split);
            String q = g.node("Transpose", new Attribute[] {Attribute.of("perm", 0L, 2L, 1L, 3L)},
                    g.node("Reshape", qkv[0], heads4));
            String kT = g.node("Transpose", new Attribute[] {Attribute.of("perm", 0L, 2L, 3L, 1L)},
                    g.node("Reshape", qkv[1], heads4));
            String v = g.node("Transpose", new Attribute[] {Attribute.of("perm", 0L, 2L, 1L, 3L)},
                    g.node("Reshape", qkv[2], heads4));
            String scores = g.node("Add", g.node("Mul", g.node("MatMul", q, kT), scale), bias);
            String context = g.node("Reshape", g.node("Transpose", new Attribute[] {Attribute.of("perm", 0L, 2L, 1L,
                    3L)}, g.node("MatMul", g.node("Softmax", new Attribute[] {Attribute.of("axis", -1L)}, scores), v)),
                    vector("width_shape", 0, 0, dim));
            String hidden = layerNorm(g.node("Add", linear3(context, w + 2), x), w + 4);
            String pre = linear3(hidden, w + 6);
            String gelu = g.node("Mul", g.node("Mul", pre, g.node("Add", g.node("Erf", g.node("Div", pre,
                    g.floats("sqrt2", new float[] {(float) Math.sqrt(2)}))), g.floats("one_g", new float[] {1f}))),
                    g.floats("half", new float[] {0.5f}));
            x = layerNorm(g.node("Add", linear3(gelu, w + 8), hidden), w + 10);
        }
        String pooled;
        if (EncoderShape.CLS.equals(shape.pooling())) {
            pooled = g.node("Gather", new Attribute[] {Attribute.of("axis", 1L)}, x, scalar("first", 0));
        } else {
            String sums = g.node("ReduceSum", new Attribute[] {Attribute.of("keepdims", 0L)},
                    g.node("Mul", x, g.node("Unsqueeze", mask, vector("axes_x", 2))), vector("axes_t", 1));
            String counts = g.node("Max", g.node("ReduceSum", new Attribute[] {Attribute.of("keepdims", 1L)}, mask,
                    vector("axes_t", 1)), g.floats("one_count", new float[] {1f}));
            pooled = g.node("Div", sums, counts);
        }
        return dense(pooled, ENCODER_FIRST_BLOCK + ENCODER_BLOCK * layers);
    }

    /** x [B, T, in] times weight {@code w} (in, out) plus bias {@code w + 1}. */
    private String linear3(String x, int w) {
        return g.node("Add", g.node("MatMul", x, tensor(w)), flat(w + 1));
    }

    /** LayerNorm over the last axis with gain {@code w} and bias {@code w + 1}, BERT's epsilon. */
    private String layerNorm(String x, int w) {
        return g.node("LayerNormalization", new Attribute[] {Attribute.of("axis", -1L),
                Attribute.of("epsilon", 1e-12f)}, x, flat(w), flat(w + 1));
    }

    /** What a caller needs to make the ids: labels, vocabulary, features and cleaning, and the graph's contract. */
    private static Map<String, Object> sidecar(ModelContents contents, String onnxFile) {
        ModelConfig c = contents.config();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "fenlei-onnx/1");
        out.put("graph", onnxFile);
        String output = c.task() == Task.REGRESSION ? "value float [B, 1]"
                : "probabilities float [B, K], K = labels, in the order of labels";
        if (NetworkConfig.ENCODER.equals(c.network().architecture())) {
            out.put("inputs", Map.of(
                    INPUT_IDS, "int64 [B, T]: each text's WordPiece ids, padded with 0 to the longest",
                    ATTENTION_MASK, "int64 [B, T]: 1 for a text's tokens, 0 for padding"));
            out.put("output", output + "; logits float [B, M]: the network's outputs before the temperature and "
                    + "the activation (M = 1 for two labels)");
            out.put("tokenisation", "BERT's WordPiece with the settings of features.wordPiece over the vocabulary "
                    + "(an entry's id is its position): [CLS], the text's pieces, [SEP], at most features.maxTokens "
                    + "ids in all");
        } else {
            out.put("inputs", Map.of(
                    "ids", "int64 [N]: the token ids of every text, one text after another",
                    "offsets", "int64 [B]: where each text's ids start in ids (the first is 0)"));
            out.put("output", output);
            out.put("tokenisation", tokenisation());
        }
        out.put("task", c.task().name().toLowerCase(java.util.Locale.ROOT));
        out.put("labels", contents.labels());
        out.put("temperature", c.temperature());
        out.put("features", c.features());
        out.put("vocabulary", contents.vocabulary());
        return out;
    }

    private static String tokenisation() {
        return "as org.fenlei.text.TextAnalyzer.encode with these features: the cleaning steps "
                + "of features.preprocess in order, the tokens (a vocabulary entry's id is its position, 0 = [UNK] "
                + "for a word not in it), each followed by its hashed character n-grams, then the hashed word "
                + "n-grams, each as vocabulary size + (hash mod buckets, unsigned), or word n-grams as vocabulary "
                + "entries. fastText's hashes: a character n-gram is 32-bit FNV-1a over the UTF-16 units of a "
                + "substring of minn..maxn units of '<' + token + '>' (the two frame characters alone are not "
                + "n-grams); a word n-gram combines its tokens' FNV-1a hashes (over their UTF-16 units, as signed "
                + "32-bit values widened) as "
                + "h * 116049371 + next, in 64 bits";
    }
}
