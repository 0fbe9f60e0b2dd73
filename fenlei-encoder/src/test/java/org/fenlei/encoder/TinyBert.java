package org.fenlei.encoder;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny BERT-shaped encoder written as Hugging Face's exporter writes one (named embeddings, LayerNorms and biases,
 * {@code onnx::MatMul_N} linear weights added to named biases, queries split into heads by a reshape to a
 * concatenated constant shape, LayerNorm and GELU as primitive operators), with random weights, and its
 * tokenizer.json: what the import is tested on in every build, against ONNX Runtime, and what the command line
 * fine-tunes in its tests.
 */
public final class TinyBert {
    static final int DIM = 8;
    static final int HEADS = 2;
    static final int FFN = 12;
    static final int LAYERS = 2;
    static final int POSITIONS = 16;
    static final List<String> VOCABULARY = List.of("[PAD]", "the", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cat", "sat",
            "on", "mat", "play", "##ing", "##ed", "!", ",", "?", "中", "国", "cafe", "un", "##believ", "##able");

    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("tiny-bert");
    private final SplittableRandom random = new SplittableRandom(7);
    private int matmuls;
    private int nodes;

    private TinyBert() {
    }

    /** Writes tiny.onnx and tiny-tokenizer.json into {@code dir}; returns the ONNX file. */
    public static Path write(Path dir) throws IOException {
        Path onnx = dir.resolve("tiny.onnx");
        Files.write(onnx, new TinyBert().model().toByteArray());
        Files.writeString(dir.resolve("tiny-tokenizer.json"), tokenizerJson(VOCABULARY, "WordPiece"),
                StandardCharsets.UTF_8);
        return onnx;
    }

    static String tokenizerJson(List<String> vocabulary, String type) {
        StringBuilder vocab = new StringBuilder();
        for (int i = 0; i < vocabulary.size(); i++) {
            vocab.append(i == 0 ? "" : ",").append('"').append(vocabulary.get(i)).append("\":").append(i);
        }
        return "{\"version\":\"1.0\",\"normalizer\":{\"type\":\"BertNormalizer\",\"clean_text\":true,"
                + "\"handle_chinese_chars\":true,\"strip_accents\":null,\"lowercase\":true},"
                + "\"pre_tokenizer\":{\"type\":\"BertPreTokenizer\"},\"model\":{\"type\":\"" + type + "\","
                + "\"unk_token\":\"[UNK]\",\"continuing_subword_prefix\":\"##\",\"max_input_chars_per_word\":100,"
                + "\"vocab\":{" + vocab + "}}}";
    }

    private ModelProto model() {
        input("input_ids");
        input("attention_mask");
        input("token_type_ids");
        weight("embeddings.word_embeddings.weight", VOCABULARY.size(), DIM);
        weight("embeddings.position_embeddings.weight", POSITIONS, DIM);
        weight("embeddings.token_type_embeddings.weight", 2, DIM);
        long[] positionIds = new long[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            positionIds[i] = i;
        }
        graph.addInitializer(ints("embeddings.position_ids", new long[] {1, POSITIONS}, positionIds));
        String words = node("Gather", "/embeddings/word", "embeddings.word_embeddings.weight", "input_ids");
        String types = node("Gather", "/embeddings/type", "embeddings.token_type_embeddings.weight",
                "token_type_ids");
        String length = node("Slice", "/embeddings/length", node("Shape", "/embeddings/shape", "input_ids"),
                constant("/embeddings/one", 1), constant("/embeddings/two", 2));
        String ids = node("Slice", "/embeddings/positions", "embeddings.position_ids",
                constant("/embeddings/zero", 0), length, constant("/embeddings/axis", 1));
        String positions = node("Gather", "/embeddings/position", "embeddings.position_embeddings.weight", ids);
        String x = norm("/embeddings/LayerNorm", "embeddings.LayerNorm",
                node("Add", "/embeddings/add2", node("Add", "/embeddings/add1", words, types), positions));
        for (int l = 0; l < LAYERS; l++) {
            x = layer(l, x);
        }
        graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName("/output").addInput(x)
                .addOutput("last_hidden_state"));
        graph.addOutput(ValueInfoProto.newBuilder().setName("last_hidden_state").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("fenlei-test").setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
    }

    private String layer(int l, String x) {
        String hf = "encoder.layer." + l + ".";
        String at = "/encoder/layer." + l + "/attention/self/";
        String[] qkv = new String[3];
        String[] parts = {"query", "key", "value"};
        for (int p = 0; p < 3; p++) {
            String projected = linear(at + parts[p], hf + "attention.self." + parts[p], x, DIM, DIM);
            String shape = node("Concat", at + "Concat_" + p, constant(at + "batch" + p, 1),
                    constant(at + "length" + p, -1), constant(at + "heads" + p, HEADS),
                    constant(at + "width" + p, DIM / HEADS));
            lastNode(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0));
            qkv[p] = node("Reshape", at + "Reshape_" + p, projected, shape);
        }
        String q = transpose(at + "q", qkv[0], 0, 2, 1, 3);
        String k = transpose(at + "k", qkv[1], 0, 2, 3, 1);
        String v = transpose(at + "v", qkv[2], 0, 2, 1, 3);
        String scores = node("Div", at + "Div", node("MatMul", at + "scores", q, k),
                scalar(at + "scale", (float) Math.sqrt(DIM / (double) HEADS)));
        String probabilities = node("Softmax", at + "Softmax", scores);
        lastNode(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1));
        String context = transpose(at + "context", node("MatMul", at + "context", probabilities, v), 0, 2, 1, 3);
        String merged = node("Reshape", at + "merge", context, ints(at + "merged", new long[] {1, -1, DIM}));
        String out = "/encoder/layer." + l + "/";
        String attention = linear(out + "attention/output", hf + "attention.output.dense", merged, DIM, DIM);
        String hidden = norm(out + "attention/norm", hf + "attention.output.LayerNorm",
                node("Add", out + "attention/residual", attention, x));
        String pre = linear(out + "intermediate", hf + "intermediate.dense", hidden, DIM, FFN);
        String erf = node("Erf", out + "erf", node("Div", out + "scaled", pre, scalar(out + "sqrt2",
                (float) Math.sqrt(2))));
        String gelu = node("Mul", out + "gelu", node("Mul", out + "gate", pre, node("Add", out + "plus1", erf,
                scalar(out + "one", 1f))), scalar(out + "half", 0.5f));
        String ffn = linear(out + "output", hf + "output.dense", gelu, FFN, DIM);
        return norm(out + "output/norm", hf + "output.LayerNorm", node("Add", out + "output/residual", ffn, hidden));
    }

    /** Add(bias, MatMul(x, W)) with W an unnamed initializer, as the exporter writes it. */
    private String linear(String scope, String name, String x, int in, int out) {
        String w = "onnx::MatMul_" + (++matmuls);
        weight(w, in, out);
        weight(name + ".bias", out);
        return node("Add", scope + "/Add", name + ".bias", node("MatMul", scope + "/MatMul", x, w));
    }

    private String norm(String scope, String name, String x) {
        weight(name + ".weight", DIM);
        weight(name + ".bias", DIM);
        String mean = reduceMean(scope + "/mean", x);
        String centred = node("Sub", scope + "/Sub", x, mean);
        String variance = reduceMean(scope + "/variance", node("Pow", scope + "/Pow", centred,
                scalar(scope + "/two", 2f)));
        String std = node("Sqrt", scope + "/Sqrt", node("Add", scope + "/eps", variance, scalar(scope + "/epsilon",
                1e-12f)));
        return node("Add", scope + "/Add", node("Mul", scope + "/Mul", node("Div", scope + "/Div", centred, std),
                name + ".weight"), name + ".bias");
    }

    private String reduceMean(String name, String x) {
        String out = node("ReduceMean", name, x);
        lastNode(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(-1));
        return out;
    }

    private String transpose(String name, String x, long... perm) {
        String out = node("Transpose", name + "/Transpose", x);
        AttributeProto.Builder a = AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS);
        for (long p : perm) {
            a.addInts(p);
        }
        lastNode(a);
        return out;
    }

    /** Gives the node added last an attribute. */
    private void lastNode(AttributeProto.Builder attribute) {
        graph.getNodeBuilder(graph.getNodeCount() - 1).addAttribute(attribute);
    }

    private String node(String op, String name, String... inputs) {
        String output = name + "_output_" + (nodes++);
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(List.of(inputs))
                .addOutput(output));
        return output;
    }

    /** A one-element int64 Constant node. */
    private String constant(String name, long value) {
        String output = name + "_output";
        graph.addNode(NodeProto.newBuilder().setOpType("Constant").setName(name).addOutput(output)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(ints(name, new long[] {1}, new long[] {value}))));
        return output;
    }

    private String ints(String name, long[] values) {
        graph.addInitializer(ints(name, new long[] {values.length}, values));
        return name;
    }

    private static TensorProto ints(String name, long[] dims, long[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private String scalar(String name, float value) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addFloatData(value));
        return name;
    }

    private void weight(String name, int... dims) {
        int n = 1;
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (int d : dims) {
            t.addDims(d);
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) random.nextDouble(-1, 1));
        }
        graph.addInitializer(t.setRawData(ByteString.copyFrom(b.array())));
    }

    private void input(String name) {
        graph.addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.INT64_VALUE)
                        .setShape(TensorShapeProto.newBuilder()
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("length"))))));
    }
}
