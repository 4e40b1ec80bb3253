package io.cellwatch.deploy.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The slopes of a soak run, fitted over the measurements after the warm-up. Heap after GC, threads
 * and open files must be flat: their fitted growth over the measured window within {@link
 * #FLAT_SHARE} of their mean (or a small absolute allowance: a thread or two, a few files, a few MB
 * of heap, which come and go with Kafka's clients). State stores are reported per store; the
 * cycle history grows by design (each channel keeps its newest 20,000 cycles), the others must be flat.
 *
 * @param settings what ran
 * @param measured measurements taken in all
 * @param hours    length of the window the slopes are fitted over
 * @param samplesPerSecond samples the streams instance folded per second over that window
 */
public record SoakReport(
        SoakSettings settings,
        int measured,
        double hours,
        double samplesPerSecond,
        Slope heap,
        Slope threads,
        Slope openFiles,
        Map<String, Slope> stores) {

    /** Growth over the window, as a share of the mean, below which a series counts as flat. */
    static final double FLAT_SHARE = 0.10;
    /** Stores that grow by design. */
    static final List<String> GROWING_BY_DESIGN = List.of("cycle-history-store");

    static SoakReport of(SoakSettings settings, List<SoakRun.Point> points) {
        double warmUpHours = settings.warmUp().toMillis() / 3.6e6;
        List<SoakRun.Point> window =
                points.stream().filter(p -> p.hours() >= warmUpHours).toList();
        if (window.size() < 3) {
            throw new IllegalStateException("too few measurements after the warm-up: " + window.size());
        }
        SoakRun.Point first = window.get(0);
        SoakRun.Point last = window.get(window.size() - 1);
        double hours = last.hours() - first.hours();
        Map<String, Slope> stores = new java.util.TreeMap<>();
        SoakRun.storeSeries(window).forEach((store, series) -> stores.put(store, Slope.fit(series)));
        return new SoakReport(
                settings,
                points.size(),
                hours,
                (last.samples() - first.samples()) / (hours * 3600),
                Slope.fit(window.stream()
                        .map(p -> new double[] {p.hours(), p.heapAfterGcBytes()})
                        .toList()),
                Slope.fit(window.stream()
                        .map(p -> new double[] {p.hours(), p.threads()})
                        .toList()),
                Slope.fit(window.stream()
                        .map(p -> new double[] {p.hours(), p.openFiles()})
                        .toList()),
                stores);
    }

    boolean flat(Slope slope, double allowance) {
        double growth = Math.abs(slope.perHour() * hours);
        return growth <= Math.max(allowance, FLAT_SHARE * Math.abs(slope.mean()));
    }

    public boolean passed() {
        boolean storesFlat = stores.entrySet().stream()
                .filter(e -> !GROWING_BY_DESIGN.contains(e.getKey()))
                .allMatch(e -> flat(e.getValue(), 8e6));
        return flat(heap, 16e6) && flat(threads, 2) && flat(openFiles, 16) && storesFlat;
    }

    public void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "cellwatch soak: %d channels at %.0fx, %d partitions, streams -Xmx%s; %d measurements, slopes over %.2f h"
                        + " after a %d min warm-up; %,.0f samples/s folded%n",
                settings.channels(),
                settings.acceleration(),
                settings.partitions(),
                settings.streamsHeap(),
                measured,
                hours,
                settings.warmUp().toMinutes(),
                samplesPerSecond);
        line(out, "heap after GC (MB)", heap, 1e6, flat(heap, 16e6));
        line(out, "threads", threads, 1, flat(threads, 2));
        line(out, "open files", openFiles, 1, flat(openFiles, 16));
        stores.forEach((store, slope) -> line(
                out,
                "store " + store + " (MB)",
                slope,
                1e6,
                GROWING_BY_DESIGN.contains(store) ? null : flat(slope, 8e6)));
        out.println(passed() ? "  FLAT: PASSED" : "  NOT FLAT: FAILED");
    }

    private static void line(PrintStream out, String what, Slope slope, double unit, Boolean flat) {
        out.printf(
                Locale.ROOT,
                "  %-36s first %9.1f  last %9.1f  mean %9.1f  slope %+9.2f/h (%+6.1f %%/h)  %s%n",
                what,
                slope.first() / unit,
                slope.last() / unit,
                slope.mean() / unit,
                slope.perHour() / unit,
                100 * slope.relativePerHour(),
                flat == null ? "grows by design" : flat ? "flat" : "GROWS");
    }
}
