package io.cellwatch.deploy.chaos;

import io.cellwatch.alerts.AlertTopics;
import io.cellwatch.alerts.Json;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.deploy.replay.FileReplay;
import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The verdict of a chaos run: what the cluster holds (read_committed) against {@code replay} of
 * the files the fleet wrote. Every sample on the samples topic once, every cycle summary and alert
 * event equal to replay's, in replay's order per channel, nothing in the dead-letter topic, and every
 * alert event at the webhook once. A second copy at the webhook is a mismatch unless the alert
 * service marked it as a redelivery (an earlier delivery of it was begun and its outcome not recorded:
 * a kill in between, or an attempt that got no answer); marked repeats are counted and printed. Every
 * episode replay took to critical asked once for a pause on the commands topic: the request is written
 * in the delivery ledger's transaction, so no kill may double or lose it.
 *
 * @param metadata    the channels topic against the metadata the files' headers carry (distinct values per channel)
 * @param samples     the samples topic against the files' rows (data points, per channel)
 * @param cycles      the cycles topic against replay's cycle summaries
 * @param alerts      the alerts topic against replay's alert events
 * @param webhook     event ids the webhook received against replay's alert events, marked redeliveries of
 *                    an id it already had left out
 * @param pauses      pause requests on the commands topic (their commandIds, per channel in offset order)
 *                    against the episodes replay took to critical, one each
 * @param redeliveries marked redeliveries of an event the webhook already had
 * @param deadLetters records in the dead-letter topic
 */
record ChaosVerification(
        Comparison metadata,
        Comparison samples,
        Comparison cycles,
        Comparison alerts,
        Comparison webhook,
        Comparison pauses,
        long redeliveries,
        int deadLetters) {

    long mismatches() {
        return metadata.mismatches()
                + samples.mismatches()
                + cycles.mismatches()
                + alerts.mismatches()
                + webhook.mismatches()
                + pauses.mismatches()
                + deadLetters;
    }

    long recordsChecked() {
        return metadata.actual()
                + samples.actual()
                + cycles.actual()
                + alerts.actual()
                + webhook.actual()
                + pauses.actual();
    }

    List<Comparison> comparisons() {
        return List.of(metadata, samples, cycles, alerts, webhook, pauses);
    }

    /** What replay makes of the files, kept per channel in the order it is produced. */
    private static final class Replayed implements OfflinePipeline.Listener {
        final Map<String, List<Long>> dataPoints = new TreeMap<>();
        final Map<String, List<CycleSummary>> cycles = new TreeMap<>();
        final Map<String, List<Alert>> alerts = new TreeMap<>();

        @Override
        public void onSample(Sample sample) {
            of(dataPoints, sample.channelId()).add(sample.dataPoint());
        }

        @Override
        public void onStaleSample(Sample sample) {
            onSample(sample);
        }

        @Override
        public void onCycle(CycleSummary cycle) {
            of(cycles, cycle.channelId()).add(cycle);
        }

        @Override
        public void onAlert(Alert alert) {
            of(alerts, alert.channelId()).add(alert);
        }
    }

    static ChaosVerification check(
            String bootstrapServers,
            TopicNames topics,
            List<Path> files,
            List<ChannelInfo> described,
            List<WebhookRecorder.Delivery> webhookDeliveries) {
        Replayed replayed = new Replayed();
        // The files as `replay FILES` reads them without flags, which is how the ingester follows them. The open
        // cycle at the end of each file is not summarized: the live pipeline has not seen it end either.
        ChannelCatalog noFlags = new ChannelCatalog(List.of(), ChannelOverrides.NONE, ZoneOffset.UTC);
        List<String> errors = new ArrayList<>();
        FileReplay.Outcome outcome = FileReplay.run(
                files, null, noFlags, new OfflinePipeline(TopologySettings.defaultDetectors(), replayed), errors::add);
        if (outcome.unreadableFiles() > 0 || outcome.malformedRows() > 0) {
            throw new IllegalStateException("the fleet's own files did not replay cleanly: " + errors);
        }

        Map<String, List<Long>> dataPoints = byChannel(
                bootstrapServers,
                topics.samples(),
                WireSerdes.sample().deserializer(),
                Sample::channelId,
                Sample::dataPoint);
        Map<String, List<CycleSummary>> cycles = byChannel(
                bootstrapServers,
                topics.cycles(),
                WireSerdes.cycleSummary().deserializer(),
                CycleSummary::channelId,
                Function.identity());
        Map<String, List<Alert>> alerts = byChannel(
                bootstrapServers,
                topics.alerts(),
                WireSerdes.alert().deserializer(),
                Alert::channelId,
                Function.identity());

        Map<String, List<ChannelInfo>> metadata = new TreeMap<>();
        TopicContents.forEach(
                bootstrapServers, topics.channels(), WireSerdes.channelInfo().deserializer(), record -> {
                    List<ChannelInfo> seen = of(metadata, record.key());
                    if (!seen.contains(record.value())) {
                        seen.add(record.value()); // republished unchanged after an ingester restart: once is enough
                    }
                });
        Map<String, List<ChannelInfo>> headers = new TreeMap<>();
        described.forEach(info -> of(headers, info.channelId()).add(info));
        Map<String, List<String>> pauseRequests = new TreeMap<>();
        TopicContents.forEach(
                bootstrapServers,
                AlertTopics.besideAlertsTopic(topics.alerts()).commands(),
                new StringDeserializer(),
                record -> of(pauseRequests, record.key()).add(commandId(record.value())));
        List<WebhookRecorder.Delivery> firstCopies = firstCopies(webhookDeliveries);
        return new ChaosVerification(
                Comparison.of("channel metadata", headers, metadata, info -> "metadata " + info),
                Comparison.of("samples", replayed.dataPoints, dataPoints, dp -> "data point " + dp),
                Comparison.of("cycle summaries", replayed.cycles, cycles, c -> "cycle " + c.cycleIndex()),
                Comparison.of("alert events", replayed.alerts, alerts, ChaosVerification::describe),
                webhook(replayed.alerts, firstCopies),
                pauses(replayed.alerts, pauseRequests),
                webhookDeliveries.size() - firstCopies.size(),
                (int) TopicContents.count(bootstrapServers, topics.deadLetter()));
    }

    /**
     * The deliveries without the marked redeliveries of an id that had arrived before: what a receiver
     * deduplicating on marked repeats keeps. An unmarked repeat stays, and shows as doubled.
     */
    static List<WebhookRecorder.Delivery> firstCopies(List<WebhookRecorder.Delivery> deliveries) {
        Set<String> seen = new HashSet<>();
        List<WebhookRecorder.Delivery> kept = new ArrayList<>();
        for (WebhookRecorder.Delivery delivery : deliveries) {
            if (seen.add(delivery.id()) || !delivery.redelivery()) {
                kept.add(delivery);
            }
        }
        return kept;
    }

    /**
     * Each alert event replay produced should reach the webhook once: its event id (the one receivers
     * deduplicate on, made from the event alone) once per event. Order is not compared: a receiver
     * retried after a crash may see events of different episodes in another order.
     */
    static Comparison webhook(Map<String, List<Alert>> replayedAlerts, List<WebhookRecorder.Delivery> deliveries) {
        Map<String, List<String>> expected = new TreeMap<>();
        replayedAlerts.forEach((channel, events) -> {
            for (Alert alert : events) {
                of(expected, channel).add(new EpisodeEvent(alert, null, 0, 0).eventId());
            }
        });
        Map<String, List<String>> received = new TreeMap<>();
        for (WebhookRecorder.Delivery delivery : deliveries) {
            String id = delivery.id();
            of(received, id.substring(0, Math.max(0, id.indexOf('/')))).add(id);
        }
        expected.values().forEach(ids -> ids.sort(null));
        received.values().forEach(ids -> ids.sort(null));
        return Comparison.of("webhook deliveries", expected, received, id -> id);
    }

    /**
     * One pause request per episode that reached critical (the run's alert service asks from
     * critical up), at the episode's first critical event: {@code ALERT_ID/pause}, per channel in the
     * order replay's episodes got there.
     */
    static Comparison pauses(Map<String, List<Alert>> replayedAlerts, Map<String, List<String>> requested) {
        Map<String, List<String>> expected = new TreeMap<>();
        replayedAlerts.forEach((channel, events) -> {
            Set<String> asked = new HashSet<>();
            for (Alert alert : events) {
                if (alert.status() == AlertStatus.FIRING
                        && alert.severity() == Severity.CRITICAL
                        && asked.add(alert.alertId())) {
                    of(expected, channel).add(alert.alertId() + "/pause");
                }
            }
        });
        return Comparison.of("pause requests", expected, requested, id -> id);
    }

    private static String commandId(String request) {
        try {
            return Json.MAPPER.readTree(request).path("commandId").asText("(no commandId: " + request + ")");
        } catch (IOException e) {
            return "(unreadable: " + request + ")";
        }
    }

    private static String describe(Alert alert) {
        return alert.alertId() + " " + alert.status().wireName() + "/"
                + alert.severity().wireName();
    }

    /** What a topic holds, per channel in offset order, keeping only {@code item} of each record. */
    private static <V, T> Map<String, List<T>> byChannel(
            String bootstrapServers,
            String topic,
            org.apache.kafka.common.serialization.Deserializer<V> values,
            Function<V, String> channel,
            Function<V, T> item) {
        Map<String, List<T>> out = new TreeMap<>();
        TopicContents.forEach(bootstrapServers, topic, values, record -> {
            if (record.value() != null) {
                of(out, channel.apply(record.value())).add(item.apply(record.value()));
            }
        });
        return out;
    }

    private static <T> List<T> of(Map<String, List<T>> map, String channel) {
        return map.computeIfAbsent(channel, c -> new ArrayList<>());
    }
}
