package io.microtvm.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionAssignmentsTest {

    @Nested
    class Parse {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", " \t\n "})
        void blankInputMeansNoOptions(String text) {
            assertThat(OptionAssignments.parse(text)).isEmpty();
        }

        @Test
        void pairsKeepTheirOrder() {
            assertThat(OptionAssignments.parse("project_type=host_driven,board=qemu_x86,verbose=true"))
                    .containsExactly(entry("project_type", "host_driven"), entry("board", "qemu_x86"),
                            entry("verbose", "true"));
        }

        @Test
        void aPairIsSplitAtItsFirstEquals() {
            assertThat(OptionAssignments.parse("compile_definitions=-DX=1,board=a=b"))
                    .containsExactly(entry("compile_definitions", "-DX=1"), entry("board", "a=b"));
        }

        @Test
        void aCommaNotFollowedByNameEqualsBelongsToTheValue() {
            assertThat(OptionAssignments.parse("cflags=-O2,-DA=1")).containsExactly(entry("cflags", "-O2,-DA=1"));
            assertThat(OptionAssignments.parse("boards=a,b,c,verbose=true"))
                    .containsExactly(entry("boards", "a,b,c"), entry("verbose", "true"));
            assertThat(OptionAssignments.parse("n=1,2x=3")).containsExactly(entry("n", "1,2x=3"));
            assertThat(OptionAssignments.parse("a=1,,b=2")).containsExactly(entry("a", "1,"), entry("b", "2"));
        }

        @Test
        void aCommaBeforeSomethingShapedLikeNameEqualsAlwaysSeparates() {
            // the documented ambiguity: B=2 reads as a pair of its own; write \, to keep it in the value
            assertThat(OptionAssignments.parse("defs=-DA=1,B=2"))
                    .containsExactly(entry("defs", "-DA=1"), entry("B", "2"));
        }

        @Test
        void anEscapedCommaIsAlwaysLiteral() {
            assertThat(OptionAssignments.parse("defs=-DA=1\\,B=2,verbose=true"))
                    .containsExactly(entry("defs", "-DA=1,B=2"), entry("verbose", "true"));
            assertThat(OptionAssignments.parse("a=x\\,")).containsExactly(entry("a", "x,"));
        }

        @Test
        void otherBackslashesAreKept() {
            assertThat(OptionAssignments.parse("west_cmd=C:\\tools\\west.exe,p=\\\\srv\\share\\"))
                    .containsExactly(entry("west_cmd", "C:\\tools\\west.exe"), entry("p", "\\\\srv\\share\\"));
        }

        @Test
        void blanksAroundNamesAreTrimmedButValuesAreKept() {
            assertThat(OptionAssignments.parse("  a = 1 , b\t=2 "))
                    .containsExactly(entry("a", " 1 "), entry("b", "2 "));
        }

        @Test
        void aTrailingCommaStaysInTheValue() {
            assertThat(OptionAssignments.parse("a=1,")).containsExactly(entry("a", "1,"));
        }

        @Test
        void emptyValuesAreKept() {
            assertThat(OptionAssignments.parse("cmsis_path=,verbose=")).containsExactly(
                    entry("cmsis_path", ""), entry("verbose", ""));
        }

        @Test
        void newlinesAndNonAsciiSurvive() {
            assertThat(OptionAssignments.parse("msg=grüße\nzeile 2 ✓,ort=東京"))
                    .containsExactly(entry("msg", "grüße\nzeile 2 ✓"), entry("ort", "東京"));
        }

        @Test
        void theLastOfDuplicateNamesWinsAtTheFirstPosition() {
            assertThat(OptionAssignments.parse("a=1,b=2,a=3"))
                    .containsExactly(entry("a", "3"), entry("b", "2"));
        }

        @Test
        void theResultIsAnOrderedMutableMap() {
            LinkedHashMap<String, String> map = OptionAssignments.parse("a=1");
            map.put("b", "2");
            assertThat(map).containsExactly(entry("a", "1"), entry("b", "2"));
        }
    }

    @Nested
    class Errors {

        @Test
        void aTokenWithoutEquals() {
            assertThatThrownBy(() -> OptionAssignments.parse("foo"))
                    .isInstanceOf(OptionFormatException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Invalid option format: 'foo'. Use OPTION=VALUE[,OPTION=VALUE...].");
        }

        @Test
        void theBadTokenIsTheTextUpToTheNextPair() {
            assertThatThrownBy(() -> OptionAssignments.parse("verbose,board=qemu_x86"))
                    .hasMessage("Invalid option format: 'verbose'. Use OPTION=VALUE[,OPTION=VALUE...].")
                    .extracting(e -> ((OptionFormatException) e).token()).isEqualTo("verbose");
            assertThatThrownBy(() -> OptionAssignments.parse("foo,bar"))
                    .hasMessage("Invalid option format: 'foo,bar'. Use OPTION=VALUE[,OPTION=VALUE...].");
        }

        @Test
        void anEmptyName() {
            assertThatThrownBy(() -> OptionAssignments.parse("=1"))
                    .hasMessage("Invalid option format: '=1'. Use OPTION=VALUE[,OPTION=VALUE...].");
            assertThatThrownBy(() -> OptionAssignments.parse("  =1,a=2"))
                    .hasMessage("Invalid option format: '  =1'. Use OPTION=VALUE[,OPTION=VALUE...].");
        }

        @Test
        void aLeadingComma() {
            assertThatThrownBy(() -> OptionAssignments.parse(",a=1"))
                    .hasMessage("Invalid option format: ''. Use OPTION=VALUE[,OPTION=VALUE...].");
        }

        @Test
        void theTokenIsShownOnOneLine() {
            assertThatThrownBy(() -> OptionAssignments.parse("a\nb"))
                    .hasMessage("Invalid option format: 'a\\nb'. Use OPTION=VALUE[,OPTION=VALUE...].");
        }
    }

    @Nested
    class Merge {

        @Test
        void theCommandLineOverridesThePomNameByName() {
            Map<String, String> pom = new LinkedHashMap<>();
            pom.put("board", "qemu_x86");
            pom.put("verbose", "false");
            Map<String, String> cli = OptionAssignments.parse("verbose=true,project_type=host_driven");

            assertThat(OptionAssignments.merge(pom, cli)).containsExactly(entry("board", "qemu_x86"),
                    entry("verbose", "true"), entry("project_type", "host_driven"));
            assertThat(pom).containsEntry("verbose", "false");
        }

        @Test
        void eitherSideMayBeNull() {
            assertThat(OptionAssignments.merge(null, Map.of("a", "1"))).containsExactly(entry("a", "1"));
            assertThat(OptionAssignments.merge(Map.of("a", "1"), null)).containsExactly(entry("a", "1"));
            assertThat(OptionAssignments.merge(null, null)).isEmpty();
        }

        @Test
        void anEmptyCommandLineKeepsThePom() {
            assertThat(OptionAssignments.merge(Map.of("a", "1"), OptionAssignments.parse("")))
                    .containsExactly(entry("a", "1"));
        }
    }
}
