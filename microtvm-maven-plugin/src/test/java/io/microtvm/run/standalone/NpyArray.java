package io.microtvm.run.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Just enough of numpy's .npy/.npz format for the fixtures: a little-endian or byte-sized dtype,
 * C order. The header is a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }}.
 *
 * @param typeCode numpy's type kind and item size without the byte order, e.g. {@code f4}, {@code i1}
 * @param shape the dimensions
 * @param data  the raw element bytes
 */
record NpyArray(String typeCode, long[] shape, byte[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<|>]?)([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Every array of an .npz, by name without ".npy". */
    static Map<String, NpyArray> readNpz(Path npz) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(e)) {
                    arrays.put(e.getName().replaceFirst("\\.npy$", ""), parse(in.readAllBytes(), npz + "!" + e));
                }
            }
        }
        return arrays;
    }

    static NpyArray parse(byte[] npy, String where) {
        ByteBuffer in = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        in.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
            throw new IllegalArgumentException(where + " is not a .npy file");
        }
        int major = in.get();
        in.get(); // minor
        int headerLength = major == 1 ? in.getShort() & 0xFFFF : in.getInt();
        String header = new String(npy, in.position(), headerLength, StandardCharsets.ISO_8859_1);
        in.position(in.position() + headerLength);

        Matcher descr = find(DESCR, header, where);
        if (descr.group(1).equals(">") && !descr.group(3).equals("1")) {
            throw new IllegalArgumentException(where + ": big-endian data is not supported: " + header);
        }
        if (find(FORTRAN, header, where).group(1).equals("True")) {
            throw new IllegalArgumentException(where + ": Fortran order is not supported");
        }
        long[] shape = Arrays.stream(find(SHAPE, header, where).group(1).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        byte[] data = Arrays.copyOfRange(npy, in.position(), npy.length);
        return new NpyArray(descr.group(2) + descr.group(3), shape, data);
    }

    private static Matcher find(Pattern p, String header, String where) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(where + ": cannot read " + p + " from header " + header);
        }
        return m;
    }

    /** The numpy dtype name: {@code f4} → {@code float32}. */
    String dtype() {
        String kind = switch (typeCode.charAt(0)) {
            case 'f' -> "float";
            case 'i' -> "int";
            case 'u' -> "uint";
            default -> throw new IllegalArgumentException("unsupported dtype " + typeCode);
        };
        return kind + Integer.parseInt(typeCode.substring(1)) * 8;
    }

    boolean isFloat() {
        return typeCode.charAt(0) == 'f';
    }
}
