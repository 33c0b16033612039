package io.microtvm.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that behave like tests, {@code run} and {@code verify}: they share the reports directory and
 * honour Surefire's and Failsafe's properties (skipTests, skipITs, maven.test.skip,
 * maven.test.failure.ignore) as users of those plugins expect.
 */
abstract class AbstractDeviceTestMojo extends AbstractMicroTvmMojo {
    /**
     * Where run writes its reports and verify reads them: TEST-GROUPID.ARTIFACTID.EXECUTION.xml (JUnit) and
     * microtvm-GROUPID.ARTIFACTID.EXECUTION.json, per execution; the page of every run there
     * ({@code index.html}, charts in {@code index-files/}) and {@code microtvm-runs.csv} are regenerated beside them.
     */
    @Parameter(property = "microtvm.reportsDirectory", defaultValue = "${project.build.directory}/microtvm-reports")
    protected File reportsDirectory;

    /**
     * Only warn when the outputs or a gate fail (Surefire's property). A run that could not complete (an
     * error: transport, device, configuration) still fails the build.
     */
    @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
    protected boolean testFailureIgnore;

    /** Skips run and verify, as for Surefire and Failsafe; run writes a report that says it was skipped. */
    @Parameter(property = "skipTests", defaultValue = "false")
    private boolean skipTests;

    /** Skips run and verify, as for Failsafe's integration tests; run writes a report that says it was skipped. */
    @Parameter(property = "skipITs", defaultValue = "false")
    private boolean skipITs;

    /** Skips run and verify, as maven.test.skip skips compiling and running tests; run reports the skip. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean mavenTestSkip;

    /** {@code skip}, else the first of Maven's test-skipping properties that is set, named as the user set it. */
    @Override
    protected String skipReason() {
        String reason = super.skipReason();
        if (reason != null) {
            return reason;
        }
        if (mavenTestSkip) {
            return "maven.test.skip=true";
        }
        if (skipTests) {
            return "skipTests=true";
        }
        return skipITs ? "skipITs=true" : null;
    }
}
