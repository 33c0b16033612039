package io.microtvm.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the {@code run} goal, as the user configures them; {@link RunMojo} runs with them.
 * Kept apart so that the goal's class holds its steps, and this one what {@code microtvm:help} documents.
 */
abstract class RunParameters extends AbstractDeviceTestMojo {

    /** A .npz with named model inputs; inputs it does not name are filled by {@code fillMode}. */
    @Parameter(property = "microtvm.inputs")
    protected File inputs;

    /**
     * The inputs as Maven coordinates instead of a file: groupId:artifactId:version[:classifier] of an
     * .npz artifact, resolved from the build's repositories. Unset: inputs.
     */
    @Parameter(property = "microtvm.inputsArtifact")
    protected String inputsArtifact;

    /** zeros, ones or random (tvmc's rule: int8 dtypes 0..127, else uniform in [-1, 1)). */
    @Parameter(property = "microtvm.fillMode", defaultValue = "random")
    protected String fillMode;

    /** Seed of the random fill; unset: a fresh one, logged so the run can be repeated. */
    @Parameter(property = "microtvm.seed")
    protected Long seed;

    /** Where the outputs are saved (.npz with output_0, output_1, ...). Default: target/microtvm/PROJECT-outputs.npz. */
    @Parameter(property = "microtvm.outputs")
    protected File outputs;

    /** Print the indices and values of the N largest elements of output_0. */
    @Parameter(property = "microtvm.printTop", defaultValue = "0")
    protected int printTop;

    /**
     * A .npz with expected outputs, named output_0, ... or by the model's own output names; a mismatch
     * fails the run, a name the model has no output for is an error, and an output it has no array
     * for is named in a warning.
     */
    @Parameter(property = "microtvm.expectedOutputs")
    protected File expectedOutputs;

    /**
     * Shapes of outputs whose shape the model does not record, as {@code NAME:[d0,d1,...]} entries
     * ({@code output_0:[1,12],output_1:[2,3]}; NAME is {@code output_N} or the output's name); empty (the
     * default): the model's own shapes, else those of {@code expectedOutputs}, else flat.
     */
    @Parameter(property = "microtvm.outputShapes")
    protected String outputShapes;

    /**
     * The expected outputs as Maven coordinates instead of a file: groupId:artifactId:version[:classifier]
     * of an .npz artifact, resolved from the build's repositories. Unset: expectedOutputs.
     */
    @Parameter(property = "microtvm.expectedOutputsArtifact")
    protected String expectedOutputsArtifact;

    /** Absolute tolerance of the comparison. Default: 0 for integer outputs, 1e-5 for floats. */
    @Parameter(property = "microtvm.atol")
    protected Double atol;

    /** Relative tolerance of the comparison. Default: 0 for integer outputs, 1e-5 for floats. */
    @Parameter(property = "microtvm.rtol")
    protected Double rtol;

    /**
     * Runs of the model on the same inputs, default 1: inputs are uploaded once and outputs downloaded once,
     * latency is reported as min/median/max, and runs that give different outputs fail the run.
     */
    @Parameter(property = "microtvm.repeat", defaultValue = "1")
    protected int repeat;

    /**
     * What the device's firmware speaks: {@code auto} (from the project's project_type:
     * standalone, or host_driven), {@code standalone} (the plugin's own protocol), or
     * {@code host-driven} (microTVM RPC with TVM's CRT RPC server, as {@code tvmc run --device micro}
     * uses; for projects of TVM's own templates, e.g. its crt host template or Zephyr host_driven).
     * Host-driven runs read the model (module name, executor, graph, parameters) from the MLF
     * extracted under the project's model/ dir, time each run with the device's timer through
     * runtime.RPCTimeEvaluator, and forward the device's log messages to the build log.
     */
    @Parameter(property = "microtvm.protocol", defaultValue = "auto")
    protected String protocol;

    /**
     * Talk to the device directly instead of through the template's transport: a serial port path
     * ({@code /dev/ttyACM0}, {@code COM3}) opened with jSerialComm, or {@code socket://host:port} for a UART
     * exposed on TCP (ser2net, QEMU {@code -serial tcp::4000,server=on}). The flashed firmware must be running
     * there. Unset: the Project API transport of the project (which starts QEMU for qemu-arm).
     */
    @Parameter(property = "microtvm.serialPort")
    protected String serialPort;

    /**
     * Whether {@code run} may use the direct channel a bundled template offers to its device program (a
     * local socket, no server in the data path); {@code false} sends every byte through the Project API
     * relay, as TVM's own client does. Templates that offer none always use the relay.
     */
    @Parameter(property = "microtvm.directChannel", defaultValue = "true")
    protected boolean directChannel;

    /** Baud rate of {@code serialPort} (8N1, no flow control); ignored for sockets. */
    @Parameter(property = "microtvm.baudRate", defaultValue = "115200")
    protected int baudRate;

    /**
     * Standalone tensors of at least this many bytes go through files on the device's host instead of the
     * byte channel, where the firmware offers that (qemu-arm: QEMU semihosting; host) and the transport is the
     * template's own, never with serialPort; default 16384, 0: every tensor, -1: never.
     */
    @Parameter(property = "microtvm.hostFileThreshold", defaultValue = "16384")
    protected long hostFileThreshold;

    /**
     * Attach the JSON report to the Maven project (classifier EXECUTION-report), so that {@code install}
     * and {@code deploy} publish it.
     */
    @Parameter(property = "microtvm.attach", defaultValue = "true")
    protected boolean attach;

    /**
     * Latency gate: the run fails when its median device time exceeds this, e.g. {@code 5ms}, {@code 800us},
     * {@code 2s}, {@code 412ns}, or under QEMU -icount a count of emulated instructions such as
     * {@code 20000000instructions}. Unset: no limit.
     */
    @Parameter(property = "microtvm.maxDeviceTime")
    protected String maxDeviceTime;

    /**
     * Regression gate: the JSON report of an earlier run (a microtvm-*.json, e.g. kept from the last release);
     * the run fails when its median device time or its flash or RAM footprint grew by more than
     * {@code maxRegressionPercent}. Unset: no comparison.
     */
    @Parameter(property = "microtvm.baselineReport")
    protected File baselineReport;

    /** How much the device time and the footprint may grow against {@code baselineReport}, in percent; default 10. */
    @Parameter(property = "microtvm.maxRegressionPercent", defaultValue = "10")
    protected double maxRegressionPercent;

    /**
     * Whether a run that fails (outputs, gates) or errs fails the build at once. Unset: yes, unless the module
     * binds microtvm:verify, which then fails the build after every execution has run and reported (as
     * Failsafe's integration-test and verify). false leaves the verdict to microtvm:verify.
     */
    @Parameter(property = "microtvm.failAtRun")
    protected Boolean failAtRun;
}
