package org.fenlei.nn;

/**
 * tanh in float through {@link Math#exp}, which HotSpot compiles to an intrinsic; {@link Math#tanh} is not one on
 * JDK 17 and costs several times more, which shows in recurrent cells that take five activations per unit and
 * step. (The sigmoid is {@link BinaryCrossEntropy#sigmoid}.)
 */
final class Activation {
    private Activation() {
    }

    /** tanh(x) = sign(x) (1 - e^{-2|x|}) / (1 + e^{-2|x|}), in double so that small x loses no digits. */
    static float tanh(float x) {
        double t = Math.exp(-2.0 * Math.abs(x));
        float r = (float) ((1 - t) / (1 + t));
        return x < 0 ? -r : r;
    }
}
