package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.dispatch.AlertDispatcher;
import io.cellwatch.alerts.dispatch.DeliveryMetrics;
import io.cellwatch.alerts.dispatch.UnrecordedDeliveries;
import io.cellwatch.model.kafka.KafkaConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert service: reads committed alert events (read_committed: an alert from an aborted
 * Streams transaction is never delivered), keeps each episode's lifecycle, and delivers every event
 * to every receiver at least once. This class supervises; the work is done by an
 * {@link AlertSession} (the Kafka side) around an {@link AlertDispatcher} (lifecycle, ledger,
 * fan-out, without Kafka).
 *
 * <ul>
 *   <li>Each receiver has its own queue and retries with backoff: a dead Alertmanager does not
 *       hold back the webhook.</li>
 *   <li>A partition's offset is committed only up to the first record some receiver has not
 *       accepted, so nothing is lost when the service stops or crashes.</li>
 *   <li>The delivery ledger remembers per episode how far each receiver has been told: records
 *       read again after a crash go only to the receivers that had not accepted them. A delivery is
 *       marked as begun before it is sent, so a crash between a receiver's answer and the ledger's
 *       record of it repeats the event marked as a redelivery. What was sent while the ledger could
 *       not be written is remembered by the process across its sessions; only a crash during such an
 *       outage repeats an event unmarked. Receivers that must never see a repeat deduplicate on the
 *       event id. A pause request has no such window: it
 *       is written in the same transaction as the ledger's record of it.</li>
 *   <li>Each partition's ledger writes go through a transactional producer of its own, which its
 *       next owner fences before reading the ledger: an instance that stalled past its session
 *       timeout sends nothing it could not mark as begun, and starts its session again.</li>
 *   <li>Resolved episodes leave the ledger once their last record is committed; firing ones stay,
 *       and receivers that need it (Alertmanager) re-send them on their cadence, also after a restart.</li>
 *   <li>If Kafka fails under it (the ledger cannot be read, a rebalance throws), the service logs
 *       why and starts its session again after a backoff instead of dying: nothing it had not
 *       committed is lost, and what receivers accepted is in the ledger.</li>
 * </ul>
 */
public final class AlertService implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    public static final String DEFAULT_GROUP_ID = "cellwatch-alerts";

    private final AlertServiceSettings settings;
    private final List<AlertSink> sinks;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AlertServiceMetrics metrics;
    /** Outlives the sessions: what one sent while Kafka was away, the next one does not send again. */
    private final UnrecordedDeliveries unrecorded = new UnrecordedDeliveries();

    private volatile AlertSession session;
    private volatile boolean stopped;

    /** The service on {@code PREFIXalerts} with the ledger and commands topics beside it, default settings. */
    public AlertService(KafkaConnection kafka, String groupId, String alertsTopic, List<AlertSink> sinks, Clock clock) {
        this(AlertServiceSettings.defaults(kafka, groupId, AlertTopics.besideAlertsTopic(alertsTopic), clock), sinks);
    }

    /** A service nobody measures. */
    public AlertService(AlertServiceSettings settings, List<AlertSink> sinks) {
        this(settings, sinks, null);
    }

    /**
     * @param registry where the service's meters go (see {@link AlertServiceMetrics}), or null for none
     * @throws IllegalArgumentException when two receivers have one name
     */
    public AlertService(AlertServiceSettings settings, List<AlertSink> sinks, MeterRegistry registry) {
        this.settings = settings;
        this.sinks = List.copyOf(sinks);
        AlertDispatcher.requireDistinctNames(this.sinks);
        this.metrics = registry == null ? null : new AlertServiceMetrics(registry, this.sinks, this::dispatcher);
    }

    /** Runs sessions until closed, starting a new one after a backoff whenever Kafka fails under the last. */
    @Override
    public void run() {
        int failures = 0;
        try {
            while (running.get()) {
                AlertSession current = null;
                Duration wait;
                try {
                    current = new AlertSession(
                            settings,
                            sinks,
                            unrecorded,
                            metrics == null ? DeliveryMetrics.NONE : metrics,
                            ready::countDown);
                    session = current;
                    if (running.get()) {
                        current.run(running::get);
                    }
                    return;
                } catch (WakeupException e) {
                    if (running.get()) {
                        throw e;
                    }
                    return;
                } catch (RuntimeException e) {
                    if (!running.get()) {
                        return;
                    }
                    // A session that got as far as delivering starts the backoff afresh.
                    failures = current != null && current.assigned() ? 1 : failures + 1;
                    wait = settings.retry().backoffAfter(failures);
                    if (metrics != null) {
                        metrics.sessionRestarted();
                    }
                    if (failures == 1) {
                        LOG.error("alert delivery interrupted; starting again in {} ms", wait.toMillis(), e);
                    } else {
                        LOG.error(
                                "alert delivery interrupted again ({} times: {}); starting again in {} ms",
                                failures,
                                e.getMessage(),
                                wait.toMillis());
                    }
                } finally {
                    session = null;
                    if (current != null) {
                        current.close();
                    }
                }
                Thread.sleep(wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            sinks.forEach(AlertSink::close);
        }
    }

    /** The running session's dispatcher, or null between sessions. */
    private AlertDispatcher dispatcher() {
        AlertSession current = session;
        return current == null ? null : current.dispatcher();
    }

    /** Running (possibly between sessions, waiting for Kafka): the process is doing its job. */
    public boolean healthy() {
        return running.get() && !stopped;
    }

    /** Blocks until the service has joined its group and loaded the ledger, or the timeout passed. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running.set(false);
        AlertSession current = session;
        if (current != null) {
            current.wakeup();
        }
    }
}
