package org.fenlei.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds an ONNX graph node by node with the protobuf classes: each node gets a fresh output name, constants are
 * initializers, inputs and outputs have symbolic dimensions. Small on purpose: what the exporter needs.
 */
final class OnnxGraph {
    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    static final int INT64 = OnnxMl.TensorProto.DataType.INT64_VALUE;
    static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE_VALUE;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    /** Constants by name: a name stands for one value, added once however often it is asked for. */
    private final java.util.Set<String> constants = new java.util.HashSet<>();
    private int names;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A node of operator {@code op} with {@code inputs} ("" for an optional one left out); returns its output. */
    String node(String op, Attribute[] attributes, String... inputs) {
        String out = op.toLowerCase(java.util.Locale.ROOT) + "_" + names++;
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (Attribute a : attributes) {
            n.addAttribute(a.proto);
        }
        graph.addNode(n);
        return out;
    }

    String node(String op, String... inputs) {
        return node(op, new Attribute[0], inputs);
    }

    /** A node with {@code count} outputs (Unique's values, indices, inverse indices and counts). */
    String[] nodes(String op, int count, Attribute[] attributes, String... inputs) {
        String base = op.toLowerCase(java.util.Locale.ROOT) + "_" + names++;
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder().setOpType(op).setName(base);
        String[] outs = new String[count];
        for (int i = 0; i < count; i++) {
            outs[i] = base + "_" + i;
            n.addOutput(outs[i]);
        }
        for (String in : inputs) {
            n.addInput(in);
        }
        for (Attribute a : attributes) {
            n.addAttribute(a.proto);
        }
        graph.addNode(n);
        return outs;
    }

    /** A float constant of shape {@code dims}; a name already given returns that constant. */
    String floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return constant(name, FLOAT, b, dims);
    }

    /** An int64 constant of shape {@code dims}; a name already given returns that constant. */
    String longs(String name, long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return constant(name, INT64, b, dims);
    }

    /** An initializer of {@code type} holding {@code raw} (little-endian), added once per name. */
    private String constant(String name, int type, ByteBuffer raw, long... dims) {
        if (constants.add(name)) {
            OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(type)
                    .setRawData(ByteString.copyFrom(raw.array()));
            for (long d : dims) {
                t.addDims(d);
            }
            graph.addInitializer(t);
        }
        return name;
    }

    /** A graph input with symbolic ({@code String}) or fixed ({@code Integer}) dimensions. */
    void input(String name, int type, Object... dims) {
        graph.addInput(value(name, type, dims));
    }

    void output(String name, int type, Object... dims) {
        graph.addOutput(value(name, type, dims));
    }

    /** Renames a node's output to a graph output name through an Identity. */
    void expose(String value, String name) {
        graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName(name).addInput(value)
                .addOutput(name));
    }

    private static OnnxMl.ValueInfoProto value(String name, int type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue((Integer) d);
            }
            shape.addDim(dim);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape))).build();
    }

    /** The model: this graph for the default ONNX domain at {@code opset}. */
    OnnxMl.ModelProto model(int opset, String producerVersion, String docString) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("fenlei")
                .setProducerVersion(producerVersion)
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph)
                .build();
    }

    /** A node attribute. */
    static final class Attribute {
        final OnnxMl.AttributeProto proto;

        private Attribute(OnnxMl.AttributeProto proto) {
            this.proto = proto;
        }

        static Attribute of(String name, long value) {
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INT).setI(value).build());
        }

        static Attribute of(String name, float value) {
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(value).build());
        }

        static Attribute of(String name, String value) {
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build());
        }

        static Attribute of(String name, long... values) {
            OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            return new Attribute(a.build());
        }

        /** A one-element tensor value (ConstantOfShape's fill). */
        static Attribute fill(String name, int type, double value) {
            OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setDataType(type).addDims(1);
            if (type == FLOAT) {
                t.addFloatData((float) value);
            } else if (type == DOUBLE) {
                t.addDoubleData(value);
            } else {
                t.addInt64Data((long) value);
            }
            return new Attribute(OnnxMl.AttributeProto.newBuilder().setName(name)
                    .setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(t).build());
        }
    }
}
