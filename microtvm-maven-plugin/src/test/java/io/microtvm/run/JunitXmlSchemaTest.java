package io.microtvm.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * The JUnit XML of every kind of run is valid against Surefire's report schema
 * ({@code surefire-test-report-3.0.xsd}, vendored under src/test/resources/xsd), which Jenkins, GitLab and
 * the Maven site's report read.
 */
class JunitXmlSchemaTest {

    private static Schema schema() throws SAXException {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitXmlSchemaTest.class.getResource("/xsd/surefire-test-report-3.0.xsd"));
    }

    static Stream<Arguments> outcomes() {
        RunResult odd = RunOutcomes.result("id<&\"]]>", List.of(new OutputCheck("o<&>", false, "a < b & ]]>",
                Double.NaN, Double.NaN, null)));
        return Stream.of(
                Arguments.of("passed", RunOutcomes.passed()),
                Arguments.of("failed", RunOutcomes.failed()),
                Arguments.of("error", RunOutcomes.error()),
                Arguments.of("skipped", RunOutcomes.skipped()),
                Arguments.of("error after runs", RunOutcome.error(RunOutcomes.ID, RunOutcomes.facts(),
                        new IllegalStateException("gate"), RunOutcomes.result("x", List.of()), null, List.of())),
                Arguments.of("markup", RunOutcome.completed(RunOutcomes.ID, RunOutcomes.facts(), odd, null, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outcomes")
    void theReportIsValidAgainstSurefiresSchema(String kind, RunOutcome outcome) throws Exception {
        String xml = RunReports.junitXml(outcome);

        assertThatCode(() -> schema().newValidator().validate(new StreamSource(new StringReader(xml))))
                .as(xml).doesNotThrowAnyException();
    }

    @Test
    void theSchemaRejectsWhatSurefireWouldNotWrite() throws Exception {
        // the check can fail: six decimals in a time, as this plugin wrote before, break the schema
        String xml = RunReports.junitXml(RunOutcomes.passed()).replaceFirst("time=\"0\\.018\"", "time=\"0.018000\"");

        assertThatThrownBy(() -> schema().newValidator().validate(new StreamSource(new StringReader(xml))))
                .isInstanceOf(SAXException.class);
    }
}
