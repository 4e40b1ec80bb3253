package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.ReceiverRefusal;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.EpisodeEvent;
import io.cellwatch.model.Alert;
import io.cellwatch.testing.Waiting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A sink that remembers what it accepted, and can play a receiver that is down. */
public final class RecordingSink implements AlertSink {
    private final String name;
    private final Duration resendInterval;
    public final List<EpisodeEvent> accepted = new CopyOnWriteArrayList<>();
    public final List<List<Episode>> resends = new CopyOnWriteArrayList<>();
    /** What changed in each event refused ({@link #whatChanged(String)}), one per refused attempt. */
    public final List<String> refused = new CopyOnWriteArrayList<>();

    /** Per accepted event, whether the service marked it as a redelivery. */
    public final List<Boolean> redeliveryMarks = new CopyOnWriteArrayList<>();

    public volatile boolean down;
    /** Refuses for good, as a revoked webhook answers HTTP 410 Gone. */
    public volatile boolean gone;

    /** Fails every event's delivery while it takes re-sends (one event it cannot take, retried). */
    public volatile boolean eventsFail;

    public volatile int refusals;
    /** Runs after each acceptance, before the service hears of it (to play what happens in between). */
    public volatile Runnable afterAccepting = () -> {};

    public RecordingSink(String name) {
        this(name, null);
    }

    public RecordingSink(String name, Duration resendInterval) {
        this.name = name;
        this.resendInterval = resendInterval;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Alert alert) {
        throw new UnsupportedOperationException("the service delivers episode events");
    }

    @Override
    public void deliver(EpisodeEvent event) throws Exception {
        if (down || gone || eventsFail) {
            refusals++;
            refused.add(whatChanged(event.eventId()));
            if (gone) {
                throw new ReceiverRefusal(name + ": HTTP 410 Gone", true);
            }
            throw new Exception(name + " is down");
        }
        accepted.add(event);
    }

    @Override
    public void deliver(EpisodeEvent event, boolean redelivery) throws Exception {
        deliver(event);
        redeliveryMarks.add(redelivery);
        afterAccepting.run();
    }

    @Override
    public Optional<Duration> resendInterval() {
        return Optional.ofNullable(resendInterval);
    }

    @Override
    public void resend(List<Episode> firing, Instant now) throws Exception {
        if (down) {
            throw new Exception(name + " is down");
        }
        resends.add(firing);
    }

    /** What changed in each event accepted, in order: its id without the evidence's time ({@code ALERT_ID@firing/warning}). */
    public List<String> whatChanged() {
        return accepted.stream().map(e -> whatChanged(e.eventId())).toList();
    }

    /** An event id without its evidence's time. */
    public static String whatChanged(String eventId) {
        return eventId.replaceFirst("@(t|cycle)=[^@]*$", "");
    }

    static void await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        Waiting.until(timeout, Duration.ofMillis(50), done::getAsBoolean);
    }
}
