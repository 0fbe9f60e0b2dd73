package org.fenlei.model;

/**
 * How a model file stores its weight matrices (biases, normalisations and product-quantised tables keep their own
 * form): 4-byte floats; IEEE 754 half floats (2 bytes, 11 significant bits, rounded to nearest even); or one byte per
 * value with a float scale per row (symmetric: q = round(127 w / max |w| of the row), w = q scale). A loaded model
 * computes in floats either way; the two smaller forms cost a rounding of every weight, which
 * {@code fenlei quantize --test} measures.
 */
public enum WeightStorage {
    FLOAT32, FLOAT16, INT8;

    /** IEEE 754 binary16 bits of {@code f}, rounded to nearest even; overflow to infinity, NaN kept. */
    static short toHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            // a subnormal half: the implicit bit joins the mantissa, shifted right with rounding
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || rest == midpoint && (half & 1) == 1) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1FFF;
        if (rest > 0x1000 || rest == 0x1000 && (half & 1) == 1) {
            // a carry into the exponent is right, up to infinity
            half++;
        }
        return (short) (sign | half);
    }

    /** The float of the binary16 bits {@code h}. */
    static float fromHalf(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
