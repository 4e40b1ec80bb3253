package io.cellwatch.alerts.delivery.webhook;

import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.http.HttpEndpoint;
import io.cellwatch.alerts.delivery.http.JsonPoster;
import io.cellwatch.alerts.delivery.http.JsonPoster.ReceiverException;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Alert;
import java.time.Clock;
import java.util.Map;

/**
 * Every alert event as one JSON document POSTed to a URL (chat bridges, ticketing, a lab's own
 * tooling). The document is {@link WebhookPayload}; its {@code id} is stable per event, so a
 * receiver that must never show a repeat can deduplicate on it. An event is repeated when the service
 * cannot know whether the receiver has it (it died between the receiver's answer and recording it, or
 * an attempt got no answer), and the repeat says so ({@code redelivery: true}).
 */
public final class WebhookSink implements AlertSink {
    /** The header that repeats the event id (the IETF HTTP API working group's draft name). */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final String name;
    private final HttpEndpoint endpoint;
    private final Clock clock;
    private final JsonPoster http;

    public WebhookSink(String name, HttpEndpoint endpoint, Clock clock, JsonPoster http) {
        this.name = name;
        this.endpoint = endpoint;
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    public HttpEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void deliver(Alert alert) throws Exception {
        deliver(new EpisodeEvent(alert, Lifecycle.apply(null, alert, 0, 0, clock.millis()), 0, 0));
    }

    @Override
    public void deliver(EpisodeEvent event) throws ReceiverException, InterruptedException {
        deliver(event, false);
    }

    /**
     * The event id travels as the {@code Idempotency-Key} header too, for receivers (and proxies)
     * that deduplicate on it without reading the body; not where it holds more than printable ASCII
     * (a channel named in another script): HTTP header values cannot carry it, and the body still does.
     */
    @Override
    public void deliver(EpisodeEvent event, boolean redelivery) throws ReceiverException, InterruptedException {
        String id = event.eventId();
        Map<String, String> headers =
                id.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? Map.of(IDEMPOTENCY_KEY, id) : Map.of();
        http.post(endpoint, endpoint.uri(), body(event, redelivery), headers);
    }

    static byte[] body(EpisodeEvent event, boolean redelivery) {
        return Json.bytes(WebhookPayload.of(event, redelivery));
    }

    @Override
    public String toString() {
        return name + " (" + endpoint.redacted() + ")";
    }
}
