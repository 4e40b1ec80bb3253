package io.cellwatch.streams.pipeline;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import java.util.Map;

/**
 * An alert episode of the running test still firing: what its resolution must repeat when the test
 * ends. Part of the channel's stored {@link TestSequence} (plain fields, for the state-store codec).
 */
final class OpenEpisode {
    String alertId;
    AlertKind kind;
    Severity severity;

    OpenEpisode() {
        // for the state-store codec
    }

    static OpenEpisode of(Alert firing) {
        OpenEpisode e = new OpenEpisode();
        e.alertId = firing.alertId();
        e.kind = firing.kind();
        e.severity = firing.severity();
        return e;
    }

    /**
     * The episode's resolution because the channel's test ended, stamped with the old test's last
     * sample ({@code at}), so no alert of an old cell stays open on a new one.
     */
    Alert endedWithTest(Episode.Evidence at, String reason, int test) {
        return at.alert(
                alertId,
                kind,
                severity,
                AlertStatus.RESOLVED,
                "The channel's test ended (" + reason + "): this episode ends with it",
                Map.of("testEnded", 1.0, "test", (double) test));
    }
}
