package org.fenlei.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.fenlei.TextClassifier;
import org.fenlei.model.EncoderShape;
import org.fenlei.model.ModelConfig;
import org.fenlei.model.NetworkConfig;
import org.fenlei.nn.Gradients;
import org.fenlei.nn.Network;
import org.fenlei.nn.TokenBatch;
import org.fenlei.onnx.OnnxExport;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A fine-tuned encoder model predicted by ONNX Runtime: its graph exported in memory ({@link OnnxExport}) runs in
 * one session, which every prediction thread shares, each call on its calling thread (Fenlei already runs a
 * file's batches side by side on every core, and the server its requests; texts of similar length are batched
 * together, as the session pads each batch). The texts' WordPiece encoding, the temperature, the labels and the
 * reports stay the model's own, so {@code predict}, {@code eval} and {@code serve} work as with Fenlei's kernels.
 * Optional: Fenlei's own kernels predict every model without it.
 */
public final class OnnxRuntimeEncoder {
    private static final Cleaner SESSIONS = Cleaner.create();

    private OnnxRuntimeEncoder() {
    }

    /**
     * The model file {@code file} predicting on ONNX Runtime.
     *
     * @throws IllegalArgumentException for a model that is not a fine-tuned encoder, saying so
     */
    public static TextClassifier load(Path file) throws IOException {
        return on(TextClassifier.load(file), file.toString());
    }

    /** {@code model} predicting on ONNX Runtime; {@code name} names it in errors. */
    public static TextClassifier on(TextClassifier model, String name) {
        ModelConfig config = model.config();
        String architecture = config.network().architecture();
        EncoderShape shape = config.network().encoder();
        if (!NetworkConfig.ENCODER.equals(architecture) || shape == null || shape.tokens() != 0) {
            throw new IllegalArgumentException("ONNX Runtime runs fine-tuned encoder models only (trained with "
                    + "--encoder); " + name + " is " + ("aeiou".indexOf(architecture.charAt(0)) >= 0 ? "an " : "a ")
                    + architecture + " model, which Fenlei's own kernels predict");
        }
        byte[] graph = OnnxExport.graph(model.contents()).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = env.createSession(graph, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the graph exported from " + name + ": "
                    + e.getMessage(), e);
        }
        Passes passes = new Passes(env, session, shape.positions());
        SESSIONS.register(passes, () -> close(session));
        return model.withPasses(passes);
    }

    private static void close(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // a cleaning action has no caller to tell; the native memory is lost either way
            System.getLogger(OnnxRuntimeEncoder.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot close an ONNX Runtime session: " + e.getMessage());
        }
    }

    /** Makes passes over one session; when no model refers to it any more, the session is closed. */
    private record Passes(OrtEnvironment env, OrtSession session, int positions) implements Supplier<Network.Pass> {
        @Override
        public Network.Pass get() {
            return new Pass(this);
        }
    }

    /** One thread's pass: a batch of packed texts padded into input_ids and attention_mask, the logits back. */
    private static final class Pass implements Network.Pass {
        private final Passes passes;
        private long[] ids = new long[0];
        private long[] mask = new long[0];
        private float[] logits = new float[0];

        Pass(Passes passes) {
            this.passes = passes;
        }

        @Override
        public float[] forward(TokenBatch batch) {
            int b = batch.size();
            int[] tokens = batch.ids();
            int[] offsets = batch.offsets();
            int longest = 1;
            for (int d = 0; d < b; d++) {
                longest = Math.max(longest, Math.min(passes.positions, offsets[d + 1] - offsets[d]));
            }
            int size = b * longest;
            if (ids.length < size) {
                ids = new long[size];
                mask = new long[size];
            }
            for (int d = 0; d < b; d++) {
                int n = Math.min(passes.positions, offsets[d + 1] - offsets[d]);
                int row = d * longest;
                for (int i = 0; i < longest; i++) {
                    ids[row + i] = i < n ? tokens[offsets[d] + i] : 0;
                    mask[row + i] = i < n ? 1 : 0;
                }
            }
            long[] shape = {b, longest};
            try (OnnxTensor inputIds = OnnxTensor.createTensor(passes.env, LongBuffer.wrap(ids, 0, size), shape);
                 OnnxTensor attention = OnnxTensor.createTensor(passes.env, LongBuffer.wrap(mask, 0, size), shape);
                 OrtSession.Result result = passes.session.run(Map.of(OnnxExport.INPUT_IDS, inputIds,
                         OnnxExport.ATTENTION_MASK, attention), Set.of(OnnxExport.LOGITS))) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                if (logits.length < out.remaining()) {
                    logits = new float[out.remaining()];
                }
                out.get(logits, 0, out.remaining());
                return logits;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on a batch of " + b + " texts: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void backward(TokenBatch batch, float[] dLogits, Gradients grads) {
            throw new UnsupportedOperationException("ONNX Runtime predicts only; training uses Fenlei's network");
        }
    }
}
