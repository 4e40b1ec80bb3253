package io.cellwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The performance report's command line: the sections to run (all when none is named) and
 * {@code --quick}.
 *
 * @param sections the sections named, empty for all
 * @param quick    fewer rounds: checks the command works, measures nothing worth quoting
 */
record Options(Set<String> sections, boolean quick) {
    static final List<String> SECTIONS = List.of("scrape", "pipeline", "latency", "replay", "state", "ledger");

    static Options parse(String[] args) {
        boolean quick = false;
        List<String> sections = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (SECTIONS.contains(arg)) {
                sections.add(arg);
            } else {
                throw new IllegalArgumentException(
                        "unknown argument " + arg + "; sections are " + SECTIONS + ", option --quick");
            }
        }
        return new Options(Set.copyOf(sections), quick);
    }

    boolean runs(String section) {
        return sections.isEmpty() || sections.contains(section);
    }
}
