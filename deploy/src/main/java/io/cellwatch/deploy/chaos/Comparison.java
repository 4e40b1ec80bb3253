package io.cellwatch.deploy.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One kind of record compared channel by channel: what the live pipeline committed against what
 * replay produced from the same samples. Every difference is a mismatch: a record missing, one
 * there more often than replay made it (doubled), one replay never made or made otherwise
 * (differing), or the right records in another order.
 *
 * @param what      what was compared ("cycle summaries")
 * @param expected  records replay produced
 * @param actual    records the topic held
 * @param missing   expected records not there
 * @param doubled   extra copies of expected records
 * @param differing records replay did not produce (a changed value shows as one missing and one differing)
 * @param reordered channels whose records are all there but in another order
 * @param examples  the first few differences, for the report
 */
record Comparison(
        String what,
        long expected,
        long actual,
        long missing,
        long doubled,
        long differing,
        long reordered,
        List<String> examples) {
    private static final int EXAMPLES = 5;

    long mismatches() {
        return missing + doubled + differing + reordered;
    }

    /**
     * @param describe names a record in an example line (its channel is given already)
     */
    static <T> Comparison of(
            String what, Map<String, List<T>> expected, Map<String, List<T>> actual, Function<T, String> describe) {
        TreeSet<String> channels = new TreeSet<>(expected.keySet());
        channels.addAll(actual.keySet());
        long expectedCount = 0;
        long actualCount = 0;
        long missing = 0;
        long doubled = 0;
        long differing = 0;
        long reordered = 0;
        List<String> examples = new ArrayList<>();
        List<String> differ = new ArrayList<>();
        for (String channel : channels) {
            List<T> e = expected.getOrDefault(channel, List.of());
            List<T> a = actual.getOrDefault(channel, List.of());
            expectedCount += e.size();
            actualCount += a.size();
            if (e.equals(a)) {
                continue;
            }
            differ.add(channel);
            Map<T, Long> want = counts(e);
            Map<T, Long> got = counts(a);
            boolean sameRecords = want.equals(got);
            for (Map.Entry<T, Long> entry : want.entrySet()) {
                long have = got.getOrDefault(entry.getKey(), 0L);
                if (have < entry.getValue()) {
                    missing += entry.getValue() - have;
                    example(examples, channel + ": missing " + describe.apply(entry.getKey()));
                } else if (have > entry.getValue()) {
                    doubled += have - entry.getValue();
                    example(examples, channel + ": " + have + "× " + describe.apply(entry.getKey()));
                }
            }
            for (Map.Entry<T, Long> entry : got.entrySet()) {
                if (!want.containsKey(entry.getKey())) {
                    differing += entry.getValue();
                    example(examples, channel + ": not from replay: " + entry.getKey());
                }
            }
            if (sameRecords) {
                reordered++;
                example(examples, channel + ": same records in another order");
            }
        }
        if (!differ.isEmpty()) {
            examples.add(differ.size() + " channel(s) differ: "
                    + (differ.size() <= 20 ? differ : differ.subList(0, 20) + " …"));
        }
        return new Comparison(what, expectedCount, actualCount, missing, doubled, differing, reordered, examples);
    }

    private static <T> Map<T, Long> counts(List<T> items) {
        Map<T, Long> counts = new LinkedHashMap<>();
        for (T item : items) {
            counts.merge(Objects.requireNonNull(item), 1L, Long::sum);
        }
        return counts;
    }

    private static void example(List<String> examples, String line) {
        if (examples.size() < EXAMPLES) {
            examples.add(line);
        }
    }

    /** One line: counts, then the first differences. */
    String line() {
        String counts = String.format(
                java.util.Locale.ROOT,
                "%-22s expected %,9d  found %,9d  missing %d  doubled %d  differing %d  reordered %d",
                what,
                expected,
                actual,
                missing,
                doubled,
                differing,
                reordered);
        return examples.isEmpty() ? counts : counts + "\n      " + String.join("\n      ", examples);
    }
}
