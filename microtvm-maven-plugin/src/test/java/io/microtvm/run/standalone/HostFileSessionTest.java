package io.microtvm.run.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microtvm.BuildLog;
import io.microtvm.Setting;
import io.microtvm.transport.DeviceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which tensors the standalone session moves through host files (LOAD_INPUT, SAVE_OUTPUT), against a
 * device in memory that reads and writes the files it is named, as the real ones do: the threshold, the
 * device's capability and who opened the transport decide; a refused file is a clear error; the temp
 * files are gone afterwards on every path.
 */
class HostFileSessionTest {
    static final Duration CALL = Duration.ofSeconds(5);
    static final DeviceInfo WITH_HOST_FILES = new DeviceInfo(1, 1, StandaloneSessionTest.MODEL_ID,
            List.of(new TensorInfo("small", "int8", new long[] {8}, true, 8),
                    new TensorInfo("big", "int8", new long[] {100}, true, 100)),
            List.of(new TensorInfo("out", "int8", new long[] {100}, true, 100)),
            1024, "test ticks", 1000, DeviceInfo.HOST_FILES);

    @TempDir
    Path temp;

    final List<String> deviceLog = new ArrayList<>();
    final List<String> buildLog = new ArrayList<>();
    final BuildLog log = new BuildLog() {
        @Override public void debug(String message) { buildLog.add("DEBUG " + message); }
        @Override public void info(String message) { buildLog.add("INFO " + message); }
        @Override public void warn(String message) { buildLog.add("WARN " + message); }
        @Override public void error(String message) { buildLog.add("ERROR " + message); }
    };

    /** A device with host files: loads inputs from and saves outputs (out[i] = i + 1) to the files it is named. */
    Function<Frame, List<byte[]>> fileServingDevice(DeviceInfo info) {
        Function<Frame, List<byte[]>> channel = StandaloneSessionTest.working(info, deviceLog);
        return request -> {
            if (request.type() != 0x05 && request.type() != 0x06) {
                return channel.apply(request);
            }
            ByteBuffer p = ByteBuffer.wrap(request.payload()).order(ByteOrder.LITTLE_ENDIAN);
            int index = p.getShort();
            byte[] path = new byte[p.getShort() & 0xFFFF];
            p.get(path);
            Path file = Path.of(new String(path, StandardCharsets.UTF_8));
            try {
                if (request.type() == 0x05) {
                    deviceLog.add("LOAD_INPUT " + index + " " + Files.readAllBytes(file).length + " bytes");
                    return List.of(FakeDevice.reply(request, 0x85, new byte[0]));
                }
                byte[] out = new byte[(int) info.outputs().get(index).sizeBytes()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) (i + 1);
                }
                Files.write(file, out);
                deviceLog.add("SAVE_OUTPUT " + index);
                return List.of(FakeDevice.reply(request, 0x86, new byte[0]));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private StandaloneDeviceSession open(FakeDevice device, long threshold, TransportOrigin origin) throws Exception {
        return StandaloneDeviceSession.open(device, CALL, CALL, new HostFileThreshold(threshold), origin, log, temp);
    }

    private void runOnce(StandaloneDeviceSession session) throws Exception {
        session.setInput(0, new byte[8]);
        session.setInput(1, new byte[100]);
        session.run();
        byte[] out = session.getOutput(0);
        assertThat(out).hasSize(100);
        assertThat(out[0]).isEqualTo((byte) (deviceLog.contains("SAVE_OUTPUT 0") ? 1 : 0));
    }

    @Test
    void tensorsFromTheThresholdOnGoThroughHostFilesAndTheChoiceIsLoggedOnce() throws Exception {
        StandaloneDeviceSession session = open(new FakeDevice(fileServingDevice(WITH_HOST_FILES)), 100,
                TransportOrigin.TEMPLATE);
        runOnce(session);
        runOnce(session);

        assertThat(deviceLog).containsExactly("SET_INPUT 0 @0 +8", "LOAD_INPUT 1 100 bytes", "SAVE_OUTPUT 0",
                "SET_INPUT 0 @0 +8", "LOAD_INPUT 1 100 bytes", "SAVE_OUTPUT 0");
        assertThat(buildLog).containsExactly("INFO Through files on the device's host (hostFileThreshold"
                + " 100 bytes): input 1 'big' int8[100] (100 bytes), output 0 'out' int8[100] (100 bytes)");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void thresholdZeroTakesEveryTensorAndMinusOneNone() throws Exception {
        runOnce(open(new FakeDevice(fileServingDevice(WITH_HOST_FILES)), 0, TransportOrigin.TEMPLATE));
        assertThat(deviceLog).containsExactly("LOAD_INPUT 0 8 bytes", "LOAD_INPUT 1 100 bytes", "SAVE_OUTPUT 0");

        deviceLog.clear();
        buildLog.clear();
        runOnce(open(new FakeDevice(fileServingDevice(WITH_HOST_FILES)), -1, TransportOrigin.TEMPLATE));
        assertThat(deviceLog).doesNotContain("LOAD_INPUT 0 8 bytes", "LOAD_INPUT 1 100 bytes", "SAVE_OUTPUT 0");
        assertThat(buildLog).isEmpty();
    }

    @Test
    void aLinkOfTheUsersNeverUsesHostFiles() throws Exception {
        FakeDevice device = new FakeDevice(fileServingDevice(WITH_HOST_FILES));
        StandaloneDeviceSession session = open(device, 0, TransportOrigin.USER_LINK);
        runOnce(session);

        assertThat(device.received(RequestType.LOAD_INPUT)).isEmpty();
        assertThat(device.received(RequestType.SAVE_OUTPUT)).isEmpty();
        assertThat(device.received(RequestType.SET_INPUT)).isNotEmpty();
        assertThat(device.received(RequestType.GET_OUTPUT)).isNotEmpty();
        assertThat(buildLog).singleElement().asString().startsWith("DEBUG Host files not used")
                .contains("(serialPort)");
    }

    @Test
    void aDeviceWithoutTheCapabilityGetsEveryTensorOverTheChannel() throws Exception {
        DeviceInfo without = new DeviceInfo(1, 0, StandaloneSessionTest.MODEL_ID, WITH_HOST_FILES.inputs(),
                WITH_HOST_FILES.outputs(), 1024, "test ticks", 1000);
        FakeDevice device = new FakeDevice(fileServingDevice(without));
        runOnce(open(device, 0, TransportOrigin.TEMPLATE));

        assertThat(device.received(RequestType.LOAD_INPUT)).isEmpty();
        assertThat(device.received(RequestType.SAVE_OUTPUT)).isEmpty();
        assertThat(buildLog).singleElement().asString().contains("does not offer them");
    }

    @Test
    void aPathLongerThanTheMaxPayloadAllowsFallsBackToTheChannel() throws Exception {
        DeviceInfo tiny = new DeviceInfo(1, 1, StandaloneSessionTest.MODEL_ID, WITH_HOST_FILES.inputs(),
                WITH_HOST_FILES.outputs(), 16, "test ticks", 1000, DeviceInfo.HOST_FILES);
        FakeDevice device = new FakeDevice(fileServingDevice(tiny));
        runOnce(open(device, 0, TransportOrigin.TEMPLATE));

        assertThat(device.received(RequestType.LOAD_INPUT)).isEmpty();
        assertThat(buildLog).singleElement().asString().contains("does not fit the device's max payload of 16");
    }

    @Test
    void aRefusedHostFileIsAClearErrorAndLeavesNoFileBehind() throws Exception {
        Function<Frame, List<byte[]>> serving = fileServingDevice(WITH_HOST_FILES);
        FakeDevice device = new FakeDevice(request -> request.type() == 0x05 || request.type() == 0x06
                ? List.of(FakeDevice.reply(request, 0xFF, FakeDevice.errorPayload(8, 2, "cannot open the host file")))
                : serving.apply(request));
        StandaloneDeviceSession session = open(device, 0, TransportOrigin.TEMPLATE);

        assertThatThrownBy(() -> session.setInput(1, new byte[100]))
                .isInstanceOfSatisfying(DeviceException.class,
                        e -> assertThat(e.setting()).contains(Setting.HOST_FILE_THRESHOLD))
                .hasMessageContaining("Moving input 1 through a file on the device's host failed")
                .hasMessageContaining("refused LOAD_INPUT: HOST_FILE_FAILED (8), detail 2: cannot open the host file")
                .hasMessageContaining("A threshold of -1 sends every tensor over the transport instead.")
                .cause().isInstanceOfSatisfying(DeviceErrorException.class,
                        e -> assertThat(e.knownCode()).contains(DeviceErrorCode.HOST_FILE_FAILED));
        assertThatThrownBy(() -> session.getOutput(0))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("refused SAVE_OUTPUT: HOST_FILE_FAILED (8)");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void anOutputFileOfTheWrongSizeIsABadReply() throws Exception {
        Function<Frame, List<byte[]>> serving = fileServingDevice(WITH_HOST_FILES);
        FakeDevice device = new FakeDevice(request -> {
            if (request.type() != 0x06) {
                return serving.apply(request);
            }
            String path = new String(request.payload(), 4, request.payload().length - 4, StandardCharsets.UTF_8);
            try {
                Files.write(Path.of(path), new byte[3]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return List.of(FakeDevice.reply(request, 0x86, new byte[0]));
        });
        StandaloneDeviceSession session = open(device, 0, TransportOrigin.TEMPLATE);

        assertThatThrownBy(() -> session.getOutput(0))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("saved 3 bytes of output 0")
                .hasMessageContaining("where the output has 100");
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theThresholdRefusesValuesBelowMinusOneNamingItsProperty() {
        assertThatThrownBy(() -> new HostFileThreshold(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The host-file threshold must be a size in bytes, 0 (every tensor through host files where"
                        + " possible) or -1 (never); got -2");
        assertThat(new HostFileThreshold(0).covers(0)).isTrue();
        assertThat(HostFileThreshold.NEVER.covers(Long.MAX_VALUE)).isFalse();
        assertThat(HostFileThreshold.DEFAULT.covers(16383)).isFalse();
        assertThat(HostFileThreshold.DEFAULT.covers(16384)).isTrue();
    }
}
