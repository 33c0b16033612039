package io.microtvm.npz;

import java.util.StringJoiner;

/** Arithmetic and notation for array shapes, written like Python tuples as numpy prints them. */
final class Shapes {

    private Shapes() {
    }

    /**
     * Product of the dimensions (1 for the empty shape of a scalar).
     *
     * @throws IllegalArgumentException if a dimension is negative or the product overflows a long
     */
    static long elementCount(long[] shape) {
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape " + format(shape) + " has a negative dimension");
            }
            if (dimension == 0) {
                // empty whatever the other dimensions are, even if their product would overflow
                return 0;
            }
        }
        long count = 1;
        for (long dimension : shape) {
            try {
                count = Math.multiplyExact(count, dimension);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^63 elements");
            }
        }
        return count;
    }

    /** Python's tuple form: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String format(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringJoiner joined = new StringJoiner(", ", "(", ")");
        for (long dimension : shape) {
            joined.add(Long.toString(dimension));
        }
        return joined.toString();
    }
}
