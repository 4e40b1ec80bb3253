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

/**
 * Every alert event as one JSON document POSTed to a URL (chat bridges, ticketing, a lab's own
 * tooling). The document is {@link WebhookPayload}; its {@code id} is stable per event, so a
 * receiver that must never show a repeat can deduplicate on it.
 */
public final class WebhookSink implements AlertSink {

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
        http.post(endpoint, endpoint.uri(), body(event));
    }

    static byte[] body(EpisodeEvent event) {
        return Json.bytes(WebhookPayload.of(event));
    }

    @Override
    public String toString() {
        return name + " (" + endpoint.redacted() + ")";
    }
}
