package io.microtvm.npz;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of a {@code .npy} file: a Python dict literal with exactly the keys {@code descr}
 * (the dtype), {@code fortran_order} and {@code shape}. Knows how numpy spells it, for writing, and
 * reads any spelling of the same literal.
 *
 * @param dtype the element type
 * @param bigEndian whether the data is stored big-endian (descr {@code '>'} on a multi-byte type)
 * @param fortranOrder whether the data is stored first index fastest
 * @param shape the dimensions; empty for a scalar (a record's array is compared by identity; headers
 *     are only read, never compared)
 */
record NpyHeader(DType dtype, boolean bigEndian, boolean fortranOrder, long[] shape) {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /**
     * numpy leaves room after the dict for a first dimension of this many digits, so a file being
     * appended to can have its shape rewritten in place; it writes those spaces for every array.
     */
    private static final int GROWTH_DIGITS = 21;

    /**
     * The header literal {@code text}, without its length prefix.
     *
     * @throws IllegalArgumentException saying what is wrong, with the literal quoted
     */
    static NpyHeader parse(String text) {
        Object literal;
        try {
            literal = PythonLiteral.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header is not a valid Python literal (" + e.getMessage() + "): "
                    + quote(text));
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new IllegalArgumentException("header is not a dict: " + quote(text));
        }
        if (!dict.keySet().equals(KEYS)) {
            throw new IllegalArgumentException("header keys are " + dict.keySet()
                    + "; expected exactly descr, fortran_order and shape: " + quote(text));
        }
        Object descr = dict.get("descr");
        Object fortranOrder = dict.get("fortran_order");
        if (!(fortranOrder instanceof Boolean)) {
            throw new IllegalArgumentException("fortran_order is not True or False: " + quote(text));
        }
        DType dtype = dtypeOf(descr);
        boolean bigEndian = dtype.itemSize() > 1 && ((String) descr).startsWith(">");
        return new NpyHeader(dtype, bigEndian, (Boolean) fortranOrder, shapeOf(dict.get("shape"), text));
    }

    /**
     * The literal numpy writes for a C-order little-endian array, with numpy's spare spaces after
     * it but without the final alignment padding and newline, e.g.
     * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }} and 20 spaces.
     */
    static String format(DType dtype, long[] shape) {
        // keys in sorted order, each followed by ", ", as numpy builds it
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': "
                + Shapes.format(shape) + ", }";
        int spare = shape.length == 0 ? 0 : Math.max(0, GROWTH_DIGITS - Long.toString(shape[0]).length());
        return dict + " ".repeat(spare);
    }

    private static DType dtypeOf(Object descr) {
        if (descr instanceof List) {
            throw new IllegalArgumentException("descr " + descr
                    + " is a structured dtype (a list of fields); only plain numeric and bool arrays are supported");
        }
        if (descr instanceof PythonLiteral.Tuple) {
            throw new IllegalArgumentException("descr is a sub-array dtype; only plain numeric and bool arrays are supported");
        }
        if (!(descr instanceof String)) {
            throw new IllegalArgumentException("descr " + descr + " is not a dtype string");
        }
        return DType.fromDescr((String) descr);
    }

    private static long[] shapeOf(Object value, String text) {
        if (!(value instanceof PythonLiteral.Tuple tuple)) {
            throw new IllegalArgumentException("shape is not a tuple: " + quote(text));
        }
        long[] shape = new long[tuple.items().size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(tuple.items().get(i) instanceof Long dimension) || dimension < 0) {
                throw new IllegalArgumentException("shape holds something other than non-negative integers: "
                        + quote(text));
            }
            shape[i] = dimension;
        }
        return shape;
    }

    private static String quote(String text) {
        return "\"" + text.strip() + "\"";
    }
}
