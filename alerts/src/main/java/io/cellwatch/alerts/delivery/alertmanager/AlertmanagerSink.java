package io.cellwatch.alerts.delivery.alertmanager;

import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.AlertText;
import io.cellwatch.alerts.delivery.http.HttpEndpoint;
import io.cellwatch.alerts.delivery.http.JsonPoster;
import io.cellwatch.alerts.delivery.http.JsonPoster.ReceiverException;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Alert;
import io.cellwatch.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts to Alertmanager's v2 API ({@code POST /api/v2/alerts}), the way Prometheus sends them.
 *
 * <ul>
 *   <li>Labels {@code alertname}, {@code channel}, {@code kind}, {@code severity} (plus configured
 *       static labels); annotations {@code summary}, {@code description} (the detector's message),
 *       {@code evidence} (the numbers, as a JSON object), {@code alert_id}, {@code cycle}, and
 *       {@code profile}, the detection profile that decided (built-in profile + configured rules).</li>
 *   <li>A firing alert carries {@code endsAt} = now + 4 × the re-send interval and is re-sent every
 *       interval: if cellwatch dies, Alertmanager resolves it by itself; if Alertmanager restarts,
 *       it has the alert back within one interval. Prometheus uses the same rule (4 × 1 min).</li>
 *   <li>Severity is a label, so an escalation is a new alert in Alertmanager: the lower severities
 *       of the episode are closed in the same request. A resolution closes every severity the
 *       episode fired at, with {@code endsAt} = when it resolved.</li>
 *   <li>Several URLs are the members of one Alertmanager cluster: each gets every alert, and the
 *       delivery counts as accepted when at least one member accepted it. Members share silences and
 *       what was notified, not alerts: a member that was down gets the firing ones back with the next
 *       re-send, and lets the ones it missed the resolution of end by their {@code endsAt}. A member
 *       whose last attempt failed slowly (a timeout: a host gone, its packets dropped) is tried again
 *       only {@link #RETRY_FAILED_MEMBER_AFTER} after it while another member is up, and whenever no
 *       other member took the alert: it cost every event its 15 s of timeouts, one after another.</li>
 * </ul>
 */
public final class AlertmanagerSink implements AlertSink {
    public static final String DEFAULT_NAME = "alertmanager";
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);
    private static final String API_PATH = "/api/v2/alerts";

    private final String name;
    private final List<HttpEndpoint> cluster;
    private final Duration resendInterval;
    private final Map<String, String> staticLabels;
    private final Clock clock;
    private final JsonPoster http;
    /** How long a member that failed slowly is passed over while another member is up. */
    static final Duration RETRY_FAILED_MEMBER_AFTER = Duration.ofSeconds(30);

    /**
     * A failure that took this long is a timeout's (connect 5 s, answer 10 s): worth passing the member
     * over. A refused connection or an error answer costs nothing, and the member keeps getting every alert.
     */
    static final Duration SLOW_FAILURE = Duration.ofSeconds(2);

    private Duration slowFailure = SLOW_FAILURE;
    /** Members whose last attempt failed slowly, and when. */
    private final Map<HttpEndpoint, Instant> slowSince = new ConcurrentHashMap<>();
    /** Members whose last attempt failed (for the log). */
    private final Set<HttpEndpoint> down = ConcurrentHashMap.newKeySet();

    /**
     * @param cluster        the Alertmanager members (base URLs, e.g. {@code http://am:9093})
     * @param resendInterval how often a firing alert is repeated
     * @param staticLabels   labels added to every alert (e.g. {@code lab}); may not override the alert's own
     */
    public AlertmanagerSink(
            String name,
            List<HttpEndpoint> cluster,
            Duration resendInterval,
            Map<String, String> staticLabels,
            Clock clock,
            JsonPoster http) {
        if (cluster.isEmpty()) {
            throw new IllegalArgumentException("an Alertmanager receiver needs at least one URL");
        }
        if (resendInterval.isNegative() || resendInterval.isZero()) {
            throw new IllegalArgumentException("Alertmanager re-send interval must be positive, got " + resendInterval);
        }
        for (String label : staticLabels.keySet()) {
            if (List.of("alertname", "channel", "kind", "severity").contains(label)) {
                throw new IllegalArgumentException("Alertmanager label '" + label + "' is set by cellwatch itself");
            }
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                throw new IllegalArgumentException("Alertmanager label name '" + label + "' is not a valid label name");
            }
        }
        this.name = name;
        this.cluster = List.copyOf(cluster);
        this.resendInterval = resendInterval;
        this.staticLabels = Map.copyOf(staticLabels);
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    /** The cluster's members, redacted to scheme, host and port. */
    public List<String> members() {
        return cluster.stream().map(HttpEndpoint::redacted).toList();
    }

    @Override
    public String toString() {
        return name + " " + members();
    }

    @Override
    public Optional<Duration> resendInterval() {
        return Optional.of(resendInterval);
    }

    /** A lone event (no episode known): it starts now. */
    @Override
    public void deliver(Alert alert) throws Exception {
        deliver(new EpisodeEvent(alert, Lifecycle.apply(null, alert, 0, 0, clock.millis()), 0, 0));
    }

    @Override
    public void deliver(EpisodeEvent event) throws ReceiverException, InterruptedException {
        post(alertsFor(event, clock.instant()));
    }

    @Override
    public void resend(List<Episode> firing, Instant now) throws ReceiverException, InterruptedException {
        List<PostableAlert> alerts = new ArrayList<>();
        for (Episode episode : firing) {
            alerts.add(postable(
                    episode.latest(),
                    episode.severity(),
                    Instant.ofEpochMilli(episode.startsAtMs()),
                    firingUntil(now)));
        }
        post(alerts);
    }

    /** What Alertmanager should hold after this event. */
    List<PostableAlert> alertsFor(EpisodeEvent event, Instant now) {
        Alert alert = event.alert();
        List<PostableAlert> alerts = new ArrayList<>();
        if (event.firing()) {
            alerts.add(postable(alert, alert.severity(), event.startsAt(), firingUntil(now)));
            for (Severity earlier : event.severitiesFiredSoFar()) {
                if (earlier != alert.severity()) {
                    alerts.add(postable(alert, earlier, event.startsAt(), closedAt(event.startsAt(), now)));
                }
            }
        } else {
            Instant ends = event.endsAt().isAfter(now) ? closedAt(event.startsAt(), now) : event.endsAt();
            List<Severity> fired = new ArrayList<>(event.severitiesFiredSoFar());
            if (fired.isEmpty()) {
                fired.add(alert.severity()); // resolved without us seeing it fire: close what it names
            }
            for (Severity severity : fired) {
                alerts.add(postable(alert, severity, event.startsAt(), ends));
            }
        }
        return alerts;
    }

    private Instant firingUntil(Instant now) {
        return now.plus(resendInterval.multipliedBy(4));
    }

    private static Instant closedAt(Instant startsAt, Instant now) {
        return now.isBefore(startsAt) ? startsAt : now;
    }

    private PostableAlert postable(Alert alert, Severity severity, Instant startsAt, Instant endsAt) {
        Map<String, String> labels = new LinkedHashMap<>(staticLabels);
        labels.put("alertname", AlertText.alertName(alert.kind()));
        labels.put("channel", alert.channelId());
        labels.put("kind", alert.kind().wireName());
        labels.put("severity", severity.wireName());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", AlertText.summary(alert));
        if (alert.message() != null) {
            annotations.put("description", alert.message());
        }
        annotations.put("evidence", evidenceJson(alert));
        annotations.put("alert_id", alert.alertId());
        annotations.put("cycle", Integer.toString(alert.cycleIndex()));
        annotations.put("test_time_s", String.format(Locale.ROOT, "%.0f", alert.testTimeS()));
        String cyclerTime = AlertText.cyclerTime(alert);
        if (cyclerTime != null) {
            annotations.put("cycler_time", cyclerTime);
        }
        if (alert.profile() != null) {
            annotations.put("profile", alert.profile());
        }
        return new PostableAlert(labels, annotations, startsAt.toString(), endsAt.toString());
    }

    private static String evidenceJson(Alert alert) {
        return Json.text(alert.evidence());
    }

    private void post(List<PostableAlert> alerts) throws ReceiverException, InterruptedException {
        if (alerts.isEmpty()) {
            return;
        }
        byte[] body = Json.bytes(alerts);
        Attempts attempts = new Attempts();
        Instant now = clock.instant();
        boolean anotherIsUp = cluster.stream().anyMatch(m -> !slowSince.containsKey(m));
        List<HttpEndpoint> passedOver = new ArrayList<>();
        for (HttpEndpoint member : cluster) {
            Instant slow = slowSince.get(member);
            if (slow != null && anotherIsUp && now.isBefore(slow.plus(RETRY_FAILED_MEMBER_AFTER))) {
                passedOver.add(member); // tried again at its time; the members that are up take this one
                continue;
            }
            attempt(member, body, attempts);
        }
        if (!attempts.accepted) {
            // No member took it: those passed over are tried too before the queue waits (and before a refusal for
            // good counts, which only every member can give).
            for (HttpEndpoint member : passedOver) {
                attempt(member, body, attempts);
            }
        }
        if (!attempts.accepted) {
            // For good only when every member says so: one that is down may take it once it is back.
            throw new ReceiverException(String.join("; ", attempts.failures), attempts.allForGood);
        }
    }

    private void attempt(HttpEndpoint member, byte[] body, Attempts attempts) throws InterruptedException {
        long started = System.nanoTime();
        try {
            http.post(member, member.resolve(API_PATH), body);
            attempts.accepted = true;
            slowSince.remove(member);
            if (down.remove(member)) {
                LOG.info("{}: Alertmanager {} accepts alerts again", name, member);
            }
        } catch (ReceiverException e) {
            attempts.failures.add(e.getMessage());
            attempts.allForGood &= e.forGood();
            boolean slow = System.nanoTime() - started >= slowFailure.toNanos();
            if (slow) {
                slowSince.put(member, clock.instant());
            }
            if (down.add(member) && cluster.size() > 1) {
                LOG.warn(
                        "{}: Alertmanager {} refused alerts ({}); the other members take them{}",
                        name,
                        member,
                        e.getMessage(),
                        slow
                                ? ", and it is tried again " + RETRY_FAILED_MEMBER_AFTER.toSeconds()
                                        + " s after each failure as slow as this one"
                                : "");
            }
        }
    }

    /** What the members said to one request. */
    private static final class Attempts {
        boolean accepted;
        boolean allForGood = true;
        final List<String> failures = new ArrayList<>();
    }

    /** For tests: fail slower than this to be passed over (default {@link #SLOW_FAILURE}). */
    void passOverAfterFailuresSlowerThan(Duration slowFailure) {
        this.slowFailure = slowFailure;
    }

    /** One alert of Alertmanager's v2 API ({@code postableAlert}). */
    record PostableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt, String endsAt) {}
}
