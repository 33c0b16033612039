package io.microtvm.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.microtvm.Fault;
import io.microtvm.LockTimeoutException;
import io.microtvm.MicroTvmException;
import io.microtvm.Setting;
import io.microtvm.Step;
import io.microtvm.options.InvalidOptionsException;
import io.microtvm.options.OptionProblem;
import io.microtvm.projectapi.ProjectMethod;
import io.microtvm.transport.DeviceException;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** The one place where a failure of the core becomes Maven's kind of failure, with the remedy in Maven's words. */
class MojoExceptionsTest {

    @Test
    void theUsersConfigurationFailsTheBuildAndEveryOtherFaultErrsIt() {
        assertThat(MojoExceptions.toMojoException(new MicroTvmException(Fault.CONFIGURATION, "bad")))
                .isInstanceOf(MojoFailureException.class).hasMessage("bad");
        for (Fault fault : List.of(Fault.ENVIRONMENT, Fault.DEVICE, Fault.INTERNAL)) {
            assertThat(MojoExceptions.toMojoException(new MicroTvmException(fault, "broken")))
                    .as("%s", fault).isInstanceOf(MojoExecutionException.class).hasMessage("broken");
        }
        // the class says nothing: a device exception the user caused is still the user's
        assertThat(MojoExceptions.toMojoException(
                new DeviceException(Fault.CONFIGURATION, "Malformed socket address", null, false, Setting.SERIAL_PORT)))
                .isInstanceOf(MojoFailureException.class);
    }

    @Test
    void aFailureOutsideTheCoreIsAnExecutionErrorWithItsMessage() {
        IOException io = new IOException("disk full");
        assertThat(MojoExceptions.toMojoException(io)).isInstanceOf(MojoExecutionException.class)
                .hasMessage("disk full").hasCause(io);
        MojoFailureException maven = new MojoFailureException("as it was");
        assertThat(MojoExceptions.toMojoException(maven)).isSameAs(maven);
    }

    @Test
    void theSettingThatFixesItIsNamedAsParameterAndProperty() {
        assertThat(MojoExceptions.toMojoException(MicroTvmException.badSetting(Setting.RETRIES,
                "The number of retries must be 0 or more; got -1.")))
                .hasMessage("The number of retries must be 0 or more; got -1. Set retries (property"
                        + " microtvm.retries).");
        // a property not named after its parameter
        assertThat(MojoExceptions.toMojoException(MicroTvmException.badSetting(Setting.MLF, "No model given")))
                .hasMessage("No model given. Set modelLibraryFormat (property microtvm.mlf).");
    }

    @Test
    void theStepToRunFirstIsNamedAsAGoalAndASettingAsTheOtherWay() {
        assertThat(MojoExceptions.toMojoException(MicroTvmException.stepNotRun(Step.BUILD, "Could not find a build.")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Could not find a build. Run mvn microtvm:build first.");
        assertThat(MojoExceptions.toMojoException(
                MicroTvmException.stepNotRun(Step.CREATE_PROJECT, Setting.PROJECT_DIR, "No project at /p.")))
                .hasMessage("No project at /p. Run mvn microtvm:create-project first, or set projectDir (property"
                        + " microtvm.projectDir).");
    }

    @Test
    void anEnvironmentFaultWithARemedyKeepsItsKindAndGetsTheRemedy() {
        assertThat(MojoExceptions.toMojoException(new LockTimeoutException("Timed out waiting for /p.",
                Setting.LOCK_TIMEOUT)))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Timed out waiting for /p. Set lockTimeout (property microtvm.lockTimeout).");
    }

    @Test
    void invalidOptionsEndWithHowToListTheTemplatesOptionsOnALineOfTheirOwn() {
        InvalidOptionsException e = new InvalidOptionsException(ProjectMethod.BUILD, "template 'host' (/x)",
                List.of(new OptionProblem(OptionProblem.Kind.WRONG_TYPE, "verbose", "1", "bool", List.of(), null,
                        "option 'verbose': given '1', expected a bool: true or false")));

        assertThat(MojoExceptions.toMojoException(e)).isInstanceOf(MojoFailureException.class).hasMessage("""
                1 invalid option for build of template 'host' (/x):
                  - option 'verbose': given '1', expected a bool: true or false
                Run 'mvn microtvm:list-options' to see the options this template accepts, with types, choices and \
                defaults.""");
    }
}
