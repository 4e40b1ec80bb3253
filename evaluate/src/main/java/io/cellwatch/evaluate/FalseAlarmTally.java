package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * False alarms on channels that never fail: every alert episode counts once, warnings included
 * (its escalation to critical makes it a critical false alarm, not a second one), per 1,000
 * channel-days of monitoring.
 *
 * @param channels          channels watched
 * @param channelsAlarmed   channels with at least one episode
 * @param channelDays       days watched, summed over channels
 * @param episodes          alert episodes
 * @param criticalEpisodes  episodes that were or became critical
 * @param shortEpisodes     episodes of a kind that reports a short (soft or hard)
 * @param byKind            episodes per kind, in {@link AlertKind} order
 * @param samples           rows fed to the pipeline
 * @param staleSamples      rows the pipeline ignored as not newer than the channel's last (after a
 *                          record-number restart: the channel is not watched any more)
 */
public record FalseAlarmTally(
        int channels,
        int channelsAlarmed,
        double channelDays,
        int episodes,
        int criticalEpisodes,
        int shortEpisodes,
        Map<AlertKind, Integer> byKind,
        long samples,
        long staleSamples) {

    public static FalseAlarmTally of(List<ChannelLog> logs) {
        int episodes = 0;
        int critical = 0;
        int shorts = 0;
        int alarmed = 0;
        double days = 0;
        long samples = 0;
        long stale = 0;
        Map<AlertKind, Integer> byKind = new EnumMap<>(AlertKind.class);
        for (ChannelLog log : logs) {
            days += log.channelDays();
            samples += log.samples();
            stale += log.staleSamples();
            List<LoggedAlert> channelEpisodes = log.episodes();
            if (!channelEpisodes.isEmpty()) {
                alarmed++;
            }
            for (LoggedAlert episode : channelEpisodes) {
                episodes++;
                AlertKind kind = episode.alert().kind();
                byKind.merge(kind, 1, Integer::sum);
                if (KindFamilies.shortKind(episode.alert())) {
                    shorts++;
                }
                if (log.becameCritical(episode)) {
                    critical++;
                }
            }
        }
        return new FalseAlarmTally(
                logs.size(),
                alarmed,
                days,
                episodes,
                critical,
                shorts,
                Collections.unmodifiableMap(byKind),
                samples,
                stale);
    }

    /** The share of rows the pipeline ignored as stale. */
    public double staleShare() {
        return samples > 0 ? (double) staleSamples / samples : 0;
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
        return rate(PoissonUpperBound.of(episodes, 0.95));
    }

    private double rate(double count) {
        return channelDays > 0 ? 1000 * count / channelDays : 0;
    }
}
