package io.cellwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.streams.detect.profile.DetectionConfig;
import io.cellwatch.streams.detect.profile.DetectionConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionConfigWatchTest {
    private static final String FINE =
            "rules:\n  - name: fine\n    settings:\n      dataQuality: {minChargeStepSamples: 40}\n";

    @TempDir
    Path dir;

    private final List<DetectionConfig> handedOn = new ArrayList<>();

    @Test
    void aChangedFileIsHandedOnOnceTwoReadsAgreeSoAHalfWrittenOneNeverIs() throws IOException {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "rules: []\n");
        try (DetectionConfigWatch watch = DetectionConfigWatch.start(file, handedOn::add, Duration.ofHours(1))) {
            assertThat(handedOn).hasSize(1);

            Files.writeString(file, ""); // an editor truncating before it writes
            watch.check();
            Files.writeString(file, FINE);
            watch.check();
            assertThat(handedOn)
                    .as("nothing acted on while the text kept changing")
                    .hasSize(1);
            watch.check();
            assertThat(handedOn).hasSize(2);
            assertThat(handedOn.get(1).ruleNames()).containsExactly("fine");

            watch.check();
            assertThat(handedOn).as("the same text again is no change").hasSize(2);
        }
    }

    @Test
    void aBrokenVersionIsRefusedWithItsLineAndKeyAndNothingIsHandedOn() throws IOException {
        Path file = Files.writeString(dir.resolve("lab.yaml"), FINE);
        try (DetectionConfigWatch watch = DetectionConfigWatch.start(file, handedOn::add, Duration.ofHours(1))) {
            Files.writeString(file, FINE.replace("40", "forty"));
            watch.check();
            watch.check();

            assertThat(handedOn).hasSize(1);
            assertThat(watch.lastError())
                    .isEqualTo(file + ":4: key 'rules[0].settings.dataQuality.minChargeStepSamples': "
                            + "expected a whole number, found 'forty'");
        }
        assertThatThrownBy(() -> DetectionConfigWatch.start(file, handedOn::add, Duration.ofHours(1)))
                .isInstanceOf(DetectionConfigException.class);
    }
}
