package io.microtvm.npz;

import io.microtvm.AtomicFiles;
import io.microtvm.MicroTvmException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes numpy's {@code .npz} archives: a zip whose every entry is an array
 * {@code NAME.npy}, as {@code np.savez} (stored entries) and {@code np.savez_compressed} (deflated
 * entries) write them and {@code tvmc run} takes and produces them.
 */
public final class Npz {

    private static final String SUFFIX = ".npy";
    /** numpy's entries carry the zip epoch; a fixed time also keeps our output reproducible. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /**
     * Every array in the archive, keyed by entry name without {@code .npy}, in entry order (the
     * order of the zip's central directory, which is the order numpy wrote them in).
     *
     * @throws NpyFormatException if the file is not a zip, an entry is not a {@code .npy} array
     *     this package reads, two entries share a name, or an entry declares an implausible size
     * @throws MicroTvmException  if the file cannot be read
     */
    public static LinkedHashMap<String, NdArray> read(Path file) throws MicroTvmException {
        String fileName = String.valueOf(file.getFileName());
        try {
            return readArchive(file, fileName);
        } catch (IOException e) {
            throw Npy.unreadable(fileName, e);
        }
    }

    private static LinkedHashMap<String, NdArray> readArchive(Path file, String fileName) throws MicroTvmException,
            IOException {
        LinkedHashMap<String, NdArray> arrays = new LinkedHashMap<>();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new NpyFormatException(fileName, "not a zip archive (" + e.getMessage() + ")", e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String source = fileName + ": entry '" + entry.getName() + "'";
                String name = arrayName(entry, source);
                if (arrays.containsKey(name)) {
                    throw new NpyFormatException(source, "the archive has two entries named '" + entry.getName()
                            + "'; each array name must appear once");
                }
                arrays.put(name, readEntry(zip, entry, source));
            }
        }
        return arrays;
    }

    /**
     * Writes {@code arrays} as {@code file}, one stored entry {@code NAME.npy} per array in the
     * map's order, like {@code np.savez}. The archive is written next to {@code file} under a
     * temporary name and moved into place atomically, so {@code file} is either the complete new
     * archive or left as it was.
     *
     * @throws IllegalArgumentException if an array name is empty (nothing is written then)
     */
    public static void write(Path file, Map<String, NdArray> arrays) throws IOException {
        for (String name : arrays.keySet()) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("array names must not be empty: " + file.getFileName());
            }
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NdArray> array : arrays.entrySet()) {
                putStored(zip, array.getKey() + SUFFIX, Npy.toBytes(array.getValue()));
            }
            zip.finish();
        });
    }

    private static String arrayName(ZipEntry entry, String source) throws NpyFormatException {
        String entryName = entry.getName();
        if (entry.isDirectory() || !entryName.endsWith(SUFFIX)) {
            throw new NpyFormatException(source, "not a .npy array; every entry of a .npz archive must be NAME.npy");
        }
        return entryName.substring(0, entryName.length() - SUFFIX.length());
    }

    private static NdArray readEntry(ZipFile zip, ZipEntry entry, String source) throws MicroTvmException, IOException {
        long declared = entry.getSize();
        // checked before anything is read: the central directory can claim any size
        if (declared > Npy.MAX_FILE_LENGTH) {
            throw new NpyFormatException(source, "declares " + declared + " bytes, more than the "
                    + NdArray.MAX_BYTE_COUNT + " bytes of array data supported");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Npy.readStream(in, source, declared);
        } catch (ZipException e) {
            throw new NpyFormatException(source, "corrupt zip entry (" + e.getMessage() + ")", e);
        }
    }

    private static void putStored(ZipOutputStream zip, String entryName, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(entryName);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
