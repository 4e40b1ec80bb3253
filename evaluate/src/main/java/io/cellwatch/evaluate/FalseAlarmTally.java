package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * False alarms on channels that never fail: every alert episode counts once (its escalation to
 * critical makes it a critical false alarm, not a second one), per 1,000 channel-days of test time.
 *
 * @param channels        channels watched
 * @param channelDays     days of test time watched, summed over channels
 * @param episodes        alert episodes
 * @param criticalEpisodes episodes that were or became critical
 * @param softShortEpisodes episodes of the two soft-short kinds
 * @param byKind          episodes per kind
 */
public record FalseAlarmTally(
        int channels,
        double channelDays,
        int episodes,
        int criticalEpisodes,
        int softShortEpisodes,
        Map<AlertKind, Integer> byKind) {

    public static FalseAlarmTally of(List<ChannelLog> logs) {
        int episodes = 0;
        int critical = 0;
        int softShort = 0;
        double days = 0;
        Map<AlertKind, Integer> byKind = new EnumMap<>(AlertKind.class);
        for (ChannelLog log : logs) {
            days += log.channelDays();
            for (Alert episode : log.episodes()) {
                episodes++;
                byKind.merge(episode.kind(), 1, Integer::sum);
                if (episode.kind() == AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE
                        || episode.kind() == AlertKind.SOFT_SHORT_CE_FLUCTUATION) {
                    softShort++;
                }
                String id = episode.alertId();
                boolean becameCritical = log.alerts().stream()
                        .anyMatch(a -> a.alertId().equals(id)
                                && a.status() == AlertStatus.FIRING
                                && a.severity() == Severity.CRITICAL);
                if (becameCritical) {
                    critical++;
                }
            }
        }
        return new FalseAlarmTally(logs.size(), days, episodes, critical, softShort, Map.copyOf(byKind));
    }

    /** Alert episodes per 1,000 channel-days. */
    public double perThousandChannelDays() {
        return rate(episodes);
    }

    public double criticalPerThousandChannelDays() {
        return rate(criticalEpisodes);
    }

    /** The rate's one-sided 95 % upper bound (Poisson), meaningful when few or no alarms were seen. */
    public double upperBound95PerThousandChannelDays() {
        // Exact Poisson upper limit: chi-square quantile / 2; for k = 0 it is -ln(0.05) = 3.0.
        return rate(PoissonUpperBound.of(episodes, 0.95));
    }

    private double rate(double count) {
        return channelDays > 0 ? 1000 * count / channelDays : 0;
    }
}
