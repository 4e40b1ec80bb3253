package io.cellwatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheWaysPeopleWriteDurations() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(converter.convert(" 7D ")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("0")).isZero();
        assertThat(converter.convert("PT36H")).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void rejectsAnythingElseNamingTheValue() {
        for (String bad : new String[] {"24", "h", "1.5h", "24x", "", "-PTx"}) {
            assertThatThrownBy(() -> converter.convert(bad))
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("'" + bad + "' is not a duration");
        }
    }
}
