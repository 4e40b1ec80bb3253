package io.cellwatch.streams.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports the channel table as Prometheus families, straight from its rows at scrape time: one
 * snapshot per {@link ChannelFamily} with a series for each channel whose value is a number, and the
 * {@code cellwatch_channel_info} series carrying each channel's cell type, chemistry and group once
 * instead of on every series. Registered on the Prometheus registry Micrometer writes to, so one
 * scrape writes both.
 *
 * <p>Why not a Micrometer gauge per channel and value: at 10,000 channels that is 170,000 meter
 * objects, each turned into its own data point by a lambda at every scrape, plus NaN series for the
 * readings a channel never has; here a scrape walks an array of rows once per family.
 */
final class ChannelFamilies implements MultiCollector {
    private final ChannelRows rows;
    private final Clock clock;
    private final List<String> names;

    ChannelFamilies(ChannelRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
        List<String> all = new ArrayList<>();
        all.add(ChannelFamily.INFO.getPrometheusName() + "_info");
        for (ChannelFamily family : ChannelFamily.values()) {
            all.add(family.metadata().getPrometheusName());
        }
        this.names = List.copyOf(all);
    }

    @Override
    public MetricSnapshots collect() {
        long now = clock.millis();
        List<ChannelGauges> table = rows.inChannelOrder();
        List<MetricSnapshot> families = new ArrayList<>(ChannelFamily.values().length + 1);
        List<InfoDataPointSnapshot> described = new ArrayList<>(table.size());
        for (ChannelGauges row : table) {
            Labels info = row.infoLabels();
            if (info != null && !row.retired) {
                described.add(new InfoDataPointSnapshot(info));
            }
        }
        if (!described.isEmpty()) {
            families.add(new InfoSnapshot(ChannelFamily.INFO, described));
        }
        for (ChannelFamily family : ChannelFamily.values()) {
            List<GaugeDataPointSnapshot> series = new ArrayList<>(table.size());
            for (ChannelGauges row : table) {
                double value = family.value(row, now);
                if (!Double.isNaN(value) && !row.retired) {
                    series.add(new GaugeDataPointSnapshot(value, row.labels, null));
                }
            }
            if (!series.isEmpty()) {
                families.add(new GaugeSnapshot(family.metadata(), series));
            }
        }
        return new MetricSnapshots(families);
    }

    @Override
    public List<String> getPrometheusNames() {
        return names;
    }
}
