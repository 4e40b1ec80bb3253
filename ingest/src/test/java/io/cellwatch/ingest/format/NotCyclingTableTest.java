package io.cellwatch.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.testing.RealCorpus;
import io.cellwatch.testing.RealCorpus.NotCycling;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's table of real files cellwatch does not read says what the corpus tests hold
 * ({@link RealCorpus#NOT_CYCLING}): the same files, each with its technique, its reason and the
 * error {@code replay} gives. Kept in step here so that neither changes alone.
 */
class NotCyclingTableTest {
    private static final String SECTION = "### Real files cellwatch does not read";
    private static final String AS_ABOVE = "as above";

    /** One row of the README's table, "as above" replaced by the row above's cell. */
    private record Row(String file, String technique, String reason, String error) {}

    @Test
    void theReadmeTableListsEveryFileTheCorpusTestsRefuseWithItsReasonAndError() throws IOException {
        List<Row> rows = readmeTable();

        assertThat(rows)
                .extracting(Row::file)
                .containsExactlyElementsOf(
                        RealCorpus.NOT_CYCLING.stream().map(NotCycling::file).toList());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            NotCycling expected = RealCorpus.NOT_CYCLING.get(i);
            assertThat(row.technique()).as("technique of %s", row.file()).isEqualTo(expected.technique());
            assertThat(row.reason()).as("reason of %s", row.file()).isEqualTo(expected.reason());
            assertThat(row.error()).as("error of %s", row.file()).contains(expected.error());
        }
    }

    private static List<Row> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(readme(), StandardCharsets.UTF_8);
        int section = lines.indexOf(SECTION);
        assertThat(section).as("README section '%s'", SECTION).isNotNegative();
        List<Row> rows = new ArrayList<>();
        Row above = null;
        boolean inTable = false;
        for (String line : lines.subList(section + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
            String file = cells[0].strip();
            if (file.equals("file") || file.startsWith("---")) {
                continue;
            }
            Row row = new Row(
                    unquoted(file),
                    cells[1].strip(),
                    orAbove(cells[2].strip(), above == null ? null : above.reason()),
                    orAbove(cells[3].strip(), above == null ? null : above.error()));
            rows.add(row);
            above = row;
        }
        assertThat(rows).as("rows of the README table").isNotEmpty();
        return rows;
    }

    private static String orAbove(String cell, String above) {
        return cell.equals(AS_ABOVE) ? above : cell;
    }

    private static String unquoted(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }

    /** The project's README: tests run in a module folder, the README is one of its parents'. */
    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                try {
                    if (Files.readString(candidate, StandardCharsets.UTF_8).contains(SECTION)) {
                        return candidate;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError(
                "no README.md with '" + SECTION + "' above " + Path.of("").toAbsolutePath());
    }
}
