package io.microtvm.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NpyTest {

    private static final List<long[]> SHAPES =
            List.of(new long[] {}, new long[] {0}, new long[] {3}, new long[] {2, 3}, new long[] {1, 8, 8, 1});

    /** A .npy file with the given version, header text (used as is) and data. */
    static byte[] npy(int major, String header, byte[] data) {
        return npy(major, header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), data);
    }

    static byte[] npy(int major, byte[] headerBytes, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer out = ByteBuffer.allocate(8 + lengthBytes + headerBytes.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) headerBytes.length);
        } else {
            out.putInt(headerBytes.length);
        }
        return out.put(headerBytes).put(data).array();
    }

    private static byte[] littleEndianFloats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            out.putFloat(value);
        }
        return out.array();
    }

    private static NdArray read(byte[] bytes) throws NpyFormatException {
        return Npy.read(bytes, "x.npy");
    }

    private static String header(String descr, String fortranOrder, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + fortranOrder + ", 'shape': " + shape + ", }\n";
    }

    @Test
    void everyDtypeAndShapeSurvivesARoundTrip() throws Exception {
        Random random = new Random(42);
        for (DType type : DType.values()) {
            for (long[] shape : SHAPES) {
                byte[] data = new byte[(int) Shapes.elementCount(shape) * type.itemSize()];
                random.nextBytes(data);
                if (type == DType.BOOL) {
                    for (int i = 0; i < data.length; i++) {
                        data[i] &= 1;
                    }
                }
                NdArray array = NdArray.of(type, shape, data);

                byte[] file = Npy.toBytes(array);

                assertThat(file.length % 64).as("data starts 64-byte aligned").isEqualTo(data.length % 64);
                assertThat(read(file)).as("%s %s", type, Shapes.format(shape)).isEqualTo(array);
                assertThat(Npy.read(new ByteArrayInputStream(file), "x.npy")).isEqualTo(array);
            }
        }
    }

    @Test
    void writesTheHeaderByteForByteAsNumpyDoes() {
        byte[] file = Npy.toBytes(NdArray.ofDoubles(DType.FLOAT32, new long[] {1, 1}, 1.0));

        // magic, version 1.0, header length 118 (0x76) little-endian
        byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0};
        // sorted keys, each "'key': repr(value), "; 21 - len("1") = 20 spare spaces numpy leaves for
        // growing the first dimension; then 38 spaces and "\n" so 10 + 59 + 20 + 38 + 1 = 128
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }";
        byte[] expected = ByteBuffer.allocate(132).put(prefix)
                .put((dict + " ".repeat(20 + 38) + "\n").getBytes(StandardCharsets.ISO_8859_1))
                .put(new byte[] {0, 0, (byte) 0x80, 0x3f}).array();

        assertThat(dict).hasSize(59);
        assertThat(file).isEqualTo(expected);
    }

    @Test
    void writesScalarsAndOneDimensionalShapesAsPythonTuples() {
        String scalar = headerText(Npy.toBytes(NdArray.zeros(DType.FLOAT64)));
        // no spare spaces without a first dimension: 10 + 55 + 62 + 1 = 128
        assertThat(scalar).isEqualTo("{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + " ".repeat(62) + "\n");

        String vector = headerText(Npy.toBytes(NdArray.zeros(DType.BOOL, 3)));
        assertThat(vector).isEqualTo("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }"
                + " ".repeat(20 + 40) + "\n");
    }

    @Test
    void padsAWholeBlockWhenTheHeaderWouldEndExactlyOnTheBoundary() {
        long[] shape = {1, 100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        byte[] file = Npy.toBytes(NdArray.zeros(DType.FLOAT32, shape));
        String text = headerText(file);

        // 97 characters of dict + 20 spare = 117, and 10 + 117 + 1 = 128: numpy still pads, by 64
        assertThat(text).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 100, 1, 1,");
        assertThat(text.strip()).hasSize(97);
        assertThat(text).endsWith("}" + " ".repeat(20 + 64) + "\n");
        assertThat(file.length).isEqualTo(192 + 400);
    }

    private static String headerText(byte[] file) {
        int length = (file[8] & 0xff) | (file[9] & 0xff) << 8;
        return new String(file, 10, length, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsVersion2And3Headers() throws Exception {
        byte[] data = littleEndianFloats(1f, 2f);
        NdArray expected = NdArray.ofDoubles(DType.FLOAT32, new long[] {2}, 1, 2);

        assertThat(read(npy(2, header("<f4", "False", "(2,)"), data))).isEqualTo(expected);
        assertThat(read(npy(3, header("<f4", "False", "(2,)"), data))).isEqualTo(expected);
    }

    @Test
    void version3HeadersAreUtf8AndOthersLatin1() throws Exception {
        byte[] data = littleEndianFloats(1f);
        // a stray key shows up decoded in the message
        String withNonAscii = "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), '\u00e9': 1}\n";
        assertThatThrownBy(() -> read(npy(3, withNonAscii, data)))
                .hasMessageStartingWith("x.npy: header keys are [descr, fortran_order, shape, \u00e9];");
        // version 1.0 is Latin-1, where the two UTF-8 bytes of é are two characters
        byte[] utf8InVersion1 = npy(1, withNonAscii.getBytes(StandardCharsets.UTF_8), data);
        assertThatThrownBy(() -> read(utf8InVersion1))
                .hasMessageStartingWith("x.npy: header keys are [descr, fortran_order, shape, \u00c3\u00a9];");
        assertThat(read(npy(3, header("<f4", "False", "(1,)"), data)).elementCount()).isEqualTo(1);

        byte[] invalidUtf8 = npy(3, header("<f4", "False", "(1,)"), data);
        invalidUtf8[invalidUtf8.length - 5] = (byte) 0xff;
        assertThatThrownBy(() -> read(invalidUtf8))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: header is not valid UTF-8");
    }

    @Test
    void readsAnySpellingOfTheHeaderLiteral() throws Exception {
        byte[] data = littleEndianFloats(1f, 2f, 3f, 4f, 5f, 6f);
        NdArray expected = NdArray.ofDoubles(DType.FLOAT32, new long[] {2, 3}, 1, 2, 3, 4, 5, 6);

        assertThat(read(npy(1, "{'descr':'<f4','fortran_order':False,'shape':(2,3)}", data))).isEqualTo(expected);
        assertThat(read(npy(1, "{ 'shape' : ( 2 , 3 , ) , 'descr' : \"<f4\" , 'fortran_order' : False }   \n\n",
                data))).isEqualTo(expected);
        // Python 2 wrote longs with an L suffix
        assertThat(read(npy(1, header("<f4", "False", "(2L, 3L)"), data))).isEqualTo(expected);
        assertThat(read(npy(1, header("=f4", "False", "(2, 3)"), data))).isEqualTo(expected);
    }

    @Test
    void rearrangesFortranOrderDataIntoCOrder() throws Exception {
        // the 2x3 array [[1, 2, 3], [4, 5, 6]] stored first index fastest
        byte[] fortran = littleEndianFloats(1f, 4f, 2f, 5f, 3f, 6f);
        assertThat(read(npy(1, header("<f4", "True", "(2, 3)"), fortran)))
                .isEqualTo(NdArray.ofDoubles(DType.FLOAT32, new long[] {2, 3}, 1, 2, 3, 4, 5, 6));

        // 2x3x4 with value 100i + 10j + k, written in Fortran order by hand
        ByteBuffer threeD = ByteBuffer.allocate(2 * 24).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    threeD.putShort((short) (100 * i + 10 * j + k));
                }
            }
        }
        NdArray array = read(npy(1, header("<i2", "True", "(2, 3, 4)"), threeD.array()));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(array.getLong(i * 12 + j * 4 + k)).isEqualTo(100 * i + 10 * j + k);
                }
            }
        }
        // one dimension, a scalar or no elements: nothing to rearrange
        assertThat(read(npy(1, header("<f4", "True", "(2,)"), littleEndianFloats(1f, 2f))).getDouble(1)).isEqualTo(2);
        assertThat(read(npy(1, header("<f4", "True", "(0, 3)"), new byte[0])).shape()).containsExactly(0, 3);
    }

    @Test
    void swapsBigEndianDataToLittleEndian() throws Exception {
        byte[] bigEndian = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-3f).array();
        assertThat(read(npy(1, header(">f4", "False", "(2,)"), bigEndian)))
                .isEqualTo(NdArray.ofDoubles(DType.FLOAT32, new long[] {2}, 1.5, -3));

        byte[] shorts = {0x01, 0x02};
        assertThat(read(npy(1, header(">i2", "False", "(1,)"), shorts)).getLong(0)).isEqualTo(0x0102);
        assertThat(read(npy(1, header(">i8", "True", "()"), new byte[] {0, 0, 0, 0, 0, 0, 0, 7})).getLong(0))
                .isEqualTo(7);
        // one-byte types have no byte order
        assertThat(read(npy(1, header(">u1", "False", "(2,)"), new byte[] {1, 2})).data()).containsExactly(1, 2);
    }

    @Test
    void rejectsFilesWithoutTheMagic() {
        assertThatThrownBy(() -> read("PK\u0003\u0004 not numpy".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: not a .npy file: it does not start with \\x93NUMPY");
        assertThatThrownBy(() -> read(new byte[0])).hasMessage("x.npy: not a .npy file: it does not start with \\x93NUMPY");
        assertThatThrownBy(() -> read(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1}))
                .hasMessage("x.npy: truncated .npy file: it ends inside the format version");
    }

    @Test
    void rejectsUnknownVersions() {
        byte[] file = npy(1, header("<f4", "False", "()"), new byte[4]);
        file[6] = 4;
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: unsupported .npy format version 4.0; supported: 1.0, 2.0, 3.0");
        file[6] = 1;
        file[7] = 1;
        assertThatThrownBy(() -> read(file)).hasMessageContaining("unsupported .npy format version 1.1");
    }

    @Test
    void rejectsTruncatedHeaders() {
        byte[] file = npy(1, header("<f4", "False", "()"), new byte[0]);
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(file, 9)))
                .hasMessage("x.npy: truncated .npy file: it ends inside the header length");
        assertThatThrownBy(() -> read(java.util.Arrays.copyOf(file, 30)))
                .hasMessage("x.npy: truncated .npy file: the header should have 56 bytes, found 20");
    }

    @Test
    void rejectsImplausibleHeaderLengthsBeforeReadingThem() {
        byte[] file = npy(2, header("<f4", "False", "()"), new byte[4]);
        ByteBuffer.wrap(file, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fffffff);
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: header length 2147483647 is implausible; at most 65535 bytes are supported");
    }

    @Test
    void rejectsTruncatedData() {
        byte[] file = npy(1, header("<f4", "False", "(2, 3)"), new byte[10]);
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: holds 10 bytes of array data but its header (float32 of shape (2, 3)) needs 24");
        // from a stream of unknown length the shortfall shows once the data ends
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(file), "x.npy"))
                .hasMessage("x.npy: truncated array data: the header (float32 of shape (2, 3)) needs 24 bytes, found 10");
    }

    @Test
    void rejectsDataBeyondWhatTheHeaderDescribes() {
        byte[] file = npy(1, header("<f4", "False", "(1,)"), new byte[5]);
        assertThatThrownBy(() -> read(file))
                .hasMessage("x.npy: holds 5 bytes of array data but its header (float32 of shape (1,)) needs 4");
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(file), "x.npy"))
                .hasMessage("x.npy: more bytes follow the array data than the header (float32 of shape (1,), 4 bytes)"
                        + " describes");
    }

    @Test
    void rejectsAbsurdShapesWithoutAllocatingThem() {
        // 8e12 bytes declared, a few present: refused from the header alone
        byte[] file = npy(1, header("<f8", "False", "(1000000, 1000000)"), new byte[16]);
        assertThatThrownBy(() -> read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: float64 of shape (1000000, 1000000) needs more than 2147483639 bytes,"
                        + " the most an array holds");
        byte[] overflowing = npy(1, header("<f4", "False", "(4294967296, 4294967296)"), new byte[0]);
        assertThatThrownBy(() -> read(overflowing))
                .hasMessage("x.npy: shape (4294967296, 4294967296) has more than 2^63 elements");
    }

    @Test
    void aLyingHeaderCostsOnlyWhatArrives() {
        // 2 GB declared, 16 bytes sent: the reader never asks for more than its first buffer
        byte[] file = npy(1, header("|u1", "False", "(2000000000,)"), new byte[16]);
        int[] largestRequest = {0};
        InputStream in = new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                largestRequest[0] = Math.max(largestRequest[0], length);
                return super.read(buffer, offset, length);
            }
        };

        assertThatThrownBy(() -> Npy.read(in, "x.npy"))
                .hasMessage("x.npy: truncated array data: the header (uint8 of shape (2000000000,)) needs"
                        + " 2000000000 bytes, found 16");
        assertThat(largestRequest[0]).isLessThanOrEqualTo(Npy.FIRST_READ_BUFFER);
    }

    @Test
    void readsArraysLargerThanTheFirstBuffer() throws Exception {
        NdArray large = NdArray.ofLongs(DType.INT32, new long[] {3 * Npy.FIRST_READ_BUFFER / 4 + 1},
                new long[3 * Npy.FIRST_READ_BUFFER / 4 + 1]);
        byte[] file = Npy.toBytes(large);
        file[file.length - 1] = 0x12;

        NdArray read = Npy.read(new ByteArrayInputStream(file), "x.npy");

        assertThat(read.byteCount()).isEqualTo(3 * Npy.FIRST_READ_BUFFER + 4);
        assertThat(read.getLong(read.elementCount() - 1)).isEqualTo(0x12000000);
    }

    @Test
    void rejectsHeadersThatAreNotTheExpectedLiteral() {
        byte[] data = new byte[4];
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)", data)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: header is not a valid Python literal (expected ',' or '}' at offset 54):"
                        + " \"{'descr': '<f4', 'fortran_order': False, 'shape': (1,)\"");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4, 'fortran_order': False, 'shape': (1,), }", data)))
                .hasMessageContaining("header is not a valid Python literal (expected ',' or '}' at offset 17)");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x", data)))
                .hasMessageContaining("(unexpected text after the literal at offset 58)");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': false, 'shape': (1,), }", data)))
                .hasMessageContaining("(expected a string, number, True, False, tuple, list or dict at offset 34)");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1), }", data)))
                .hasMessageContaining("(a one-element tuple needs a trailing comma, like (3,) at offset 53)");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'descr': '<f4'}", data)))
                .hasMessageContaining("(key 'descr' appears twice at offset 41)");
        assertThatThrownBy(() -> read(npy(1, "{'descr': 'it\\'s', 'fortran_order': False, 'shape': ()}", data)))
                .hasMessageContaining("(escape sequences in strings are not supported at offset 13)");
        assertThatThrownBy(() -> read(npy(1, "{'shape': (99999999999999999999,)}", data)))
                .hasMessageContaining("('99999999999999999999' is not an integer that fits in 64 bits at offset 11)");
        assertThatThrownBy(() -> read(npy(1, "(" .repeat(40), data)))
                .hasMessageContaining("(nested more than 16 deep at offset 16)");
        assertThatThrownBy(() -> read(npy(1, "", data)))
                .hasMessage("x.npy: header is not a valid Python literal (expected a value but the text ended"
                        + " at offset 0): \"\"");
    }

    @Test
    void rejectsHeadersWithWrongKeysOrValues() {
        byte[] data = new byte[4];
        assertThatThrownBy(() -> read(npy(1, "['<f4', False, (1,)]\n", data)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: header is not a dict: \"['<f4', False, (1,)]\"");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'shape': (1,)}", data)))
                .hasMessage("x.npy: header keys are [descr, shape]; expected exactly descr, fortran_order and shape:"
                        + " \"{'descr': '<f4', 'shape': (1,)}\"");
        assertThatThrownBy(() -> read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", data)))
                .hasMessageStartingWith("x.npy: header keys are [descr, fortran_order, shape, x]");
        assertThatThrownBy(() -> read(npy(1, header("<f4", "0", "(1,)"), data)))
                .hasMessageStartingWith("x.npy: fortran_order is not True or False: ");
        assertThatThrownBy(() -> read(npy(1, header("<f4", "False", "[1]"), data)))
                .hasMessageStartingWith("x.npy: shape is not a tuple: ");
        assertThatThrownBy(() -> read(npy(1, header("<f4", "False", "(-1,)"), data)))
                .hasMessageStartingWith("x.npy: shape holds something other than non-negative integers: ");
        assertThatThrownBy(() -> read(npy(1, header("<f4", "False", "('1',)"), data)))
                .hasMessageStartingWith("x.npy: shape holds something other than non-negative integers: ");
        assertThatThrownBy(() -> read(npy(1, "{'descr': 4, 'fortran_order': False, 'shape': (1,)}", data)))
                .hasMessage("x.npy: descr 4 is not a dtype string");
    }

    @Test
    void rejectsStructuredObjectAndOtherDtypesSayingWhatIsSupported() {
        byte[] data = new byte[8];
        assertThatThrownBy(() -> read(npy(1,
                "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (1,), }", data)))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("x.npy: descr [Tuple[items=[x, <f4]], Tuple[items=[y, <f4]]] is a structured dtype"
                        + " (a list of fields); only plain numeric and bool arrays are supported");
        assertThatThrownBy(() -> read(npy(1, "{'descr': ('<f4', (2,)), 'fortran_order': False, 'shape': (1,)}", data)))
                .hasMessage("x.npy: descr is a sub-array dtype; only plain numeric and bool arrays are supported");
        assertThatThrownBy(() -> read(npy(1, header("|O", "False", "(1,)"), data)))
                .hasMessageStartingWith("x.npy: dtype '|O' holds pickled Python objects, which are not supported;"
                        + " supported: |b1, |i1");
        assertThatThrownBy(() -> read(npy(1, header("<c8", "False", "(1,)"), data)))
                .hasMessageStartingWith("x.npy: unsupported dtype '<c8'; supported: |b1, |i1, |u1, <i2");
    }

    @Test
    void readsFromAStreamWithoutClosingIt() throws Exception {
        NdArray array = NdArray.ofLongs(DType.UINT16, new long[] {2}, 1, 65535);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(array, out);
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(out.toByteArray()) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
            }
        };

        assertThat(Npy.read(in, "x.npy")).isEqualTo(array);
        assertThat(closed[0]).isFalse();
    }
}
