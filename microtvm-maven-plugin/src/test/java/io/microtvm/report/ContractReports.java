package io.microtvm.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** JSON run reports as the report contract (schema 2) and the earlier RunReports writer shape them, for tests. */
final class ContractReports {
    private ContractReports() {
    }

    /** A passing qemu-arm run under icount, 3 repeats, with its footprint. */
    static final String PASSED_ON_QEMU = """
            {
              "schemaVersion": 2,
              "suite": "com.acme.kws-tests.on-device",
              "module": "com.acme:kws-tests",
              "execution": "on-device",
              "project": "project",
              "status": "passed",
              "passed": true,
              "timestamp": "2026-12-06T20:01:02Z",
              "hostname": "ci-agent-7",
              "platform": "qemu-arm",
              "board": "mps2-an386",
              "model": { "file": "/work/models/kws.tar", "sha256": "3f9a" },
              "modelId": "kws-id",
              "protocol": "standalone",
              "fillMode": "random", "seed": 1234,
              "inputs":  [ { "name": "x", "dtype": "int8", "shape": [1, 49, 10, 1] } ],
              "outputs": [ { "name": "output_0", "dtype": "int8", "shape": [1, 12] } ],
              "timing": {
                "runs": 3,
                "deviceTimer": "SysTick at 25 MHz under QEMU -icount shift=0: counts emulated instructions",
                "deviceCounts": "instructions",
                "deviceSeconds":        { "min": 0.0227, "median": 0.02271, "max": 0.02272 },
                "hostRoundTripSeconds": { "min": 0.5, "median": 0.51, "max": 0.6 },
                "deviceSecondsPerRun": [0.0227, 0.02272, 0.02271],
                "hostSecondsPerRun":   [0.6, 0.51, 0.5]
              },
              "footprint": { "board": "mps2-an386", "flash_bytes": 174080, "flash_capacity_bytes": 4194304,
                             "ram_bytes": 23856, "ram_capacity_bytes": 4194304, "text_bytes": 174080 },
              "checks": [ {
                  "output": "output_0", "passed": true, "message": "output_0: all 12 elements match exactly",
                  "maxAbsError": 0.0, "rmse": 0.0, "top1Agrees": true, "cosineSimilarity": 1.0
              } ],
              "gates": [ { "name": "maxDeviceTime", "passed": true, "measured": 0.02271, "limit": 0.05,
                           "unit": "seconds", "message": "median 22.7 M instructions within 50.0 M instructions" } ],
              "error": null
            }
            """;

    /** A failed host run: output_0 differs, with its errors per element. */
    static final String FAILED_ON_HOST = """
            {
              "schemaVersion": 2,
              "suite": "com.acme.kws-tests.mismatch",
              "module": "com.acme:kws-tests",
              "execution": "mismatch",
              "status": "failed",
              "passed": false,
              "timestamp": "2026-12-06T20:02:00Z",
              "platform": "host",
              "board": null,
              "model": { "file": "C:\\\\models\\\\sine.tar", "sha256": "77aa" },
              "protocol": "standalone",
              "timing": {
                "runs": 2,
                "deviceTimer": "clock_gettime(CLOCK_MONOTONIC)",
                "deviceCounts": "seconds",
                "deviceSeconds":        { "min": 4.12e-7, "median": 4.2e-7, "max": 4.3e-7 },
                "hostRoundTripSeconds": { "min": 2.0e-4, "median": 2.1e-4, "max": 2.2e-4 },
                "deviceSecondsPerRun": [4.12e-7, 4.3e-7],
                "hostSecondsPerRun":   [2.2e-4, 2.0e-4]
              },
              "footprint": null,
              "checks": [ {
                  "output": "output_0", "passed": false,
                  "message": "output_0: 2 of 4 elements differ; worst at [0, 2]: got 1.5, expected 0.5",
                  "maxAbsError": 1.0, "rmse": 0.5590169943749474, "top1Agrees": false, "cosineSimilarity": 0.75,
                  "worstIndex": [0, 2], "worstActual": 1.5, "worstExpected": 0.5,
                  "absErrorPerElement": [0.0, 0.25, 1.0, 0.0]
              } ],
              "gates": [],
              "error": null
            }
            """;

    /** A run that could not complete. */
    static final String ERROR_ON_QEMU = """
            {
              "schemaVersion": 2,
              "suite": "com.acme.kws-tests.broken",
              "module": "com.acme:kws-tests",
              "execution": "broken",
              "status": "error",
              "passed": false,
              "platform": "qemu-arm",
              "board": "mps2-an385",
              "timing": { "runs": 0, "deviceSeconds": { "min": null, "median": null, "max": null },
                          "hostRoundTripSeconds": { "min": null, "median": null, "max": null },
                          "deviceSecondsPerRun": [], "hostSecondsPerRun": [] },
              "footprint": null,
              "checks": [],
              "gates": [],
              "error": { "type": "io.microtvm.run.standalone.DeviceErrorException",
                         "message": "the device refused: <allocation failed> & \\"gave up\\"" }
            }
            """;

    /** What RunReports wrote before schema 2: no suite, status, model, per-run times. */
    static final String OLD_FORMAT = """
            {
              "project" : "sine-an386",
              "modelId" : "sine",
              "passed" : true,
              "inputs" : [ { "name" : "x", "dtype" : "float32", "shape" : [ 1, 1 ] } ],
              "outputs" : [ { "name" : "output_0", "dtype" : "float32", "shape" : [ 1, 1 ] } ],
              "timing" : {
                "runs" : 2,
                "deviceTimer" : "SysTick at 25 MHz under QEMU -icount shift=0: counts emulated instructions (40 per tick), not silicon cycles",
                "deviceSeconds" : { "min" : 3.692E-5, "median" : 3.694E-5, "max" : 3.696E-5 },
                "hostRoundTripSeconds" : { "min" : 0.004, "median" : 0.005, "max" : 0.006 }
              },
              "footprint" : { "board" : "mps2-an386", "flash_bytes" : 5936, "flash_capacity_bytes" : 4194304,
                              "ram_bytes" : 23856, "ram_capacity_bytes" : 4194304 },
              "checks" : [ { "output" : "output_0", "passed" : true, "message" : "output_0: all 1 elements match",
                             "maxAbsError" : 1.0E-7, "rmse" : 1.0E-7 } ]
            }
            """;

    static Path write(Path dir, String name, String json) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), json);
    }
}
