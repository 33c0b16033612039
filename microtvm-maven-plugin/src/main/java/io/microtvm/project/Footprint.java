package io.microtvm.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.SettingNames;
import io.microtvm.report.Quantities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory footprint a template's build reports in {@code build/footprint.json} (the qemu-arm
 * template writes it; templates without a size report write none): bytes of flash (text + data) and
 * RAM (data + bss + heap + stack) the firmware needs, the board's capacities, and the parts.
 *
 * @param report the whole report, for the run summary
 */
public record Footprint(long flashBytes, long ramBytes, ObjectNode report) {
    public static final String FILE = GeneratedProject.BUILD_DIR + "/footprint.json";

    /** The footprint of the project's last build, or empty when its template writes none. */
    public static Optional<Footprint> of(Path projectDir) throws MicroTvmException {
        Path file = projectDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            if (!(json instanceof ObjectNode object) || !json.path("flash_bytes").canConvertToLong()
                    || !json.path("ram_bytes").canConvertToLong()) {
                throw new MicroTvmException(Fault.CONFIGURATION, file
                        + " is not a footprint report: expected a JSON object with"
                        + " flash_bytes and ram_bytes.");
            }
            return Optional.of(new Footprint(json.get("flash_bytes").asLong(), json.get("ram_bytes").asLong(), object));
        } catch (IOException e) {
            throw new MicroTvmException(Fault.CONFIGURATION, "Cannot read the footprint report " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * One line for the build log: flash and RAM against the board's capacities, the board, the parts,
     * e.g. {@code flash 5.8 KiB of 4 MiB (0.1 %), RAM 23.3 KiB of 4 MiB (0.6 %) on mps2-an386; text 5.8 KiB, ...}.
     */
    public String summary() {
        StringBuilder s = new StringBuilder(Quantities.bytesOf("flash", flashBytes, capacity("flash_capacity_bytes")))
                .append(", ").append(Quantities.bytesOf("RAM", ramBytes, capacity("ram_capacity_bytes")));
        if (report.has("board")) {
            s.append(" on ").append(report.get("board").asText());
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("text_bytes", "data_bytes", "bss_bytes", "heap_bytes", "stack_bytes")) {
            if (report.path(field).canConvertToLong()) {
                parts.add(field.replace("_bytes", "") + " " + Quantities.bytes(report.get(field).asLong()));
            }
        }
        if (!parts.isEmpty()) {
            s.append("; ").append(String.join(", ", parts));
        }
        return s.toString();
    }

    /** A capacity the report gives as a whole number, else null. */
    private Long capacity(String field) {
        return report.path(field).canConvertToLong() ? report.get(field).asLong() : null;
    }

    /**
     * The budget violations, each naming its setting as {@code names} say: empty when the footprint fits.
     *
     * @param maxFlashBytes the flash budget ({@link Setting#MAX_FLASH_BYTES}), or null for no limit
     * @param maxRamBytes   the RAM budget ({@link Setting#MAX_RAM_BYTES}), or null for no limit
     */
    public List<String> overBudget(Long maxFlashBytes, Long maxRamBytes, SettingNames names) {
        List<String> problems = new ArrayList<>();
        if (maxFlashBytes != null && flashBytes > maxFlashBytes) {
            problems.add("flash " + flashBytes + " bytes > " + names.describe(Setting.MAX_FLASH_BYTES) + " "
                    + maxFlashBytes + " bytes, by " + (flashBytes - maxFlashBytes));
        }
        if (maxRamBytes != null && ramBytes > maxRamBytes) {
            problems.add("RAM " + ramBytes + " bytes > " + names.describe(Setting.MAX_RAM_BYTES) + " " + maxRamBytes
                    + " bytes, by " + (ramBytes - maxRamBytes));
        }
        return problems;
    }
}
