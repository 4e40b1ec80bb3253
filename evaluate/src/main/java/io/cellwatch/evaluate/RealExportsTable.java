package io.cellwatch.evaluate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/** The real-exports part of the report: every export a format reads, with every alert episode. */
final class RealExportsTable {
    private RealExportsTable() {}

    static void print(Evaluation.Result result, PrintWriter out) {
        out.println("## Real exports (every alert episode)");
        out.println();
        if (result.real() == null) {
            out.println("(real-data folder not found: left out)");
            out.println();
            return;
        }
        out.println("| file | format | declared | cycles | samples | alerts | README says |");
        out.println("|---|---|---|---|---|---|---|");
        for (RealExports.Row row : result.real().rows()) {
            String alerts = row.error() != null
                    ? "**not read: " + row.error() + "**"
                    : row.episodes().isEmpty()
                            ? "none"
                            : row.episodes().stream().map(Object::toString).collect(Collectors.joining("; "));
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %,d%s | %s | %s |%n",
                    MarkdownCells.cell(row.file()),
                    row.format(),
                    MarkdownCells.cell(row.declared()),
                    row.cycles(),
                    row.samples(),
                    row.malformed() > 0 ? " (" + row.malformed() + " malformed)" : "",
                    MarkdownCells.cell(alerts),
                    MarkdownCells.cell(row.expectation()));
        }
        out.println();
        if (!result.real().unreadable().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%d files no format reads (binary exports without a reader): %s%n%n",
                    result.real().unreadable().size(),
                    String.join(", ", result.real().unreadable()));
        }
    }
}
