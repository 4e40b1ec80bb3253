package io.cellwatch.alerts.delivery.webhook;

import io.cellwatch.alerts.delivery.AlertText;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.model.Alert;
import java.util.Map;

/**
 * The JSON document a webhook receives for one alert event.
 *
 * @param version     payload version (1)
 * @param id          stable id of this event: {@code ALERT_ID@firing/SEVERITY@t=SECONDSs} or
 *                    {@code ALERT_ID@resolved@t=SECONDSs}, the test time of its evidence ({@code @cycle=N}
 *                    where that is unknown)
 * @param alertId     the episode ({@code channel/kind/first cycle})
 * @param status      {@code firing} or {@code resolved}
 * @param severity    {@code warning} or {@code critical}
 * @param channel     the cycler channel
 * @param kind        what was detected (wire name, e.g. {@code soft_short_capacity_divergence})
 * @param cycle       the cycle the event refers to
 * @param summary     one line: severity, kind, channel, cycle
 * @param message     the detector's message, with the numbers that matter
 * @param evidence    the values, baselines and thresholds behind the decision
 * @param startsAt    when the episode started (ISO-8601 UTC)
 * @param endsAt      when it resolved, for a resolution
 * @param testTimeS   test time of the evidence, seconds
 * @param cyclerTime  the cycler's clock at the evidence, if known (ISO-8601 UTC)
 * @param profile     the detection profile whose settings decided (built-in profile, then the
 *                    configured rules over it), so a receiver can tell a lab-tuned rule's alert
 *                    from the default's; absent when the alert names none
 * @param redelivery  true when an earlier delivery of this event was begun and its outcome is unknown
 *                    (the alert service stopped in between): the receiver may have it already under the
 *                    same {@code id}; absent otherwise
 */
public record WebhookPayload(
        int version,
        String id,
        String alertId,
        String status,
        String severity,
        String channel,
        String kind,
        int cycle,
        String summary,
        String message,
        Map<String, Double> evidence,
        String startsAt,
        String endsAt,
        double testTimeS,
        String cyclerTime,
        String profile,
        Boolean redelivery) {

    public static WebhookPayload of(EpisodeEvent event, boolean redelivery) {
        Alert alert = event.alert();
        return new WebhookPayload(
                1,
                event.eventId(),
                alert.alertId(),
                alert.status().wireName(),
                alert.severity().wireName(),
                alert.channelId(),
                alert.kind().wireName(),
                alert.cycleIndex(),
                AlertText.summary(alert),
                alert.message(),
                alert.evidence(),
                event.startsAt().toString(),
                event.firing() ? null : event.endsAt().toString(),
                alert.testTimeS(),
                AlertText.cyclerTime(alert),
                alert.profile(),
                redelivery ? Boolean.TRUE : null);
    }
}
