package io.microtvm.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import io.microtvm.npz.DType;
import io.microtvm.npz.NdArray;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outcomes of each status for the report tests: made by hand, as a real run would end. */
final class RunOutcomes {
    static final RunIdentity ID = new RunIdentity("com.acme", "kws-tests", "on-device");
    static final String FAILURE = "output_1: 1 of 4 elements differ (expected exactly); worst at [2]: got 8,"
            + " expected 7; max abs error 1, RMSE 0.5, top-1 agrees (index 2)";

    private RunOutcomes() {
    }

    static RunFacts facts() {
        return new RunFacts(Instant.parse("2026-12-06T20:01:02Z"), "proj", "ci-agent-7", "qemu-arm", "mps2-an386",
                "/models/kws.tar", "ab12", "standalone", "random", 1234L);
    }

    static RunResult result(String modelId, List<OutputCheck> checks) {
        return result(modelId, "cycle counter", checks);
    }

    static RunResult result(String modelId, String timer, List<OutputCheck> checks) {
        Map<String, NdArray> outputs = new LinkedHashMap<>();
        outputs.put("output_0", NdArray.zeros(DType.FLOAT32, 1, 10));
        outputs.put("output_1", NdArray.zeros(DType.INT32, 4));
        return new RunResult("proj", modelId, timer,
                List.of(new TensorSpec("input", DType.INT8, new long[] {1, 28, 28}, true, 784),
                        new TensorSpec("scale", DType.FLOAT32, new long[] {1}, false, 4)),
                outputs,
                List.of(new RunResult.Timing(0.002, 0.005), new RunResult.Timing(0.001, 0.004),
                        new RunResult.Timing(0.003, 0.009)),
                checks, List.of("scale"),
                Map.of("output_0", OutputShapes.Source.DEVICE, "output_1", OutputShapes.Source.NONE));
    }

    static List<OutputCheck> onePassingOneFailing() {
        return List.of(
                new OutputCheck("output_0", true, "output_0: all 10 elements match", 0.0, 0.0, true, 1.0,
                        new long[] {0, 3}, 0.5, 0.5, null, false),
                new OutputCheck("output_1", false, FAILURE, 1.0, 0.5, true, 0.99, new long[] {2}, 8, 7,
                        new double[] {0, 0, 1, 0}, false));
    }

    static ObjectNode footprint() {
        return new ObjectMapper().createObjectNode().put("board", "mps2-an386").put("flash_bytes", 5936)
                .put("flash_capacity_bytes", 4194304).put("ram_bytes", 23856).put("ram_capacity_bytes", 4194304);
    }

    static RunOutcome passed() {
        return RunOutcome.completed(ID, facts(), result("abc123", List.of(onePassingOneFailing().get(0))), footprint(),
                List.of(new GateResult("maxDeviceTime", true, 0.002, 0.005, Double.NaN, "seconds", "within")));
    }

    static RunOutcome failed() {
        return RunOutcome.completed(ID, facts(), result("abc123", onePassingOneFailing()), footprint(),
                List.of(new GateResult("regression.flash", false, 7000, 6529.6, 5936, "bytes", "grew too much")));
    }

    static RunOutcome error() {
        return RunOutcome.error(ID, RunFacts.startingNow("ci-agent-7", "random", 99L),
                new MicroTvmException(Fault.CONFIGURATION, "The inputs file has no input named 'x <&> y'"), null,
                        null, List.of());
    }

    static RunOutcome skipped() {
        return RunOutcome.skipped(ID, RunFacts.startingNow("ci-agent-7", "random", null), "skipITs=true");
    }
}
