package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash is a run that started, left task state and no clean-stop marker. */
class CleanStopMarkerTest {
    @TempDir
    Path stateDir;

    @Test
    void aStartWithoutACleanStopSinceCountsAsACrash() throws IOException {
        leaveTaskState("cellwatch");
        CleanStopMarker marker = new CleanStopMarker(stateDir, "cellwatch");
        marker.stoppedCleanly();
        assertThat(new CleanStopMarker(stateDir, "cellwatch").previousRunCrashed())
                .isFalse();

        marker.starting(); // and then SIGKILL: nothing more is written
        assertThat(new CleanStopMarker(stateDir, "cellwatch").previousRunCrashed())
                .isTrue();
    }

    @Test
    void eachApplicationHasItsOwn() throws IOException {
        leaveTaskState("other-app");
        new CleanStopMarker(stateDir, "cellwatch").stoppedCleanly();
        assertThat(new CleanStopMarker(stateDir, "other-app").previousRunCrashed())
                .isTrue();
    }

    @Test
    void aDirectoryWithoutTaskStateHasNothingToWipe() throws IOException {
        // What Kafka Streams writes when constructed, before any task: the application directory and
        // its process file. A first start, or the demo's emptied directory, is not a crash.
        Files.createDirectories(stateDir.resolve("cellwatch"));
        Files.writeString(stateDir.resolve("cellwatch").resolve("kafka-streams-process-metadata"), "{}");
        assertThat(new CleanStopMarker(stateDir, "cellwatch").previousRunCrashed())
                .isFalse();
        assertThat(new CleanStopMarker(stateDir, "never-started").previousRunCrashed())
                .isFalse();
    }

    private void leaveTaskState(String applicationId) throws IOException {
        Files.createDirectories(stateDir.resolve(applicationId).resolve("0_1"));
    }
}
