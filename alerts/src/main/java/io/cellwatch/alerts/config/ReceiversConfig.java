package io.cellwatch.alerts.config;

import io.cellwatch.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where alert events go: an Alertmanager cluster, webhooks, and pause requests on the commands
 * topic. Built from a receivers file, from command-line flags, or both (flags add to the file).
 * The string forms of these records never show URLs or header values: they may hold credentials.
 *
 * @param alertmanager the Alertmanager cluster, or null
 * @param webhooks     generic JSON webhooks
 * @param pause        pause requests for a cycler bridge, or null (off)
 */
public record ReceiversConfig(AlertmanagerReceiver alertmanager, List<WebhookReceiver> webhooks, PauseReceiver pause) {

    public ReceiversConfig {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    public static ReceiversConfig none() {
        return new ReceiversConfig(null, List.of(), null);
    }

    public boolean isEmpty() {
        return alertmanager == null && webhooks.isEmpty() && pause == null;
    }

    /**
     * This configuration with command-line flags added: Alertmanager URLs join the cluster, webhook
     * URLs become more webhooks, a pause severity replaces the file's.
     */
    public ReceiversConfig withFlags(
            List<String> alertmanagerUrls, List<String> webhookUrls, Severity pauseOnSeverity) {
        AlertmanagerReceiver am = alertmanager;
        if (alertmanagerUrls != null && !alertmanagerUrls.isEmpty()) {
            List<String> urls = new ArrayList<>(am == null ? List.of() : am.urls());
            urls.addAll(alertmanagerUrls);
            am = am == null
                    ? new AlertmanagerReceiver(null, urls, null, null, null)
                    : new AlertmanagerReceiver(am.name(), urls, am.resendIntervalSeconds(), am.headers(), am.labels());
        }
        List<WebhookReceiver> hooks = new ArrayList<>(webhooks);
        if (webhookUrls != null) {
            webhookUrls.forEach(url -> hooks.add(new WebhookReceiver(null, url, null)));
        }
        PauseReceiver pauseOn = pauseOnSeverity != null ? new PauseReceiver(pauseOnSeverity) : pause;
        return new ReceiversConfig(am, hooks, pauseOn);
    }

    /**
     * An Alertmanager cluster: every member gets every alert (as Prometheus does). The URLs may come
     * from the file, from {@code --alertmanager-url}, or both.
     */
    public record AlertmanagerReceiver(
            String name,
            List<String> urls,
            Integer resendIntervalSeconds,
            Map<String, String> headers,
            Map<String, String> labels) {

        public AlertmanagerReceiver {
            if (resendIntervalSeconds != null && resendIntervalSeconds < 1) {
                throw new IllegalArgumentException(
                        "resendIntervalSeconds: must be at least 1, got " + resendIntervalSeconds);
            }
            urls = urls == null ? List.of() : List.copyOf(urls);
            headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
            labels = labels == null ? Map.of() : new LinkedHashMap<>(labels);
        }

        @Override
        public String toString() {
            return "Alertmanager(" + (name == null ? "" : name + ", ") + urls.size() + " URL(s), headers "
                    + headers.keySet() + ", labels " + labels.keySet() + ")";
        }
    }

    /** A URL that receives every alert event as JSON. */
    public record WebhookReceiver(String name, String url, Map<String, String> headers) {

        public WebhookReceiver {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("url: a webhook needs a URL");
            }
            headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        }

        @Override
        public String toString() {
            return "Webhook(" + (name == null ? "" : name + ", ") + "headers " + headers.keySet() + ")";
        }
    }

    /** Pause requests from this severity up. */
    public record PauseReceiver(Severity severity) {

        public PauseReceiver {
            if (severity == null) {
                throw new IllegalArgumentException("severity: warning or critical");
            }
        }
    }
}
