package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Options several commands share are declared once: each command's help shows them, word for word alike. */
class CommandHelpTest {
    private static String help(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exit()).as(command + " --help: " + run.err()).isZero();
        return run.out();
    }

    /** The help paragraph of one option: its line and the indented lines that continue it. */
    private static String paragraph(String help, String option) {
        Matcher m = Pattern.compile("(?m)^ +" + Pattern.quote(option) + "=.*\\n(?: {20,}.*\\n)*")
                .matcher(help);
        assertThat(m.find()).as(option + " in\n" + help).isTrue();
        return m.group();
    }

    @Test
    void streamsAndDemoServeTheTopologyOnTheSameHttpOptions() {
        String streams = help("streams");
        String demo = help("demo");
        for (String option : new String[] {"--http-port", "--http-host"}) {
            assertThat(paragraph(demo, option)).isEqualTo(paragraph(streams, option));
        }
        assertThat(paragraph(streams, "--http-port")).contains("(default: 8080)");
    }

    @Test
    void replayIngestAndDetectionConfigDescribeACellAlike() {
        String detectionConfig = help("detection-config");
        for (String command : new String[] {"replay", "ingest"}) {
            String help = help(command);
            for (String option : Arrays.asList("--cell-type", "--chemistry", "--area-cm2", "--protocol", "--group")) {
                assertThat(paragraph(help, option).strip().replaceAll("\\s+", " "))
                        .as(command + " " + option)
                        .isEqualTo(paragraph(detectionConfig, option).strip().replaceAll("\\s+", " "));
            }
        }
    }

    @Test
    void onlyTheCommandsThatStartABrokerShowItsPorts() {
        for (String command : new String[] {"demo", "broker"}) {
            assertThat(help(command)).as(command).contains("--broker-port=PORT", "--controller-port=PORT");
        }
        for (String command : new String[] {"streams", "alerts", "ingest"}) {
            assertThat(help(command)).as(command).doesNotContain("--broker-port", "--controller-port");
        }
        // broker always starts its own: a cluster address or client properties would be ignored.
        assertThat(help("broker"))
                .contains("--topic-prefix=PREFIX", "--partitions=N")
                .doesNotContain("--bootstrap-servers=", "--kafka-config=");
    }
}
