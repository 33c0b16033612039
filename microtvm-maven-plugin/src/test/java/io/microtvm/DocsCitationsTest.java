package io.microtvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code cites the protocol and format facts it relies on in docs/, by heading: {@code (docs/microtvm-rpc.md,
 * "Nonces")}. These tests keep those citations true: every cited heading exists in the cited page, every link into
 * docs/ (README's and the pages' own) names an existing page and anchor, and nothing cites numbered sections
 * (the section sign) of a specification the repository does not hold.
 */
class DocsCitationsTest {
    static final Path REPO = Path.of(System.getProperty("microtvm.repoRoot", "..")).toAbsolutePath().normalize();
    static final Path DOCS = REPO.resolve("docs");
    /** Where citations live: the plugin's sources and resources, and the templates. */
    static final List<Path> SOURCES = List.of(REPO.resolve("microtvm-maven-plugin/src"), REPO.resolve("templates"));

    // a page of docs/, then a comma and quoted headings joined by "and", "to" or commas, or the quoted headings in
    // parentheses
    private static final Pattern CITATION = Pattern.compile(
            "docs/([\\w-]+\\.md)(?:,\\s*|\\s*\\(\\s*)(\"[^\"]+\"(?:\\s*(?:,|and|to)\\s*\"[^\"]+\")*)");
    // the compatibility cases of docs/project-api.md, as the code names them: "case A3", "cases B20, B21", "B1–B22"
    private static final Pattern CASES = Pattern.compile("\\bcases? ((?:[A-F]\\d{1,2}(?:\\s*(?:,|–|and)\\s*)?)+)");
    private static final Pattern CASE_ID = Pattern.compile("[A-F]\\d{1,2}");
    private static final String SECTION_SIGN = "\u00a7";
    // the directory of the specifications these pages were written from, outside the repository (spelt in two
    // parts so this file does not cite it)
    private static final String OUTSIDE_SPECS = String.join("/", "shared", "spec");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    // a markdown link to a page of docs/, with an optional anchor
    private static final Pattern LINK = Pattern.compile("\\]\\(((?:docs/)?[\\w-]+\\.md)?(?:#([\\w-]+))?\\)");
    // a comment line's continuation: the line break and the comment marker of the next line
    private static final Pattern COMMENT_BREAK = Pattern.compile("\\s*\\R\\s*(?:\\*(?!/)|//|#)?\\s*");

    @Test
    void everyCitedHeadingExistsInTheCitedPage() throws IOException {
        List<String> wrong = new ArrayList<>();
        int citations = 0;
        for (Path file : sourceFiles()) {
            String text = COMMENT_BREAK.matcher(read(file)).replaceAll(" ");
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                Path page = DOCS.resolve(m.group(1));
                if (!Files.isRegularFile(page)) {
                    wrong.add(REPO.relativize(file) + " cites " + m.group(1) + ", which docs/ does not have");
                    continue;
                }
                Set<String> headings = headings(page);
                Matcher q = QUOTED.matcher(m.group(2));
                while (q.find()) {
                    citations++;
                    if (!headings.contains(q.group(1))) {
                        wrong.add(REPO.relativize(file) + " cites \"" + q.group(1) + "\" of docs/" + m.group(1)
                                + ", which has no such heading");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        // the pattern still finds what the code writes (a broken pattern would make this test pass vacuously)
        assertThat(citations).isGreaterThan(40);
    }

    @Test
    void everyCompatibilityCaseNamedExistsInTheProjectApiPage() throws IOException {
        Set<String> known = new HashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| ([A-F]\\d{1,2}) \\|").matcher(read(DOCS.resolve("project-api.md")));
        while (row.find()) {
            known.add(row.group(1));
        }
        assertThat(known).as("the case table of docs/project-api.md").contains("A1", "B22");
        List<String> wrong = new ArrayList<>();
        int named = 0;
        for (Path file : sourceFiles()) {
            Matcher m = CASES.matcher(COMMENT_BREAK.matcher(read(file)).replaceAll(" "));
            while (m.find()) {
                Matcher id = CASE_ID.matcher(m.group(1));
                while (id.find()) {
                    named++;
                    if (!known.contains(id.group())) {
                        wrong.add(REPO.relativize(file) + " names case " + id.group()
                                + ", which docs/project-api.md does not list");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(named).isGreaterThan(10);
    }

    @Test
    void everyLinkIntoDocsNamesAnExistingPageAndAnchor() throws IOException {
        List<String> wrong = new ArrayList<>();
        List<Path> pages = new ArrayList<>(markdownPages());
        pages.add(REPO.resolve("README.md"));
        for (Path from : pages) {
            Matcher m = LINK.matcher(read(from));
            while (m.find()) {
                if (m.group(1) == null && m.group(2) == null) {
                    continue;
                }
                Path target = m.group(1) == null ? from : from.getParent().resolve(m.group(1)).normalize();
                if (!target.startsWith(DOCS) && !target.equals(from)) {
                    continue; // links to other files of the repository are not this test's business
                }
                if (!Files.isRegularFile(target)) {
                    wrong.add(REPO.relativize(from) + " links to " + m.group(1) + ", which does not exist");
                } else if (m.group(2) != null && !anchors(target).contains(m.group(2))) {
                    wrong.add(REPO.relativize(from) + " links to #" + m.group(2) + " of " + REPO.relativize(target)
                            + ", which has no such heading");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noSectionOfASpecificationOutsideTheRepositoryIsCited() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path file : sourceFiles()) {
            String[] lines = read(file).split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(SECTION_SIGN) || lines[i].contains(OUTSIDE_SPECS)) {
                    wrong.add(REPO.relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void headingsBecomeTheAnchorsGitHubMakes() {
        assertThat(anchor("A complete AOT inference on the wire")).isEqualTo("a-complete-aot-inference-on-the-wire");
        assertThat(anchor("TVM's own templates")).isEqualTo("tvms-own-templates");
        assertThat(anchor("How tvmc checks `--project-option`")).isEqualTo("how-tvmc-checks---project-option");
        assertThat(anchor("open_transport")).isEqualTo("open_transport");
    }

    private static List<Path> sourceFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : SOURCES) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(java|py|c|h|txt|md|properties|xml|groovy)$"))
                        .filter(p -> !p.toString().contains("__pycache__"))
                        .forEach(files::add);
            }
        }
        assertThat(files).as("source files under " + SOURCES).hasSizeGreaterThan(100);
        return files;
    }

    private static List<Path> markdownPages() throws IOException {
        try (Stream<Path> walk = Files.list(DOCS)) {
            return walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    /** The text of each heading ({@code #} … {@code ######}), without the marks. */
    static Set<String> headings(Path page) throws IOException {
        Set<String> headings = new HashSet<>();
        boolean fenced = false;
        for (String line : read(page).split("\\R")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced && line.matches("#{1,6} .*")) {
                headings.add(line.replaceFirst("#{1,6} ", "").strip());
            }
        }
        return headings;
    }

    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        for (String heading : headings(page)) {
            anchors.add(anchor(heading));
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: lower case, punctuation other than - and _ dropped, spaces become -. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (MalformedInputException binary) {
            return "";
        }
    }
}
