package io.microtvm.npz;

import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads and writes single arrays in numpy's {@code .npy} format: the magic {@code \x93NUMPY}, a
 * version, a little-endian header length (2 bytes in version 1.0, 4 in 2.0 and 3.0), a Python dict
 * literal (Latin-1, or UTF-8 in 3.0) padded with spaces to end in {@code \n}, then the raw
 * elements.
 *
 * <p>Reading accepts versions 1.0, 2.0 and 3.0; big-endian data is swapped to little-endian and
 * Fortran-order data rearranged into C order, so every array comes back in {@link NdArray}'s layout.
 * Writing produces what current numpy writes for a C-order array: version 1.0, keys in sorted order,
 * numpy's spare spaces, and padding so the data starts at a multiple of 64 bytes.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    /** Data buffers start at most this big and double as data arrives. */
    static final int FIRST_READ_BUFFER = 1 << 20;
    /** The most a version 1.0 header can say; real headers are about 120 bytes. */
    static final int MAX_HEADER_LENGTH = 0xffff;
    /** Magic, version and the 2-byte header length of version 1.0. */
    private static final int V1_PREFIX_LENGTH = MAGIC.length + 2 + 2;
    /** The longest {@code .npy} file this package reads: 4-byte length field, longest header, most data. */
    static final long MAX_FILE_LENGTH = MAGIC.length + 2 + 4 + MAX_HEADER_LENGTH + (long) NdArray.MAX_BYTE_COUNT;

    private Npy() {
    }

    /**
     * The array in {@code bytes}, a whole {@code .npy} file.
     *
     * @param source names the file in error messages
     * @throws NpyFormatException if it is not a {@code .npy} file this package reads
     */
    public static NdArray read(byte[] bytes, String source) throws NpyFormatException {
        try {
            return readStream(new ByteArrayInputStream(bytes), source, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array can not fail to read", e);
        }
    }

    /**
     * The array of a {@code .npy} file read from {@code in} to its end (not closed).
     *
     * @param source names the file in error messages
     * @throws NpyFormatException if it is not a {@code .npy} file this package reads
     * @throws MicroTvmException   if reading {@code in} failed
     */
    public static NdArray read(InputStream in, String source) throws MicroTvmException {
        return read(in, source, -1);
    }

    /**
     * As {@link #read(InputStream, String)}, with the stream's length when known ({@code -1} if
     * not) so a mismatch with the header is caught before the data is read.
     */
    static NdArray read(InputStream in, String source, long knownLength) throws MicroTvmException {
        try {
            return readStream(in, source, knownLength);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /** An I/O failure under the reader, not a format problem: the machine's, named with the file. */
    static MicroTvmException unreadable(String source, IOException e) {
        return new MicroTvmException(Fault.ENVIRONMENT, source + ": cannot be read (" + e.getMessage() + ")", e);
    }

    static NdArray readStream(InputStream in, String source, long knownLength)
            throws IOException, NpyFormatException {
        Version version = readVersion(in, source);
        byte[] headerBytes = readHeaderBytes(in, source, version);
        NpyHeader header;
        int dataLength;
        try {
            header = NpyHeader.parse(decode(headerBytes, version.headerCharset()));
            dataLength = NdArray.byteCount(header.dtype(), header.shape());
        } catch (IllegalArgumentException e) {
            throw new NpyFormatException(source, e.getMessage(), e);
        }
        String described = header.dtype() + " of shape " + Shapes.format(header.shape());
        if (knownLength >= 0) {
            long dataPresent = knownLength - MAGIC.length - 2 - version.lengthFieldSize() - headerBytes.length;
            if (dataPresent != dataLength) {
                throw new NpyFormatException(source, "holds " + dataPresent + " bytes of array data but its header ("
                        + described + ") needs " + dataLength);
            }
        }
        byte[] data = readUpTo(in, dataLength);
        if (data.length < dataLength) {
            throw new NpyFormatException(source, "truncated array data: the header (" + described + ") needs "
                    + dataLength + " bytes, found " + data.length);
        }
        if (in.read() != -1) {
            throw new NpyFormatException(source, "more bytes follow the array data than the header (" + described
                    + ", " + dataLength + " bytes) describes");
        }

        if (header.bigEndian()) {
            ElementOrder.swapBytes(data, header.dtype().itemSize());
        }
        if (header.fortranOrder()) {
            data = ElementOrder.fortranToC(data, header.shape(), header.dtype().itemSize());
        }
        return NdArray.wrap(header.dtype(), header.shape(), data);
    }

    /** What a format version changes: the size of the header length field and the header's encoding. */
    private record Version(int lengthFieldSize, Charset headerCharset) {
    }

    private static Version readVersion(InputStream in, String source) throws IOException, NpyFormatException {
        byte[] prefix = in.readNBytes(MAGIC.length + 2);
        if (prefix.length < MAGIC.length || !Arrays.equals(prefix, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new NpyFormatException(source, "not a .npy file: it does not start with \\x93NUMPY");
        }
        if (prefix.length < MAGIC.length + 2) {
            throw new NpyFormatException(source, "truncated .npy file: it ends inside the format version");
        }
        int major = prefix[MAGIC.length] & 0xff;
        int minor = prefix[MAGIC.length + 1] & 0xff;
        if (major == 1 && minor == 0) {
            return new Version(2, StandardCharsets.ISO_8859_1);
        }
        if (major == 2 && minor == 0) {
            return new Version(4, StandardCharsets.ISO_8859_1);
        }
        if (major == 3 && minor == 0) {
            return new Version(4, StandardCharsets.UTF_8);
        }
        throw new NpyFormatException(source, "unsupported .npy format version " + major + "." + minor
                + "; supported: 1.0, 2.0, 3.0");
    }

    private static byte[] readHeaderBytes(InputStream in, String source, Version version)
            throws IOException, NpyFormatException {
        byte[] lengthField = in.readNBytes(version.lengthFieldSize());
        if (lengthField.length < version.lengthFieldSize()) {
            throw new NpyFormatException(source, "truncated .npy file: it ends inside the header length");
        }
        long headerLength = 0;
        for (int i = lengthField.length - 1; i >= 0; i--) {
            headerLength = headerLength << 8 | (lengthField[i] & 0xff);
        }
        // checked before reading: a 4-byte length field can claim 4 GiB
        if (headerLength > MAX_HEADER_LENGTH) {
            throw new NpyFormatException(source, "header length " + headerLength + " is implausible; at most "
                    + MAX_HEADER_LENGTH + " bytes are supported");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new NpyFormatException(source, "truncated .npy file: the header should have " + headerLength
                    + " bytes, found " + headerBytes.length);
        }
        return headerBytes;
    }

    /** Writes {@code array} as a {@code .npy} file to {@code out} (not closed). */
    public static void write(NdArray array, OutputStream out) throws IOException {
        out.write(headerOf(array));
        ByteBuffer data = array.dataBuffer();
        // a read-only buffer exposes no array; copy in pieces so a large array is not duplicated whole
        byte[] chunk = new byte[Math.min(data.remaining(), 1 << 16)];
        while (data.hasRemaining()) {
            int length = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, length);
            out.write(chunk, 0, length);
        }
    }

    /** {@code array} as the bytes of a {@code .npy} file. */
    public static byte[] toBytes(NdArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ALIGNMENT * 2 + array.byteCount());
        try {
            write(array, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array can not fail to write", e);
        }
        return out.toByteArray();
    }

    /** Magic, version 1.0, header length and the padded header, as numpy writes them. */
    static byte[] headerOf(NdArray array) {
        String literal = NpyHeader.format(array.dtype(), array.shape());
        // numpy always pads, by a whole 64 bytes when the header would already end on the boundary
        int padding = ALIGNMENT - (V1_PREFIX_LENGTH + literal.length() + 1) % ALIGNMENT;
        String padded = literal + " ".repeat(padding) + "\n";
        if (padded.length() > MAX_HEADER_LENGTH) {
            throw new IllegalArgumentException("an array of rank " + array.rank()
                    + " has a header too long for .npy version 1.0");
        }
        ByteBuffer header = ByteBuffer.allocate(V1_PREFIX_LENGTH + padded.length());
        header.put(MAGIC).put((byte) 1).put((byte) 0);
        header.put((byte) padded.length()).put((byte) (padded.length() >> 8));
        header.put(padded.getBytes(StandardCharsets.ISO_8859_1));
        return header.array();
    }

    /**
     * Up to {@code length} bytes, fewer if the stream ends first. The buffer grows only as bytes
     * arrive, so a header that claims far more data than the file holds costs no big allocation.
     */
    private static byte[] readUpTo(InputStream in, int length) throws IOException {
        byte[] buffer = new byte[Math.min(length, FIRST_READ_BUFFER)];
        int filled = 0;
        while (filled < length) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
            }
            int count = in.read(buffer, filled, buffer.length - filled);
            if (count < 0) {
                return Arrays.copyOf(buffer, filled);
            }
            filled += count;
        }
        return buffer;
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("header is not valid " + charset.name());
        }
    }
}
