package io.microtvm.run;

import java.nio.file.Path;

/**
 * Who a run is, for its reports and log lines: the Maven module and the execution. The testsuite
 * name, the classname and the report file names all derive from it, so two modules (even on the
 * same board) or two executions of one module never write the same file or the same identity.
 *
 * @param groupId     the module's groupId
 * @param artifactId  the module's artifactId
 * @param executionId the Maven execution id ({@code default-cli} for a goal typed on the command line)
 */
public record RunIdentity(String groupId, String artifactId, String executionId) {

    /** {@code groupId.artifactId.executionId}: the testsuite name, the classname, and the file stem. */
    public String suite() {
        return fileSafe(groupId + "." + artifactId + "." + executionId);
    }

    /** {@code groupId:artifactId}, as Maven names a module. */
    public String module() {
        return groupId + ":" + artifactId;
    }

    /** {@code groupId:artifactId@executionId}: how log lines name the run. */
    public String describe() {
        return module() + "@" + executionId;
    }

    /** The JUnit XML report in {@code reportsDir}. */
    public Path junitXml(Path reportsDir) {
        return reportsDir.resolve("TEST-" + suite() + ".xml");
    }

    /** The JSON report in {@code reportsDir}. */
    public Path json(Path reportsDir) {
        return reportsDir.resolve(RunReports.JSON_PREFIX + suite() + RunReports.JSON_SUFFIX);
    }

    /** Characters outside {@code [A-Za-z0-9._-]} become {@code _}, so the name is a file name on every system. */
    static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
