package io.microtvm.npz;

/**
 * Rearranges element bytes into the layout {@link NdArray} holds, little-endian and C order, from
 * the other layouts a {@code .npy} file may store.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /** Reverses the bytes of every {@code itemSize}-byte element in place (big- to little-endian). */
    static void swapBytes(byte[] data, int itemSize) {
        for (int start = 0; start < data.length; start += itemSize) {
            for (int low = start, high = start + itemSize - 1; low < high; low++, high--) {
                byte kept = data[low];
                data[low] = data[high];
                data[high] = kept;
            }
        }
    }

    /**
     * The elements of {@code data}, stored in Fortran order (first index fastest), copied into C
     * order (last index fastest) for the same shape.
     */
    static byte[] fortranToC(byte[] data, long[] shape, int itemSize) {
        int rank = shape.length;
        long count = Shapes.elementCount(shape);
        if (rank < 2 || count == 0) {
            // with fewer than two dimensions both orders are the same sequence
            return data;
        }
        // C-order distance, in elements, between neighbours along each dimension
        long[] cStrides = new long[rank];
        cStrides[rank - 1] = 1;
        for (int d = rank - 2; d >= 0; d--) {
            cStrides[d] = cStrides[d + 1] * shape[d + 1];
        }
        byte[] result = new byte[data.length];
        long[] index = new long[rank];
        long cPosition = 0;
        // walk the source in its own (Fortran) order, advancing the multi-index first dimension first
        for (long fPosition = 0; fPosition < count; fPosition++) {
            System.arraycopy(data, (int) (fPosition * itemSize), result, (int) (cPosition * itemSize), itemSize);
            for (int d = 0; d < rank; d++) {
                index[d]++;
                cPosition += cStrides[d];
                if (index[d] < shape[d]) {
                    break;
                }
                cPosition -= index[d] * cStrides[d];
                index[d] = 0;
            }
        }
        return result;
    }
}
