package io.cellwatch.streams.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
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
    private volatile Consumer<String> alsoForget = channel -> {};

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

    /**
     * What else this instance remembers of a channel and drops with its series (the live page's recent
     * samples): without it, every channel ever seen here stayed in memory, and one that came back after
     * running elsewhere showed the age of its last sample from its earlier stay.
     */
    public void alsoForget(Consumer<String> forget) {
        this.alsoForget = forget;
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
        Consumer<String> forget = alsoForget;
        int count = 0;
        for (String channelId : telemetry.channelIds()) {
            boolean elsewhere = !owned.test(channelId);
            Predicate<ChannelActivity> retire = activity -> elsewhere
                    || (policy.enabled() && !activity.hasFiringAlerts() && now - activity.lastActivityMs() >= quietMs);
            if (telemetry.retireIf(channelId, retire)) {
                forget.accept(channelId);
                count++;
            }
        }
        if (count > 0) {
            LOG.debug("retired the series of {} channels", count);
        }
        return count;
    }
}
