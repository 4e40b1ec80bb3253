package io.cellwatch.streams.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retirement policy: which channels' series leave the registry, so a channel's series live on
 * exactly one instance and a fleet whose channels come and go stays bounded. A channel leaves when
 * it has been quiet for {@link ChannelRetirement#quietFor()} with no alert firing, and at once when
 * another instance of the application owns it now (after a rebalance). Its owner runs
 * {@link #sweep()} every {@link #every()}; nothing here keeps a thread.
 */
public final class ChannelSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelSweep.class);

    private final MicrometerPipelineTelemetry telemetry;
    private final ChannelRetirement policy;
    private final Clock clock;
    private volatile Predicate<String> ownedHere = channel -> true;

    /** @param clock the clock the telemetry stamps activity with */
    public ChannelSweep(MicrometerPipelineTelemetry telemetry, ChannelRetirement policy, Clock clock) {
        this.telemetry = telemetry;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Tells the sweep which channels this instance owns (the others' series are removed); by default
     * it owns them all. The test must be cheap and must not block.
     */
    public void ownership(Predicate<String> ownedHere) {
        this.ownedHere = ownedHere;
    }

    /** How often the owner should sweep. */
    public Duration every() {
        return policy.sweepEvery();
    }

    /**
     * Removes the series of channels owned by another instance, and of channels quiet for longer than
     * the retirement time with no alert firing.
     *
     * @return how many channels were retired
     */
    public int sweep() {
        long now = clock.millis();
        long quietMs = policy.quietFor().toMillis();
        Predicate<String> owned = ownedHere;
        int count = 0;
        for (String channelId : telemetry.channelIds()) {
            boolean elsewhere = !owned.test(channelId);
            Predicate<ChannelActivity> retire = activity -> elsewhere
                    || (policy.enabled() && !activity.hasFiringAlerts() && now - activity.lastActivityMs() >= quietMs);
            if (telemetry.retireIf(channelId, retire)) {
                count++;
            }
        }
        if (count > 0) {
            LOG.debug("retired the series of {} channels", count);
        }
        return count;
    }
}
