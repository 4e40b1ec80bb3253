package io.cellwatch.evaluate;

import io.cellwatch.simulator.lab.LabGroup;
import io.cellwatch.simulator.lab.LabScenario;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.streams.detect.DetectorSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Plays a lab-conditions scenario through the offline pipeline ({@link LabPlayback}): one channel,
 * or a replicate group's channels together so that the group stage sees the siblings.
 */
public final class LabChannelRun {
    private LabChannelRun() {}

    /** One channel. */
    public static ChannelLog run(LabScenario scenario, DetectorSet detectors, boolean keepSeries) {
        LabPlayback playback = new LabPlayback(detectors, keepSeries);
        playback.play(scenario);
        return playback.finish().get(0);
    }

    /**
     * A replicate group: the scored member first (the faulty one runs until its plan or its death
     * ends it), then its siblings for as long as it ran (the lab stops the group's test then); a
     * healthy group's members for the group's horizon. Logs in member order.
     */
    public static List<ChannelLog> run(LabGroup group, DetectorSet detectors, boolean keepSeries) {
        LabPlayback playback = new LabPlayback(detectors, keepSeries);
        int scored = group.scoredMember();
        LabTruth first = playback.play(group.member(scored));
        double hours = group.faultyMember() >= 0 ? first.endS() / 3600 : Double.NaN;
        for (int i = 0; i < group.size(); i++) {
            if (i != scored) {
                playback.play(Double.isNaN(hours) ? group.member(i) : group.member(i, hours));
            }
        }
        List<ChannelLog> played = playback.finish();
        List<ChannelLog> inMemberOrder = new ArrayList<>(played.subList(1, played.size()));
        inMemberOrder.add(scored, played.get(0));
        return inMemberOrder;
    }

    /** The cell of the channel running at this channel second. */
    static int segmentAt(LabTruth truth, double channelS) {
        int segment = 0;
        for (int i = 0; i < truth.segments().size(); i++) {
            if (truth.segments().get(i).startS() <= channelS + 1e-3) {
                segment = i;
            }
        }
        return segment;
    }
}
