package io.microtvm.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Everything the reports of one {@code run} say: who ran, the facts, how it ended, and what it
 * measured as far as it got.
 *
 * @param identity   the module and execution
 * @param facts      when, where, on what
 * @param status     how it ended
 * @param result     what the device gave back; null when the run ended before it completed
 * @param footprint  the template's footprint report as is; null when it wrote none
 * @param gates      the latency and regression gates that were configured and evaluated
 * @param error      why the run could not complete; null unless {@code status} is ERROR
 * @param skipReason the property that skipped the run; null unless {@code status} is SKIPPED
 */
public record RunOutcome(RunIdentity identity, RunFacts facts, RunStatus status, RunResult result,
                         ObjectNode footprint, List<GateResult> gates, Failure error, String skipReason) {

    /**
     * @param type    the exception's class name
     * @param message its message
     */
    public record Failure(String type, String message) {
        public static Failure of(Throwable e) {
            return new Failure(e.getClass().getName(), e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }

    public RunOutcome {
        gates = gates == null ? List.of() : List.copyOf(gates);
    }

    /** A completed run: passed when every check and gate passed, else failed. */
    public static RunOutcome completed(RunIdentity identity, RunFacts facts, RunResult result, ObjectNode footprint,
                                       List<GateResult> gates) {
        boolean passed = result.allChecksPassed() && gates.stream().allMatch(GateResult::passed);
        return new RunOutcome(identity, facts, passed ? RunStatus.PASSED : RunStatus.FAILED, result, footprint, gates,
                null, null);
    }

    /** A run that could not complete; {@code result}, {@code footprint} and {@code gates} as far as it got. */
    public static RunOutcome error(RunIdentity identity, RunFacts facts, Throwable e, RunResult result,
                                   ObjectNode footprint, List<GateResult> gates) {
        return new RunOutcome(identity, facts, RunStatus.ERROR, result, footprint, gates, Failure.of(e), null);
    }

    /** As above, with the message as the build showed it (the caller's words for the setting that fixes it). */
    public static RunOutcome error(RunIdentity identity, RunFacts facts, Throwable e, String message, RunResult result,
                                   ObjectNode footprint, List<GateResult> gates) {
        return new RunOutcome(identity, facts, RunStatus.ERROR, result, footprint, gates,
                new Failure(e.getClass().getName(), message == null ? Failure.of(e).message() : message), null);
    }

    public static RunOutcome skipped(RunIdentity identity, RunFacts facts, String reason) {
        return new RunOutcome(identity, facts, RunStatus.SKIPPED, null, null, List.of(), null, reason);
    }
}
