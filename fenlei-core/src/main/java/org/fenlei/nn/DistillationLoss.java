package org.fenlei.nn;

/**
 * A student's loss against a teacher's logits z_t, mixed with the gold label where a text has one: targets are
 * {@code k + 1} floats per example, the teacher's k logits, then the gold class (-1 for a text without one, as in a
 * transfer set). With one output the task is binary (sigmoid), with several it is single-label (softmax).
 * <ul>
 * <li>{@code soft} (Hinton et al. 2015): cross-entropy between the teacher's and the student's distributions at
 * temperature T, times T^2 so that its gradient keeps its scale as T grows: T (p_T(z_s) - p_T(z_t)).</li>
 * <li>{@code mse} (Tang et al. 2019): the squared distance of the logits, (z_s - z_t)^2 / 2, gradient z_s - z_t.</li>
 * </ul>
 * The gold label adds alpha times the usual cross-entropy and the teacher's term is weighed 1 - alpha; a text
 * without a gold label learns from the teacher alone.
 */
public final class DistillationLoss implements Loss {
    public static final String SOFT = "soft";
    public static final String MSE = "mse";
    private final boolean soft;
    private final float alpha;
    private final float temperature;

    public DistillationLoss(String kind, double alpha, double temperature) {
        if (!SOFT.equals(kind) && !MSE.equals(kind)) {
            throw new IllegalArgumentException("the distillation loss must be soft or mse, was " + kind);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be > 0, was " + temperature);
        }
        this.soft = SOFT.equals(kind);
        this.alpha = (float) alpha;
        this.temperature = (float) temperature;
    }

    /** Whether the student learns the teacher's logits alone by squared error: mse and no weight on gold labels. */
    public boolean logitsAlone() {
        return !soft && alpha == 0;
    }

    @Override
    public int targetWidth(int k) {
        return k + 1;
    }

    @Override
    public double forwardBackward(float[] logits, float[] targets, int batch, int k, float scale, float[] dLogits) {
        double sum = 0;
        float[] student = new float[k];
        float[] teacher = new float[k];
        float[] plain = new float[k];
        for (int n = 0; n < batch; n++) {
            int o = n * k;
            int t = n * (k + 1);
            int gold = (int) targets[t + k];
            float teacherWeight = gold >= 0 ? 1 - alpha : 1f;
            if (soft) {
                for (int j = 0; j < k; j++) {
                    student[j] = logits[o + j] / temperature;
                    teacher[j] = targets[t + j] / temperature;
                }
                probabilities(student, k);
                probabilities(teacher, k);
                double ce = 0;
                for (int j = 0; j < k; j++) {
                    ce += crossEntropy(teacher[j], student[j], k);
                    dLogits[o + j] = teacherWeight * temperature * (student[j] - teacher[j]);
                }
                sum += teacherWeight * temperature * temperature * ce;
            } else {
                for (int j = 0; j < k; j++) {
                    float d = logits[o + j] - targets[t + j];
                    sum += teacherWeight * 0.5 * d * d;
                    dLogits[o + j] = teacherWeight * d;
                }
            }
            if (gold >= 0 && alpha > 0) {
                System.arraycopy(logits, o, plain, 0, k);
                probabilities(plain, k);
                for (int j = 0; j < k; j++) {
                    // the one output of a binary task is class 1's probability
                    float y = k == 1 ? gold : j == gold ? 1f : 0f;
                    dLogits[o + j] += alpha * (plain[j] - y);
                    sum += alpha * crossEntropy(y, plain[j], k);
                }
            }
            for (int j = 0; j < k; j++) {
                dLogits[o + j] *= scale;
            }
        }
        return sum;
    }

    /** -q log p for softmax outputs; for a single sigmoid output both of its classes. */
    private static double crossEntropy(float q, float p, int k) {
        double tiny = 1e-12;
        double ce = q > 0 ? -q * Math.log(Math.max(p, tiny)) : 0;
        if (k == 1 && q < 1) {
            ce -= (1 - q) * Math.log(Math.max(1 - p, tiny));
        }
        return ce;
    }

    /** Softmax over k logits, or the sigmoid of one, in place. */
    private static void probabilities(float[] z, int k) {
        if (k == 1) {
            z[0] = BinaryCrossEntropy.sigmoid(z[0]);
            return;
        }
        float max = z[0];
        for (int j = 1; j < k; j++) {
            max = Math.max(max, z[j]);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            z[j] = (float) Math.exp(z[j] - max);
            total += z[j];
        }
        for (int j = 0; j < k; j++) {
            z[j] /= (float) total;
        }
    }

    /** Agreement with the teacher: the student's class is the one the teacher's logits give. */
    @Override
    public boolean agrees(int predicted, float[] targets, int offset, int k, int width) {
        return predicted == predictedClass(targets, offset, k);
    }

    @Override
    public void activate(float[] logits, int offset, int k) {
        if (k == 1) {
            logits[offset] = BinaryCrossEntropy.sigmoid(logits[offset]);
        } else {
            new CategoricalCrossEntropy().activate(logits, offset, k);
        }
    }

    @Override
    public String name() {
        return "distillation";
    }
}
