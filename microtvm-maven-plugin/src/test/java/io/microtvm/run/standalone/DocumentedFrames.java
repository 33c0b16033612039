package io.microtvm.run.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worked example of docs/standalone-protocol.md (sine.tar), byte for byte, and a reader
 * of the example in the document itself so tests can check the two agree.
 */
final class DocumentedFrames {
    static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    static final Path DOC = REPO.resolve("docs/standalone-protocol.md");

    static final byte[] HELLO = WireBytes.of("FA CE 01 01 00 00 4E D2 C5 8A D9 41");
    static final byte[] HELLO_REPLY = WireBytes.of(
            "FA CE 81 01 89 00 77 47",
            "01 01 00 04",
            "B0 23 3B 76 3A AB B1 BB CA B8 92 20 96 25 CB F9",
            "3C 1B FA 3F 99 CC 9F C5 86 47 37 5D B1 F0 7F A2",
            "00 CA 9A 3B",
            "1E 00 \"clock_gettime(CLOCK_MONOTONIC)\"",
            "01 00 01 00",
            "05 00 \"input\" 07 00 \"float32\" 01 02",
            "01 00 00 00 01 00 00 00 04 00 00 00",
            "06 00 \"output\" 07 00 \"float32\" 00 01",
            "01 00 00 00 04 00 00 00",
            "01 00 00 00",
            "7E BB 61 54");
    static final byte[] SET_INPUT = WireBytes.of("FA CE 02 02 0A 00 73 2B 00 00 00 00 00 00 00 00 80 3F DD EB 26 6A");
    static final byte[] SET_INPUT_REPLY = WireBytes.of("FA CE 82 02 00 00 C2 75 6F 77 D9 41");
    static final byte[] RUN = WireBytes.of("FA CE 03 03 00 00 AB CE 48 23 D9 41");
    static final byte[] RUN_REPLY = WireBytes.of(
            "FA CE 83 03 10 00 C1 6A 00 00 00 00 C4 09 00 00 00 00 00 00 0D 54 41 CC 7A AF 99 35");
    static final byte[] GET_OUTPUT = WireBytes.of("FA CE 04 04 0A 00 1D 08 00 00 00 00 00 00 04 00 00 00 2A 22 D7 C7");
    static final byte[] GET_OUTPUT_REPLY = WireBytes.of("FA CE 84 04 04 00 A8 93 18 EB 59 3F A9 DB 2E 5B");
    static final byte[] BAD_SET_INPUT = WireBytes.of(
            "FA CE 02 05 0A 00 F6 3D 07 00 00 00 00 00 00 00 80 3F C6 E9 DC AD");
    static final byte[] ERROR = WireBytes.of(
            "FA CE FF 05 20 00 A4 3F 03 00 07 00 00 00 18 00 \"no input with this index\" F2 34 69 F3");

    /** The frames above, under the titles the document gives them. */
    static Map<String, byte[]> byTitle() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("host→dev HELLO, seq 1", HELLO);
        m.put("dev→host HELLO reply, seq 1", HELLO_REPLY);
        m.put("host→dev SET_INPUT, seq 2", SET_INPUT);
        m.put("dev→host SET_INPUT reply, seq 2", SET_INPUT_REPLY);
        m.put("host→dev RUN, seq 3", RUN);
        m.put("dev→host RUN reply, seq 3", RUN_REPLY);
        m.put("host→dev GET_OUTPUT, seq 4", GET_OUTPUT);
        m.put("dev→host GET_OUTPUT reply, seq 4", GET_OUTPUT_REPLY);
        m.put("host→dev SET_INPUT, seq 5", BAD_SET_INPUT);
        m.put("dev→host ERROR, seq 5", ERROR);
        return m;
    }

    /**
     * The worked example as the document has it: a title line ({@code host→dev ...} or
     * {@code dev→host ...}), then lines of bytes until a blank line.
     */
    static Map<String, byte[]> readFromDocument() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith("## Worked example")).findFirst()
                .orElseThrow(() -> new IllegalStateException(DOC + " has no worked example")));
        Map<String, byte[]> frames = new LinkedHashMap<>();
        String title = null;
        List<String> body = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("host→dev ") || line.startsWith("dev→host ")) {
                title = line.strip();
            } else if (title != null && (line.isBlank() || line.startsWith("```"))) {
                frames.put(title, WireBytes.of(body.toArray(String[]::new)));
                title = null;
                body.clear();
            } else if (title != null) {
                body.add(line);
            }
        }
        return frames;
    }

    private DocumentedFrames() {
    }
}
