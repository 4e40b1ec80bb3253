package io.cellwatch.streams.testing;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What a scrape shows of the per-channel families: a channel's value in a family, the families it has series in. */
public final class ChannelSeries {
    private ChannelSeries() {}

    /** The channel's value in the family of this Prometheus name; empty when it has no series there. */
    public static Optional<Double> value(MultiCollector families, String name, String channel) {
        for (MetricSnapshot family : families.collect()) {
            if (family.getMetadata().getPrometheusName().equals(name) && family instanceof GaugeSnapshot gauge) {
                for (GaugeSnapshot.GaugeDataPointSnapshot point : gauge.getDataPoints()) {
                    if (channel.equals(point.getLabels().get("channel"))) {
                        return Optional.of(point.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The channel's value in the family, failing when it has no series there. */
    public static double of(MultiCollector families, String name, String channel) {
        return value(families, name, channel)
                .orElseThrow(() -> new AssertionError("no " + name + " series for channel " + channel));
    }

    /** Names of the families the channel has a series in (the info series included). */
    public static Set<String> familiesOf(MultiCollector families, String channel) {
        Set<String> names = new TreeSet<>();
        for (MetricSnapshot family : families.collect()) {
            for (DataPointSnapshot point : family.getDataPoints()) {
                if (channel.equals(point.getLabels().get("channel"))) {
                    names.add(family.getMetadata().getPrometheusName());
                }
            }
        }
        return names;
    }
}
