package io.cellwatch.alerts.config;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.alertmanager.AlertmanagerSink;
import io.cellwatch.alerts.delivery.http.HttpEndpoint;
import io.cellwatch.alerts.delivery.http.JsonPoster;
import io.cellwatch.alerts.delivery.pause.PauseCommandSink;
import io.cellwatch.alerts.delivery.webhook.WebhookSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns a {@link ReceiversConfig} into sinks. */
public final class Receivers {
    private Receivers() {}

    /**
     * @param commandsTopic where pause requests go
     * @throws IllegalArgumentException naming the receiver when a URL, label or name is wrong
     */
    public static List<AlertSink> sinks(ReceiversConfig config, String commandsTopic, Clock clock) {
        return build(config, commandsTopic, clock, true);
    }

    /**
     * Checks URLs, names and labels without connecting anywhere, so a command can refuse a wrong
     * configuration before it starts anything. The sinks built to check are dropped unused, so they get no
     * clock: nothing here reads the time.
     *
     * @throws IllegalArgumentException naming the receiver, never quoting a URL
     */
    public static void validate(ReceiversConfig config) {
        build(config, null, null, false);
    }

    private static List<AlertSink> build(ReceiversConfig config, String commandsTopic, Clock clock, boolean withPause) {
        JsonPoster http = new JsonPoster();
        List<AlertSink> sinks = new ArrayList<>();
        if (config.alertmanager() != null) {
            var am = config.alertmanager();
            if (am.urls().isEmpty()) {
                throw new IllegalArgumentException(
                        "alertmanager: no URL; give urls in the receivers file or --alertmanager-url");
            }
            List<HttpEndpoint> cluster = new ArrayList<>();
            for (int i = 0; i < am.urls().size(); i++) {
                cluster.add(HttpEndpoint.parse(
                        "alertmanager URL " + (i + 1), am.urls().get(i), am.headers()));
            }
            Duration resend = am.resendIntervalSeconds() == null
                    ? AlertmanagerSink.DEFAULT_RESEND_INTERVAL
                    : Duration.ofSeconds(am.resendIntervalSeconds());
            sinks.add(new AlertmanagerSink(
                    checkedName(am.name() == null ? AlertmanagerSink.DEFAULT_NAME : am.name()),
                    cluster,
                    resend,
                    am.labels(),
                    clock,
                    http));
        }
        for (int i = 0; i < config.webhooks().size(); i++) {
            var hook = config.webhooks().get(i);
            String what = hook.name() != null ? "webhook " + hook.name() : "webhook " + (i + 1);
            HttpEndpoint endpoint = HttpEndpoint.parse(what, hook.url(), hook.headers());
            String name = hook.name() != null ? checkedName(hook.name()) : "webhook-" + fingerprint(hook.url());
            sinks.add(new WebhookSink(name, endpoint, clock, http));
        }
        if (config.pause() != null && withPause) {
            sinks.add(new PauseCommandSink(commandsTopic, config.pause().severity(), clock));
        }
        return sinks;
    }

    /**
     * A name for a webhook given only its URL: stable across restarts (the ledger remembers
     * deliveries under it) and not the URL itself, which may hold a token.
     */
    static String fingerprint(String url) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(url.trim().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String checkedName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("receiver name '" + name
                    + "': letters, digits, '.', '_' and '-' only, starting with a letter or digit");
        }
        return name;
    }
}
