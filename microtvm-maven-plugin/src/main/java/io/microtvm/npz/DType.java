package io.microtvm.npz;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types an {@link NdArray} can hold: numpy's fixed-size numeric types and bool, the
 * ones TVM models take and produce. Each knows its numpy name (as in MLF {@code metadata.json}), its
 * size in bytes and the {@code .npy} descr it is written with.
 */
public enum DType {
    BOOL("bool", 'b', 1),
    INT8("int8", 'i', 1),
    UINT8("uint8", 'u', 1),
    INT16("int16", 'i', 2),
    UINT16("uint16", 'u', 2),
    INT32("int32", 'i', 4),
    UINT32("uint32", 'u', 4),
    INT64("int64", 'i', 8),
    UINT64("uint64", 'u', 8),
    FLOAT16("float16", 'f', 2),
    FLOAT32("float32", 'f', 4),
    FLOAT64("float64", 'f', 8);

    private final String numpyName;
    private final char kind;
    private final int itemSize;

    DType(String numpyName, char kind, int itemSize) {
        this.numpyName = numpyName;
        this.kind = kind;
        this.itemSize = itemSize;
    }

    /** numpy's name for the type, e.g. {@code "float32"}; also what TVM calls it. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /**
     * The little-endian {@code .npy} descr, e.g. {@code "<f4"}; one-byte types use {@code '|'}
     * ("byte order not applicable"), as numpy writes them.
     */
    public String descr() {
        return (itemSize == 1 ? "|" : "<") + kind + itemSize;
    }

    /** True for the signed and unsigned integer types; bool is not one (as in numpy). */
    public boolean isInteger() {
        return kind == 'i' || kind == 'u';
    }

    /** True for int8 … int64. */
    public boolean isSignedInteger() {
        return kind == 'i';
    }

    /** True for float16, float32 and float64. */
    public boolean isFloatingPoint() {
        return kind == 'f';
    }

    /**
     * The type with numpy name {@code name} ({@code "int8"}, {@code "float32"}, {@code "bool"} …).
     *
     * @throws IllegalArgumentException for any other name; the message lists the supported ones
     */
    public static DType fromName(String name) {
        for (DType type : values()) {
            if (type.numpyName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + name + "'; supported: " + supportedNames());
    }

    /**
     * The element type a {@code .npy} descr names, e.g. {@code "<f4"}, {@code "|i1"}. The first
     * character is the byte order: {@code '<'} little-endian, {@code '|'} not applicable,
     * {@code '='} native, which we take to be little-endian (every host TVM and this plugin run on
     * is), and {@code '>'} big-endian. Byte order belongs to the encoding, not to the type, so all
     * four are accepted here; {@link Npy} swaps big-endian data when it reads it.
     *
     * @throws IllegalArgumentException for descrs of other types (complex, strings, objects,
     *     datetimes …); the message lists the supported descrs
     */
    public static DType fromDescr(String descr) {
        if (descr.length() >= 2 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            String typeCode = descr.substring(1);
            for (DType type : values()) {
                if (typeCode.equals(type.kind + String.valueOf(type.itemSize))) {
                    return type;
                }
            }
            if (typeCode.equals("O")) {
                throw new IllegalArgumentException("dtype '" + descr
                        + "' holds pickled Python objects, which are not supported; supported: " + supportedDescrs());
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr + "'; supported: " + supportedDescrs());
    }

    private static String supportedNames() {
        return Arrays.stream(values()).map(DType::numpyName).collect(Collectors.joining(", "));
    }

    private static String supportedDescrs() {
        return Arrays.stream(values()).map(DType::descr).collect(Collectors.joining(", "))
                + " (or the same with '=' or '>' byte order)";
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
