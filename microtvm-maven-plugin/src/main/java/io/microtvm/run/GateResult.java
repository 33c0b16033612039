package io.microtvm.run;

/**
 * One latency or regression gate of a run.
 *
 * @param name     e.g. {@code maxDeviceTime}, {@code regression.deviceTime}, {@code regression.flash}
 * @param passed   whether the measured value is within the limit
 * @param measured the value of this run, in {@code unit}
 * @param limit    the largest value that passes, in {@code unit}
 * @param baseline the baseline's value for a regression gate, in {@code unit}; NaN for other gates
 * @param unit     {@code seconds}, {@code instructions} or {@code bytes}
 * @param message  one line for a person, with the numbers
 */
public record GateResult(String name, boolean passed, double measured, double limit, double baseline, String unit,
                         String message) {
}
