package org.fenlei.encoder;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The float weights of a BERT-family encoder exported to ONNX by Hugging Face's exporter, by their Hugging Face
 * names. Embeddings, LayerNorms and biases keep their names as initializers; the linear layers' weights are renamed
 * ({@code onnx::MatMul_N}) and are named here after the bias that the MatMul's output is added to. They are stored
 * (in, out), Fenlei's layout. The attention heads are read off the constant shape that splits a layer's queries
 * into heads. Int8 files (DequantizeLinear) dequantise as (q - zero point) scale.
 */
final class OnnxWeights {
    private static final Pattern LAYER = Pattern.compile("layer[._](\\d+)");
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();
    private final int heads;

    private OnnxWeights(GraphProto graph, String source) {
        Map<String, TensorProto> initializers = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        Map<String, TensorProto> constants = new HashMap<>();
        Map<String, List<NodeProto>> consumers = new HashMap<>();
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto node : graph.getNodeList()) {
            for (String input : node.getInputList()) {
                consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
            for (String output : node.getOutputList()) {
                producers.put(output, node);
            }
            if ("Constant".equals(node.getOpType())) {
                for (AttributeProto a : node.getAttributeList()) {
                    if ("value".equals(a.getName()) && a.hasT()) {
                        constants.put(node.getOutput(0), a.getT());
                    }
                }
            }
        }
        for (TensorProto t : initializers.values()) {
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                put(t.getName(), t, floats(t, source));
            }
        }
        // int8 weights: DequantizeLinear(q, scale, zero point) gives the float the graph uses
        for (NodeProto node : graph.getNodeList()) {
            if ("DequantizeLinear".equals(node.getOpType()) && initializers.containsKey(node.getInput(0))) {
                TensorProto q = initializers.get(node.getInput(0));
                float scale = floats(tensor(node.getInput(1), initializers, constants, source), source)[0];
                TensorProto zero = node.getInputCount() > 2 ? tensor(node.getInput(2), initializers, constants, source)
                        : null;
                put(node.getOutput(0), q, dequantize(q, scale, zero == null ? 0 : ints(zero)[0]));
            }
        }
        // linear weights take the name of the bias their product is added to
        for (NodeProto node : graph.getNodeList()) {
            if (!"MatMul".equals(node.getOpType()) || !values.containsKey(node.getInput(1))) {
                continue;
            }
            for (NodeProto add : consumers.getOrDefault(node.getOutput(0), List.of())) {
                if (!"Add".equals(add.getOpType())) {
                    continue;
                }
                for (String input : add.getInputList()) {
                    if (input.endsWith(".bias") && values.containsKey(input)) {
                        String name = input.substring(0, input.length() - ".bias".length()) + ".weight";
                        values.put(name, values.get(node.getInput(1)));
                        shapes.put(name, shapes.get(node.getInput(1)));
                    }
                }
            }
        }
        this.heads = heads(graph, producers, constants, initializers);
    }

    static OnnxWeights read(byte[] bytes, String source) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new EncoderException(source + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getInitializerCount() == 0) {
            throw new EncoderException(source + ": not an ONNX model with weights (no graph initializers)");
        }
        return new OnnxWeights(model.getGraph(), source);
    }

    /** The weight {@code name} with its shape checked; {@code dims} are the expected sizes. */
    float[] get(String name, String source, long... dims) {
        float[] v = values.get(name);
        if (v == null) {
            throw new EncoderException(source + ": not a BERT-family encoder: no weight " + name);
        }
        long[] shape = shapes.get(name);
        if (!java.util.Arrays.equals(shape, dims)) {
            throw new EncoderException(source + ": weight " + name + " has shape " + java.util.Arrays.toString(shape)
                    + ", expected " + java.util.Arrays.toString(dims));
        }
        return v;
    }

    long[] shape(String name) {
        return shapes.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The encoder's blocks: one more than the highest layer index among the weight names. */
    int layers() {
        int layers = 0;
        for (String name : values.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (name.startsWith("encoder.") && m.find()) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return layers;
    }

    /** The attention heads, 0 when the graph does not show them. */
    int heads() {
        return heads;
    }

    private void put(String name, TensorProto t, float[] v) {
        values.put(name, v);
        shapes.put(name, t.getDimsList().stream().mapToLong(Long::longValue).toArray());
    }

    private static TensorProto tensor(String name, Map<String, TensorProto> initializers,
                                      Map<String, TensorProto> constants, String source) {
        TensorProto t = initializers.containsKey(name) ? initializers.get(name) : constants.get(name);
        if (t == null) {
            throw new EncoderException(source + ": the quantisation parameter " + name + " is not a constant");
        }
        return t;
    }

    private static float[] floats(TensorProto t, String source) {
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new EncoderException(source + ": tensor " + t.getName() + " is not float");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new EncoderException(source + ": tensor " + t.getName() + " is stored outside the file; give an "
                    + "ONNX file that holds its weights");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[b.remaining() / Float.BYTES];
            b.asFloatBuffer().get(v);
            return v;
        }
        float[] v = new float[t.getFloatDataCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getFloatData(i);
        }
        return v;
    }

    /** The integer values of an int8, uint8, int32 or int64 tensor. */
    private static long[] ints(TensorProto t) {
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int type = t.getDataType();
            int width = type == TensorProto.DataType.INT64_VALUE ? 8 : type == TensorProto.DataType.INT32_VALUE ? 4
                    : 1;
            long[] v = new long[b.remaining() / width];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (width) {
                    case 8 -> b.getLong();
                    case 4 -> b.getInt();
                    default -> type == TensorProto.DataType.UINT8_VALUE ? b.get() & 0xFF : b.get();
                };
            }
            return v;
        }
        if (t.getInt64DataCount() > 0) {
            return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
        }
        long[] v = new long[t.getInt32DataCount()];
        for (int i = 0; i < v.length; i++) {
            int x = t.getInt32Data(i);
            v[i] = t.getDataType() == TensorProto.DataType.UINT8_VALUE ? x & 0xFF : x;
        }
        return v;
    }

    private static float[] dequantize(TensorProto q, float scale, long zero) {
        long[] raw = ints(q);
        float[] v = new float[raw.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (raw[i] - zero) * scale;
        }
        return v;
    }

    /**
     * The heads of layer 0's self-attention: its queries are reshaped to (batch, length, heads, head width), a
     * shape given as a constant or concatenated from constants; the heads are the second last. 0 if not found.
     */
    private static int heads(GraphProto graph, Map<String, NodeProto> producers, Map<String, TensorProto> constants,
                             Map<String, TensorProto> initializers) {
        for (NodeProto node : graph.getNodeList()) {
            if (!"Reshape".equals(node.getOpType()) || !node.getName().contains("layer.0/")
                    && !node.getOutput(0).contains("layer.0/")) {
                continue;
            }
            List<Long> dims = new ArrayList<>();
            String shape = node.getInput(1);
            TensorProto direct = constants.containsKey(shape) ? constants.get(shape) : initializers.get(shape);
            if (direct != null) {
                for (long d : ints(direct)) {
                    dims.add(d);
                }
            } else if (producers.containsKey(shape) && "Concat".equals(producers.get(shape).getOpType())) {
                for (String part : producers.get(shape).getInputList()) {
                    TensorProto c = constants.containsKey(part) ? constants.get(part) : initializers.get(part);
                    if (c == null) {
                        dims.add(-1L);
                    } else {
                        for (long d : ints(c)) {
                            dims.add(d);
                        }
                    }
                }
            }
            if (dims.size() == 4 && dims.get(2) > 0 && dims.get(3) > 0) {
                return Math.toIntExact(dims.get(2));
            }
        }
        return 0;
    }
}
