package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash is a run that started and left no clean-stop marker. */
class CleanStopMarkerTest {
    @TempDir
    Path stateDir;

    @Test
    void aStartWithoutACleanStopSinceCountsAsACrash() {
        CleanStopMarker marker = new CleanStopMarker(stateDir, "cellwatch");
        marker.stoppedCleanly();
        assertThat(new CleanStopMarker(stateDir, "cellwatch").previousRunCrashed())
                .isFalse();

        marker.starting(); // and then SIGKILL: nothing more is written
        assertThat(new CleanStopMarker(stateDir, "cellwatch").previousRunCrashed())
                .isTrue();
    }

    @Test
    void eachApplicationHasItsOwn() {
        new CleanStopMarker(stateDir, "cellwatch").stoppedCleanly();
        assertThat(new CleanStopMarker(stateDir, "other-app").previousRunCrashed())
                .isTrue();
    }
}
