package io.microtvm.projectapi;

import static io.microtvm.projectapi.TestServers.CALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microtvm.Fault;
import io.microtvm.MicroTvmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure of the Project API package says whose fault it is and whether trying again may
 * help, by itself, as real servers produce it: no caller has to tell that from the class or from
 * what wraps it.
 */
class ProjectApiFaultsTest {

    @TempDir
    Path tempDir;

    private static ObjectNode object() {
        return ProjectApiClient.JSON.createObjectNode();
    }

    @Test
    void aMethodTheTemplateFailsIsTheConfigurationsFaultAndFinal() throws Exception {
        try (ProjectApiClient client = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), l -> { })) {
            MicroTvmException e = catchThrowableOfType(
                    () -> client.build(object().put("fail", "make"), CALL), ServerErrorException.class);
            assertThat(e.fault()).isEqualTo(Fault.CONFIGURATION);
            assertThat(e.isTransient()).isFalse();

            MicroTvmException refused = catchThrowableOfType(
                    () -> client.serverInfoQuery("reject-me", CALL), UnsupportedTvmVersionException.class);
            assertThat(refused.fault()).isEqualTo(Fault.CONFIGURATION);
        }
    }

    @Test
    void theDevicesTransportErrorsAreTheDevicesFaultWhateverWrapsThem() throws Exception {
        try (ProjectApiClient client = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), l -> { })) {
            MicroTvmException closed = catchThrowableOfType(
                    () -> client.readTransport(1, 0.0, CALL), TransportClosedException.class);
            assertThat(closed.fault()).isEqualTo(Fault.DEVICE);
            assertThat(closed.isTransient()).isFalse();

            client.openTransport(object(), CALL);
            MicroTvmException silent = catchThrowableOfType(
                    () -> client.readTransport(1, 0.0, CALL), IoTimeoutException.class);
            assertThat(silent.fault()).isEqualTo(Fault.DEVICE);
            assertThat(silent.isTransient()).isTrue();
        }
    }

    @Test
    void aRequestTheServerDoesNotKnowIsAnInternalFault() throws Exception {
        try (ProjectApiClient client = ServerLauncher.launch(LaunchSpec.of(TestServers.scripted(tempDir)), l -> { })) {
            MicroTvmException e = catchThrowableOfType(
                    () -> client.call("no_such_method", object(), CALL), JsonRpcErrorException.class);
            assertThat(e.fault()).isEqualTo(Fault.INTERNAL);
        }
    }

    @Test
    void aServerThatNeverAnswersIsTheEnvironmentsFaultAndWorthAnotherTry() throws Exception {
        try (ProjectApiClient client = ServerLauncher.launch(TestServers.chaos(tempDir, "never_answers"), l -> { })) {
            MicroTvmException e = catchThrowableOfType(
                    () -> client.serverInfoQuery("0.18.0", Duration.ofSeconds(2)), CallTimeoutException.class);
            assertThat(e.fault()).isEqualTo(Fault.ENVIRONMENT);
            assertThat(e.isTransient()).isTrue();
        }
    }

    @Test
    void aDirWithoutAServerIsTheEnvironmentsFault() throws Exception {
        Path empty = Files.createDirectory(tempDir.resolve("empty"));
        MicroTvmException e = catchThrowableOfType(
                () -> ServerLauncher.launch(LaunchSpec.of(empty), l -> { }), ServerNotFoundException.class);
        assertThat(e.fault()).isEqualTo(Fault.ENVIRONMENT);
        assertThat(e.isTransient()).isFalse();
    }
}
