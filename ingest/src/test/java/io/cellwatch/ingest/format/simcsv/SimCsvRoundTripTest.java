package io.cellwatch.ingest.format.simcsv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCsvRoundTripTest {
    private static final ChannelInfo CHANNEL = new ChannelInfo(
            ChannelInfo.SCHEMA_VERSION,
            "sim-li-in-short-01",
            CellType.FULL,
            "LNO@NCM622|Li6PS5Cl|Li-In",
            0.785,
            0.018471,
            0.00314,
            TestProtocol.CYCLING,
            CeConvention.DISCHARGE_OVER_CHARGE);

    private static Sample sample(long dataPoint, double voltage) {
        return new Sample(
                Sample.SCHEMA_VERSION,
                CHANNEL.channelId(),
                dataPoint,
                1_736_150_400_000L + dataPoint * 30_000,
                7_126_233.394 + dataPoint * 30,
                891,
                1,
                StepType.CHARGE,
                voltage,
                0.003144017,
                0.001234567891,
                0.0,
                0.004123456789,
                0.0,
                24.87);
    }

    /** Doubles that a careless formatter would not bring back bit for bit, and nulls in every nullable column. */
    private static List<Sample> awkwardSamples() {
        List<Sample> out = new ArrayList<>();
        out.add(sample(1, 3.6812345678901234));
        out.add(new Sample(
                Sample.SCHEMA_VERSION,
                CHANNEL.channelId(),
                2,
                null,
                0.1 + 0.2,
                0,
                0,
                StepType.REST,
                -0.0,
                0.0,
                null,
                null,
                null,
                null,
                null));
        out.add(new Sample(
                Sample.SCHEMA_VERSION,
                CHANNEL.channelId(),
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                1e-300,
                Integer.MAX_VALUE,
                Integer.MIN_VALUE,
                StepType.OTHER,
                Double.MIN_VALUE,
                -Double.MAX_VALUE,
                1e22,
                123456789.123456789,
                2.0E-3,
                5e-324,
                -273.15));
        out.add(new Sample(
                Sample.SCHEMA_VERSION,
                CHANNEL.channelId(),
                4,
                4L,
                1.0 / 3,
                7,
                4,
                StepType.DISCHARGE,
                2.0999999999999996,
                -0.0031400000000000004,
                0.0,
                0.0029,
                0.0,
                0.0098,
                25.0));
        return out;
    }

    private static Path write(Path dir, List<Sample> samples) throws IOException {
        Path file = dir.resolve(CHANNEL.channelId() + ".csv");
        try (SimCsvWriter writer = SimCsvWriter.create(file, CHANNEL)) {
            for (Sample s : samples) {
                writer.write(s);
            }
            assertThat(writer.rowsWritten()).isEqualTo(samples.size());
        }
        return file;
    }

    @Test
    void roundTripsExactly(@TempDir Path dir) throws IOException {
        Path file = write(dir, awkwardSamples());
        List<Sample> read = new ArrayList<>();
        List<MalformedRowException> errors = new ArrayList<>();
        ChannelInfo channel = SimCsvReader.read(file, read::add, errors::add);
        assertThat(errors).isEmpty();
        assertThat(channel).isEqualTo(CHANNEL);
        assertThat(read).isEqualTo(awkwardSamples());

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("# cellwatch-sim 1");
        assertThat(lines.get(1)).startsWith("# channel {").contains("\"channelId\":\"sim-li-in-short-01\"");
        assertThat(lines.get(2))
                .isEqualTo(
                        "dataPoint,wallTimeMs,testTimeS,cycleIndex,stepIndex,stepType,voltageV,"
                                + "currentA,chargeCapacityAh,dischargeCapacityAh,chargeEnergyWh,dischargeEnergyWh,temperatureC");
        assertThat(lines.get(4)).isEqualTo("2,,0.30000000000000004,0,0,REST,-0.0,0.0,,,,,");
        assertThat(SimCsvReader.recognises(lines.subList(0, 3))).isTrue();
    }

    @Test
    void aMalformedRowIsReportedWithFileLineAndFieldAndTheRestStillArrives(@TempDir Path dir) throws IOException {
        List<Sample> samples = List.of(sample(1, 3.1), sample(2, 3.2), sample(3, 3.3), sample(4, 3.4), sample(5, 3.5));
        Path file = write(dir, samples);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        // Line 6 (1-based) holds the third sample; break its voltage, and drop a field from line 8.
        lines.set(5, lines.get(5).replace(",3.3,", ",3.3V,"));
        lines.set(7, lines.get(7).substring(0, lines.get(7).lastIndexOf(',')));
        Files.write(file, lines, StandardCharsets.UTF_8);

        List<Sample> read = new ArrayList<>();
        List<MalformedRowException> errors = new ArrayList<>();
        SimCsvReader.read(file, read::add, errors::add);

        assertThat(read).containsExactly(samples.get(0), samples.get(1), samples.get(3));
        assertThat(errors).hasSize(2);
        MalformedRowException voltage = errors.get(0);
        assertThat(voltage.file()).isEqualTo(file);
        assertThat(voltage.line()).isEqualTo(6);
        assertThat(voltage.field()).isEqualTo("voltageV");
        assertThat(voltage.getMessage()).contains(file.toString(), ":6:", "voltageV", "3.3V");
        assertThat(errors.get(1).line()).isEqualTo(8);
        assertThat(errors.get(1).field()).isEqualTo("temperatureC");
    }

    @Test
    void badValuesNameTheirColumn() {
        Path file = Path.of("x.csv");
        String good = "1,0,0.0,1,1,CHARGE,3.0,0.001,0.0,0.0,0.0,0.0,25.0";
        assertThatThrownBy(() -> SimCsvReader.parseRow("ch", good.replace("CHARGE", "CC_CHG"), file, 9))
                .isInstanceOfSatisfying(MalformedRowException.class, e -> {
                    assertThat(e.field()).isEqualTo("stepType");
                    assertThat(e.line()).isEqualTo(9);
                });
        assertThatThrownBy(() -> SimCsvReader.parseRow("ch", good.replace(",0.001,", ",NaN,"), file, 9))
                .isInstanceOfSatisfying(
                        MalformedRowException.class, e -> assertThat(e.field()).isEqualTo("currentA"));
        assertThatThrownBy(() -> SimCsvReader.parseRow("ch", good.replace("1,0,0.0,1,", "1,0,,1,"), file, 9))
                .isInstanceOfSatisfying(MalformedRowException.class, e -> {
                    assertThat(e.field()).isEqualTo("testTimeS");
                    assertThat(e.reason()).contains("missing");
                });
        assertThatThrownBy(() -> SimCsvReader.parseRow("ch", good + ",1", file, 9))
                .isInstanceOfSatisfying(
                        MalformedRowException.class, e -> assertThat(e.field()).isEqualTo("row"));
        assertThatThrownBy(() -> SimCsvReader.parseRow("ch", good.replace("1,0,0.0,1,1,", "1,0,0.0,1.5,1,"), file, 9))
                .isInstanceOfSatisfying(
                        MalformedRowException.class, e -> assertThat(e.field()).isEqualTo("cycleIndex"));
    }

    @Test
    void aFileInAnotherFormatIsRefusedAsAWhole(@TempDir Path dir) throws IOException {
        Path maccor = dir.resolve("maccor.txt");
        Files.writeString(maccor, "Today's Date\t04/02/2021\nRec#\tCyc#\tStep\n1\t0\t1\n");
        assertThatThrownBy(() -> SimCsvReader.read(maccor, s -> {}, e -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a cellwatch simulator CSV")
                .hasMessageContaining(maccor.toString());
        assertThat(SimCsvReader.recognises(Files.readAllLines(maccor))).isFalse();
        assertThat(SimCsvReader.recognises(List.of())).isFalse();

        Path future = dir.resolve("future.csv");
        Files.writeString(future, "# cellwatch-sim 2\n# channel {}\nwhatever\n");
        assertThatThrownBy(() -> SimCsvReader.read(future, s -> {}, e -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported");

        Path badChannel = dir.resolve("bad-channel.csv");
        Files.writeString(
                badChannel, "# cellwatch-sim 1\n# channel {\"schemaVersion\":1}\n" + SimCsvWriter.HEADER + "\n");
        assertThatThrownBy(() -> SimCsvReader.read(badChannel, s -> {}, e -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> SimCsvReader.read(empty, s -> {}, e -> {})).isInstanceOf(IOException.class);
    }

    @Test
    void theWriterRefusesAnotherChannelsSample(@TempDir Path dir) throws IOException {
        try (SimCsvWriter writer = SimCsvWriter.create(dir.resolve("a.csv"), CHANNEL)) {
            Sample other = new Sample(
                    Sample.SCHEMA_VERSION,
                    "other",
                    1,
                    null,
                    0,
                    1,
                    1,
                    StepType.REST,
                    3,
                    0,
                    null,
                    null,
                    null,
                    null,
                    null);
            assertThatThrownBy(() -> writer.write(other)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
