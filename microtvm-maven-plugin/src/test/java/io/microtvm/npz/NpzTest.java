package io.microtvm.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    /** A numpy-written fixture; see src/test/resources/npz/PROVENANCE.md. */
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpzTest.class.getResource("/npz/" + name).toURI());
    }

    private static double[] doubles(NdArray array) {
        double[] values = new double[(int) array.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.getDouble(i);
        }
        return values;
    }

    private static long[] longs(NdArray array) {
        long[] values = new long[(int) array.elementCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.getLong(i);
        }
        return values;
    }

    // Expected values below were read from the fixtures with Python's zipfile and struct, not numpy.

    @Test
    void readsTheSineModelsInputAndOutput() throws Exception {
        Map<String, NdArray> inputs = Npz.read(fixture("sine.inputs.npz"));
        assertThat(inputs.keySet()).containsExactly("input");
        NdArray x = inputs.get("input");
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.shape()).containsExactly(1, 1);
        assertThat(x.getDouble(0)).isEqualTo(1.0);

        Map<String, NdArray> outputs = Npz.read(fixture("sine.outputs.npz"));
        assertThat(outputs.keySet()).containsExactly("output_0");
        assertThat(outputs.get("output_0").shape()).containsExactly(1, 1);
        // the model's approximation of sin(1.0) = 0.8415
        assertThat(outputs.get("output_0").getDouble(0)).isEqualTo(0.8512434959411621);
    }

    @Test
    void readsSeveralArraysInEntryOrder() throws Exception {
        Map<String, NdArray> inputs = Npz.read(fixture("two_io.inputs.npz"));
        assertThat(inputs.keySet()).containsExactly("a", "b");
        assertThat(inputs.get("a").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(inputs.get("a").shape()).containsExactly(2, 3);
        assertThat(doubles(inputs.get("a"))).containsExactly(0.001230153371579945, 0.2987455427646637,
                -0.27413785457611084, -0.8905918598175049, -0.454670786857605, -0.9916465282440186);
        assertThat(inputs.get("b").dtype()).isEqualTo(DType.INT8);
        assertThat(inputs.get("b").shape()).containsExactly(1, 4);
        assertThat(longs(inputs.get("b"))).containsExactly(82, -99, -1, 64);

        Map<String, NdArray> outputs = Npz.read(fixture("two_io.outputs.npz"));
        assertThat(outputs.keySet()).containsExactly("output_0", "output_1");
        assertThat(outputs.get("output_0").shape()).containsExactly(2, 3);
        assertThat(outputs.get("output_0").getDouble(0)).isEqualTo(11.500615119934082);
        assertThat(outputs.get("output_0").getDouble(5)).isEqualTo(11.120967864990234);
        assertThat(outputs.get("output_1").dtype()).isEqualTo(DType.INT32);
        assertThat(outputs.get("output_1").shape()).containsExactly(1, 4);
        assertThat(longs(outputs.get("output_1"))).containsExactly(248, -295, -1, 194);
    }

    @Test
    void readsInt8Arrays() throws Exception {
        NdArray input = Npz.read(fixture("mlp_int8.inputs.npz")).get("input");
        assertThat(input.dtype()).isEqualTo(DType.INT8);
        assertThat(input.shape()).containsExactly(1, 16);
        assertThat(longs(input)).containsExactly(-59, 89, 46, -88, 74, 57, -128, 118, -74, -35, 71, -105, -76, 5,
                -120, 61);

        NdArray output = Npz.read(fixture("mlp_int8.outputs.npz")).get("output_0");
        assertThat(output).isEqualTo(NdArray.ofLongs(DType.INT8, new long[] {1, 4}, -87, -37, -21, 54));
    }

    @Test
    void readsFourDimensionalImages() throws Exception {
        NdArray image = Npz.read(fixture("conv_small.inputs.npz")).get("input");
        assertThat(image.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(image.shape()).containsExactly(1, 8, 8, 1);
        // a diagonal stroke: 1.0 on the diagonal, 0.5 right of it, 0 elsewhere
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                double expected = column == row ? 1.0 : column == row + 1 ? 0.5 : 0.0;
                assertThat(image.getDouble(row * 8 + column)).isEqualTo(expected);
            }
        }
        NdArray probabilities = Npz.read(fixture("conv_small.outputs.npz")).get("output_0");
        assertThat(probabilities.shape()).containsExactly(1, 10);
        assertThat(probabilities.getDouble(7)).isEqualTo(0.3400915265083313);
    }

    @Test
    void writesEveryFixtureArrayByteForByteAsNumpyDid() throws Exception {
        for (String name : List.of("sine.inputs.npz", "sine.outputs.npz", "two_io.inputs.npz",
                "two_io.outputs.npz", "mlp_int8.inputs.npz", "mlp_int8.outputs.npz", "conv_small.inputs.npz",
                "conv_small.outputs.npz")) {
            Map<String, NdArray> arrays = Npz.read(fixture(name));
            try (ZipFile zip = new ZipFile(fixture(name).toFile())) {
                for (Map.Entry<String, NdArray> array : arrays.entrySet()) {
                    byte[] numpyWrote = zip.getInputStream(zip.getEntry(array.getKey() + ".npy")).readAllBytes();
                    assertThat(Npy.toBytes(array.getValue())).as("%s %s", name, array.getKey()).isEqualTo(numpyWrote);
                }
            }
        }
    }

    @Test
    void writesStoredNpyEntriesInMapOrderAndReadsThemBack() throws Exception {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("z_last_alphabetically", NdArray.ofDoubles(DType.FLOAT32, new long[] {1, 1}, 1.0));
        arrays.put("b", NdArray.ofLongs(DType.INT8, new long[] {1, 4}, 1, -2, 3, -4));
        for (DType type : DType.values()) {
            arrays.put(type.numpyName(), NdArray.ofLongs(type, new long[] {2, 2}, 0, 1, 1, 0));
        }
        arrays.put("scalar", NdArray.ofDoubles(DType.FLOAT64, new long[] {}, Math.E));
        arrays.put("empty", NdArray.zeros(DType.UINT16, 0, 3));
        Path file = dir.resolve("out.npz");

        Npz.write(file, arrays);

        LinkedHashMap<String, NdArray> read = Npz.read(file);
        assertThat(read).isEqualTo(arrays);
        assertThat(read.keySet()).containsExactlyElementsOf(arrays.keySet());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(entry -> {
                names.add(entry.getName());
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
            });
            assertThat(names).first().isEqualTo("z_last_alphabetically.npy");
            assertThat(names).hasSize(arrays.size()).allMatch(n -> n.endsWith(".npy"));
        }
    }

    @Test
    void stampsEntriesWithTheZipEpochLikeNumpySoOutputIsReproducible() throws Exception {
        Path file = dir.resolve("out.npz");
        Npz.write(file, Map.of("input", NdArray.ofDoubles(DType.FLOAT32, new long[] {1, 1}, 1.0)));

        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("input.npy").getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0));
        }
    }

    @Test
    void readsCompressedArchivesLikeSavezCompressed() throws Exception {
        Map<String, NdArray> original = Npz.read(fixture("two_io.outputs.npz"));
        Path file = dir.resolve("compressed.npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setMethod(ZipOutputStream.DEFLATED);
            for (Map.Entry<String, NdArray> array : original.entrySet()) {
                zip.putNextEntry(new ZipEntry(array.getKey() + ".npy"));
                zip.write(Npy.toBytes(array.getValue()));
                zip.closeEntry();
            }
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getMethod)).containsOnly(ZipEntry.DEFLATED);
        }

        assertThat(Npz.read(file)).isEqualTo(original);
    }

    @Test
    void readsAndWritesArchivesWithoutArrays() throws Exception {
        Path file = dir.resolve("none.npz");
        Npz.write(file, Map.of());
        assertThat(Npz.read(file)).isEmpty();
    }

    @Test
    void rejectsEntriesThatAreNotNpyArrays() throws Exception {
        Path file = dir.resolve("mixed.npz");
        Files.write(file, new HandMadeZip()
                .add("input.npy", Npy.toBytes(NdArray.zeros(DType.INT8, 1)))
                .add("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII))
                .toBytes());
        assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("mixed.npz: entry 'readme.txt': not a .npy array; every entry of a .npz archive must be"
                        + " NAME.npy");

        Files.write(file, new HandMadeZip().add("arrays/", new byte[0]).toBytes());
        assertThatThrownBy(() -> Npz.read(file)).hasMessageStartingWith("mixed.npz: entry 'arrays/': not a .npy array");
    }

    @Test
    void rejectsTwoEntriesWithTheSameName() throws Exception {
        Path file = dir.resolve("twice.npz");
        byte[] array = Npy.toBytes(NdArray.zeros(DType.INT8, 1));
        Files.write(file, new HandMadeZip().add("a.npy", array).add("b.npy", array).add("a.npy", array).toBytes());

        assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("twice.npz: entry 'a.npy': the archive has two entries named 'a.npy'; each array name"
                        + " must appear once");
    }

    @Test
    void rejectsAnEntryDeclaringAnAbsurdSizeBeforeReadingIt() throws Exception {
        Path file = dir.resolve("huge.npz");
        Files.write(file, new HandMadeZip()
                .add("input.npy", Npy.toBytes(NdArray.zeros(DType.INT8, 1)), 3_000_000_000L)
                .toBytes());

        assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("huge.npz: entry 'input.npy': declares 3000000000 bytes, more than the 2147483639 bytes"
                        + " of array data supported");
    }

    @Test
    void rejectsAnEntryWhoseSizeDisagreesWithItsHeader() throws Exception {
        Path file = dir.resolve("short.npz");
        byte[] array = Npy.toBytes(NdArray.zeros(DType.FLOAT32, 2, 3));
        Files.write(file, new HandMadeZip().add("input.npy", java.util.Arrays.copyOf(array, array.length - 4)).toBytes());

        assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessage("short.npz: entry 'input.npy': holds 20 bytes of array data but its header (float32 of"
                        + " shape (2, 3)) needs 24");
    }

    @Test
    void namesTheEntryWhenAnArrayIsUnreadable() throws Exception {
        Path file = dir.resolve("complex.npz");
        byte[] complex = NpyTest.npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }\n", new byte[8]);
        Files.write(file, new HandMadeZip().add("input.npy", complex).toBytes());

        assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("complex.npz: entry 'input.npy': unsupported dtype '<c8'; supported: |b1,");
    }

    @Test
    void readsBigEndianEntries() throws Exception {
        Path file = dir.resolve("big.npz");
        byte[] bigEndian = NpyTest.npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n",
                new byte[] {0x3f, (byte) 0x80, 0, 0});
        Files.write(file, new HandMadeZip().add("input.npy", bigEndian).toBytes());

        assertThat(Npz.read(file).get("input")).isEqualTo(NdArray.ofDoubles(DType.FLOAT32, new long[] {1}, 1.0));
    }

    @Test
    void rejectsFilesThatAreNotZipArchives() throws Exception {
        Path file = dir.resolve("plain.npz");
        Files.write(file, Npy.toBytes(NdArray.zeros(DType.INT8, 1)));

        assertThatThrownBy(() -> Npz.read(file))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageStartingWith("plain.npz: not a zip archive (");
    }

    @Test
    void aRejectedWriteLeavesNoFile() throws Exception {
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        arrays.put("input", NdArray.zeros(DType.INT8, 1));
        arrays.put("", NdArray.zeros(DType.INT8, 1));

        assertThatThrownBy(() -> Npz.write(dir.resolve("out.npz"), arrays))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array names must not be empty: out.npz");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aWriteFailingHalfwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("out.npz");
        Map<String, NdArray> old = Map.of("old", NdArray.zeros(DType.INT8, 1));
        Npz.write(file, old);
        byte[] oldBytes = Files.readAllBytes(file);

        assertThatThrownBy(() -> Npz.write(file, new FailingAfterFirstArray(NdArray.zeros(DType.FLOAT32, 64))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("simulated failure after the first array was written");

        assertThat(filesIn(dir)).containsExactly("out.npz");
        assertThat(Files.readAllBytes(file)).isEqualTo(oldBytes);
        assertThat(Npz.read(file)).isEqualTo(old);
    }

    @Test
    void aFailedFirstWriteLeavesNothing() throws Exception {
        assertThatThrownBy(() -> Npz.write(dir.resolve("out.npz"), new FailingAfterFirstArray(NdArray.zeros(DType.INT8, 1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void aSuccessfulWriteReplacesTheOldFile() throws Exception {
        Path file = dir.resolve("out.npz");
        Npz.write(file, Map.of("old", NdArray.zeros(DType.INT8, 1)));
        Map<String, NdArray> fresh = Map.of("new", NdArray.ofDoubles(DType.FLOAT64, new long[] {2}, 1, 2));

        Npz.write(file, fresh);

        assertThat(Npz.read(file)).isEqualTo(fresh);
        assertThat(filesIn(dir)).containsExactly("out.npz");
    }

    private static List<String> filesIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A map of two arrays whose second one can not be fetched once writing has begun: the first
     * pass (checking the names) sees both, the second (writing) fails after the first array.
     */
    private static final class FailingAfterFirstArray extends AbstractMap<String, NdArray> {
        private final NdArray first;
        private int passes;

        FailingAfterFirstArray(NdArray first) {
            this.first = first;
        }

        @Override
        public Set<Entry<String, NdArray>> entrySet() {
            boolean failing = passes++ > 0;
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, NdArray>> iterator() {
                    return new Iterator<>() {
                        private int index;

                        @Override
                        public boolean hasNext() {
                            return index < 2;
                        }

                        @Override
                        public Entry<String, NdArray> next() {
                            if (index++ == 0) {
                                return new SimpleEntry<>("first", first);
                            }
                            if (failing) {
                                throw new IllegalStateException("simulated failure after the first array was written");
                            }
                            return new SimpleEntry<>("second", first);
                        }
                    };
                }

                @Override
                public int size() {
                    return 2;
                }
            };
        }
    }
}
