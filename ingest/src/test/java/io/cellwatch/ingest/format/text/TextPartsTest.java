package io.cellwatch.ingest.format.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextPartsTest {

    @Test
    void durationsInTheFormsCyclersWrite() {
        assertThat(TimeValues.durationSeconds("1804441.3000")).isEqualTo(1804441.3);
        assertThat(TimeValues.durationSeconds("144:01:18")).isEqualTo(144 * 3600 + 60 + 18);
        assertThat(TimeValues.durationSeconds("  1d 04:10:50.18")).isCloseTo(86400 + 4 * 3600 + 650.18, within(1e-9));
        assertThat(TimeValues.durationSeconds("  0d 00:00:00.04")).isCloseTo(0.04, within(1e-12));
        assertThat(TimeValues.durationSeconds("00:41:50")).isEqualTo(2510);
        assertThat(TimeValues.durationSeconds("2 03:15:07.500")).isCloseTo(2 * 86400 + 3 * 3600 + 907.5, within(1e-9));
        assertThat(TimeValues.durationSeconds("0 00:00:10")).isEqualTo(10);
        // LAND's software writes days before a hyphen.
        assertThat(TimeValues.durationSeconds("2-03:15:07.500")).isCloseTo(2 * 86400 + 3 * 3600 + 907.5, within(1e-9));
        assertThat(TimeValues.durationSeconds("0-00:01:00")).isEqualTo(60);
        assertThat(TimeValues.isDaysHyphenDuration("1-02:03:04")).isTrue();
        assertThat(TimeValues.isDaysHyphenDuration("12-00:00:00.250")).isTrue();
        assertThat(TimeValues.isDaysHyphenDuration("2022-05-18 16:27:52"))
                .as("a date is no number of days")
                .isFalse();
        assertThat(TimeValues.isDaysHyphenDuration("05-18 16:27")).isFalse();
        assertThat(TimeValues.isDaysHyphenDuration("2022-05-18T16:27:52")).isFalse();
        assertThat(TimeValues.isDaysHyphenDuration("-02:03:04")).isFalse();
        assertThatThrownBy(() -> TimeValues.durationSeconds("20260115 09:00:00"))
                .as("a compact stamp is no number of days")
                .isInstanceOf(IllegalArgumentException.class);
        // A .NET TimeSpan of a day or more: 1 day 12 h 1 min, not 1.12 h.
        assertThat(TimeValues.durationSeconds("1.12:01:00.00")).isEqualTo(129_660.0);
        assertThat(TimeValues.durationSeconds("0.00:00:10.5")).isEqualTo(10.5);
        assertThatThrownBy(() -> TimeValues.durationSeconds("1:2:3:4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeValues.durationSeconds("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wallClockStampsInTheFormsCyclersWrite() {
        ZoneId utc = ZoneOffset.UTC;
        long expected = Instant.parse("2019-11-03T06:28:51Z").toEpochMilli();
        assertThat(TimeValues.epochMillis("2019-11-03T06:28:51+00:00", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2019-11-03 06:28:51", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2019-11-03 06:28:51.000000", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("11/03/2019 06:28:51", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("11/3/2019 6:28:51 AM", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("08/23/2021 6:04:18 PM", utc))
                .isEqualTo(Instant.parse("2021-08-23T18:04:18Z").toEpochMilli());
        assertThat(TimeValues.epochMillis("05/05/2021 15:36:22.757", utc))
                .isEqualTo(Instant.parse("2021-05-05T15:36:22.757Z").toEpochMilli());
        assertThat(TimeValues.epochMillis("1499006353", utc)).isEqualTo(1_499_006_353_000L);
        // Saved again by Excel, without seconds; year first with slashes (some Arbin exports).
        long minute = Instant.parse("2019-11-03T06:28:00Z").toEpochMilli();
        assertThat(TimeValues.epochMillis("11/3/2019 6:28", utc)).isEqualTo(minute);
        assertThat(TimeValues.epochMillis("11/3/2019 6:28 AM", utc)).isEqualTo(minute);
        assertThat(TimeValues.epochMillis("2019/11/03 06:28:51", utc)).isEqualTo(expected);
        // A PC set to a German (Swiss, Russian...) locale writes day first with dots: never ambiguous.
        assertThat(TimeValues.epochMillis("23.08.2021 18:04:18", utc))
                .isEqualTo(Instant.parse("2021-08-23T18:04:18Z").toEpochMilli());
        assertThat(TimeValues.epochMillis("3.11.2019 06:28:51.5", utc)).isEqualTo(expected + 500);
        // The short German form, year-first dots (Korean, Hungarian) and unpadded dashes (a Chinese spreadsheet).
        assertThat(TimeValues.epochMillis("3.11.19 06:28:51", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2019.11.03 06:28:51", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2019-11-3 6:28:51", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2019年11月3日 6:28:51", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillisInForm("20191103 062851", TimeValues.userForm("yyyyMMdd HHmmss"), utc))
                .isEqualTo(expected);
        assertThat(TimeValues.epochMillisInForm(
                        "03|11|2019 07h28m51 +0100", TimeValues.userForm("dd|MM|yyyy HH'h'mm'm'ss Z"), utc))
                .as("an offset in the form says the instant")
                .isEqualTo(expected);
        assertThatThrownBy(() -> TimeValues.userForm("yyyy-MM-dd {")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeValues.userForm("yyyyMMdd"))
                .as("no time of day: 20210812 would be read as epoch seconds instead")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not give a date and a time of day");
        assertThat(TimeValues.epochMillisInForm(
                        "2019-11-03 07:28:51 CET", TimeValues.userForm("yyyy-MM-dd HH:mm:ss z"), utc))
                .as("a zone the form names says the instant")
                .isEqualTo(expected);
        assertThat(new TimeValues.WallClock(utc).epochMillis("03.11.19 06:28:51"))
                .isEqualTo(expected);
        assertThat(TimeValues.epochMillis("3.11.19 06:28:51", utc, TimeValues.DateOrder.DAY_FIRST))
                .isEqualTo(expected);
        // A local stamp is read in the configured zone: 06:28:51 in Berlin (CET) is 05:28:51 UTC.
        assertThat(TimeValues.epochMillis("2019-11-03 06:28:51", ZoneId.of("Europe/Berlin")))
                .isEqualTo(expected - 3_600_000);
        assertThatThrownBy(() -> TimeValues.epochMillis("yesterday", utc)).isInstanceOf(IllegalArgumentException.class);
        // MATLAB datenum 737792.442372685 (DOE Battery Data Hub) is 2020-01-02 10:37:01 UTC.
        assertThat(TimeValues.fromMatlabDatenum(737792.442372685))
                .isCloseTo(Instant.parse("2020-01-02T10:37:01Z").toEpochMilli(), within(1000L));
    }

    @Test
    void slashedDatesAreReadInTheOrderTheUserGivesAndARefusedOneSaysWhichOrderReadsIt() {
        ZoneId utc = ZoneOffset.UTC;
        TimeValues.DateOrder dayFirst = TimeValues.DateOrder.DAY_FIRST;
        long expected = Instant.parse("2019-11-03T06:28:51Z").toEpochMilli();
        assertThat(TimeValues.epochMillis("03/11/2019 06:28:51", utc, dayFirst)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("3/11/2019 6:28:51 am", utc, dayFirst))
                .isEqualTo(expected);
        assertThat(TimeValues.epochMillis("3.11.2019 06:28:51", utc, dayFirst)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2019-11-03 06:28:51", utc, dayFirst)).isEqualTo(expected);
        assertThat(new TimeValues.WallClock(utc, dayFirst).epochMillis("23/08/2021 18:04:18"))
                .isEqualTo(Instant.parse("2021-08-23T18:04:18Z").toEpochMilli());
        // Read month first (the default), a UK export's 23rd day is no month: the error says what would read it.
        assertThatThrownBy(() -> new TimeValues.WallClock(utc).epochMillis("23/08/2021 18:04:18"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--date-order day-first");
        assertThatThrownBy(() -> TimeValues.epochMillis("08/23/2021 18:04:18", utc, dayFirst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("--date-order");
    }

    @Test
    void unambiguousStampsFromDatabasesPythonMatlabAndExcelRead() {
        ZoneId utc = ZoneOffset.UTC;
        long expected = Instant.parse("2021-08-12T21:59:00Z").toEpochMilli();
        assertThat(TimeValues.epochMillis("2021-08-12 23:59:00+02:00", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2021-08-12T23:59:00+0200", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2021-08-12 23:59:00.000 +02:00", utc))
                .isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2021-08-12 21:59:00Z", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("12-Aug-2021 21:59:00", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("12-AUG-2021 21:59", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2021-08-12 21:59", utc))
                .as("saved again by Excel")
                .isEqualTo(expected);
        TimeValues.WallClock clock = new TimeValues.WallClock(utc);
        assertThat(clock.epochMillis("2021-08-12 23:59:00+0200")).isEqualTo(expected);
        assertThat(clock.epochMillis("2021-08-12 23:59:01+0200")).isEqualTo(expected + 1000);
        assertThat(clock.epochMillis("12-Aug-2021 21:59:02")).isEqualTo(expected + 2000);
    }

    @Test
    void maccorsMonthNamesWithATwoDigitYearAndA12HourClockRead() {
        ZoneId utc = ZoneOffset.UTC;
        long expected = Instant.parse("2023-11-23T15:56:11Z").toEpochMilli();
        assertThat(TimeValues.epochMillis("23-Nov-23 3:56:11 PM", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("23-Nov-2023 3:56:11 PM", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("23-Nov-23 15:56:11", utc)).isEqualTo(expected);
        assertThat(TimeValues.epochMillis("2023-11-23 3:56:11 PM", utc))
                .as("an ISO date with a 12-hour clock, as Novonix writes it")
                .isEqualTo(expected);
        assertThat(TimeValues.epochMillis("23-Nov-23 12:05:00 AM", utc))
                .as("12 AM is midnight")
                .isEqualTo(Instant.parse("2023-11-23T00:05:00Z").toEpochMilli());
        TimeValues.WallClock clock = new TimeValues.WallClock(utc, TimeValues.DateOrder.DAY_FIRST);
        assertThat(clock.epochMillis("23-Nov-23 3:56:11 PM")).isEqualTo(expected);
        assertThat(clock.epochMillis("23-Nov-23 3:56:12 PM")).isEqualTo(expected + 1000);
    }

    @Test
    void aFilesWallClockRemembersItsFormAndCopesWhenItChanges() {
        TimeValues.WallClock clock = new TimeValues.WallClock(ZoneOffset.UTC);
        long expected = Instant.parse("2019-11-03T06:28:51Z").toEpochMilli();
        assertThat(clock.epochMillis("11/03/2019 06:28:51")).isEqualTo(expected);
        assertThat(clock.epochMillis("11/03/2019 06:28:52")).isEqualTo(expected + 1000);
        assertThat(clock.epochMillis("2019-11-03 06:28:53")).isEqualTo(expected + 2000);
        assertThat(clock.epochMillis("1572762534")).isEqualTo(expected + 3000);
        assertThatThrownBy(() -> clock.epochMillis("later")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersFindColumnsWhateverTheVendorsSpelling() {
        Header arbin = new Header(
                new String[] {"Data_Point", "Test_Time(s)", "Current(mA)", "Charge_Capacity(Ah)"},
                Header.UnitStyle.PARENTHESES);
        assertThat(arbin.find("DataPoint").index()).isZero();
        assertThat(arbin.find("test time").unit()).isEqualTo("s");
        assertThat(arbin.find("Current").unitOr("A")).isEqualTo("mA");
        assertThat(arbin.find("Voltage")).isNull();
        Header maccor = new Header(
                new String[] {"Rec#", "Step", "Test (Sec)", "Step (Sec)", "Amp-hr"}, Header.UnitStyle.PARENTHESES);
        assertThat(maccor.find("Test (Sec)").index()).isEqualTo(2);
        assertThat(maccor.find("Step").index()).isEqualTo(1); // not "Step (Sec)"
        Header ecLab = new Header(
                new String[] {"time/s", "|Ewe|/V", "Ewe/V", "<I>/mA", "Q charge/mA.h"}, Header.UnitStyle.SLASH);
        assertThat(ecLab.find("Ewe").index()).isEqualTo(2); // |Ewe| is an impedance column
        assertThat(ecLab.find("<I>").unit()).isEqualTo("mA");
        assertThat(ecLab.find("Q charge").unit()).isEqualTo("mA.h");
    }

    @Test
    void ecLabUnitsAreThePartAfterTheLastSlashAndNamesKeepTheirCase() {
        Header h = new Header(
                new String[] {
                    "Q charge/discharge/mA.h",
                    "control/V/mA",
                    "<Ewe/V>",
                    "dQ/mA.h",
                    "dq/mA.h",
                    "Q charge/mA.h",
                    "(Q-Qo)/C"
                },
                Header.UnitStyle.SLASH);
        assertThat(h.find("Q charge").index()).isEqualTo(5); // not the signed half-cycle column
        assertThat(h.find("Q charge/discharge").unit()).isEqualTo("mA.h");
        assertThat(h.find("control/V").unit()).isEqualTo("mA");
        assertThat(h.find("<Ewe>").unit()).isEqualTo("V");
        assertThat(h.find("dq").index()).isEqualTo(4); // dq, per row, not dQ, per step
        assertThat(h.find("(Q-Qo)").unit()).isEqualTo("C");
        assertThat(h.find("Ewe")).isNull();
    }

    @Test
    void linesThatAreNotUtf8AreWindows1252() throws IOException {
        LineAssembler lines = new LineAssembler(0);
        List<String> got = new ArrayList<>();
        byte[] bytes = {
            'C', 's', '/', (byte) 0xB5, 'F', '\t', (byte) 0x80, '\n', 'T', '/', (byte) 0xC2, (byte) 0xB0, 'C', '\n'
        };
        lines.feed(bytes, 0, bytes.length, (line, end) -> got.add(line));
        assertThat(got).containsExactly("Cs/\u00B5F\t\u20AC", "T/\u00B0C");
    }

    /**
     * {@code Current(µA)} in windows-1252 is valid GBK too ({@code B5 41}); only a line that spells a word of a
     * cycler's Chinese vocabulary makes the stream Chinese, and then its other lines that decode are read so.
     */
    @Test
    void chineseAnsiLinesAreGb18030OnlyOnceAWordOfACyclerShowsIt() throws IOException {
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("Current(µA),T(°C)\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        bytes.write("电流(mA),电压(V),工步类型\n".getBytes(gbk));
        bytes.write("1.5,3.4,备注\n".getBytes(gbk));
        bytes.write("Current(µA)\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        LineAssembler lines = new LineAssembler(0);
        List<String> got = new ArrayList<>();
        byte[] all = bytes.toByteArray();
        lines.feed(all, 0, all.length, (line, end) -> got.add(line));

        assertThat(got.get(0)).as("before: Western").isEqualTo("Current(µA),T(°C)");
        assertThat(got.get(1)).isEqualTo("电流(mA),电压(V),工步类型");
        assertThat(got.get(2))
                .as("a remark with no cycler word, in a Chinese stream")
                .isEqualTo("1.5,3.4,备注");
        assertThat(got.get(3))
                .as("bytes that decode as GBK in a Chinese stream are taken so")
                .isEqualTo(new String(
                        "Current(µA)".getBytes(java.nio.charset.Charset.forName("windows-1252")),
                        java.nio.charset.Charset.forName("GB18030")));

        // A follower resuming below the header learns the code page from the file's top first.
        byte[] top = "电流(mA),电压(V),绝对时间\n".getBytes(gbk);
        byte[] row = "1.5,3.4,2026年1月1日 08:00:00\n".getBytes(gbk);
        LineAssembler resumed = new LineAssembler(top.length);
        resumed.learnCodePageFrom(top);
        List<String> after = new ArrayList<>();
        resumed.feed(row, 0, row.length, (line, end) -> after.add(line));
        assertThat(after).containsExactly("1.5,3.4,2026年1月1日 08:00:00");

        LineAssembler western = new LineAssembler(0);
        List<String> alone = new ArrayList<>();
        byte[] remark = "1.5,3.4,备注\n".getBytes(gbk);
        western.feed(remark, 0, remark.length, (line, end) -> alone.add(line));
        assertThat(alone.get(0)).as("no cycler word: windows-1252").isNotEqualTo("1.5,3.4,备注");
    }

    @Test
    void unitsNormaliseToVoltsAmpsAmpHoursWattHoursSeconds() {
        assertThat(Units.capacity("mA.h")).isEqualTo(1e-3);
        assertThat(Units.capacity("Ah")).isEqualTo(1);
        assertThat(Units.energy("W.h")).isEqualTo(1);
        assertThat(Units.energy("mWh")).isEqualTo(1e-3);
        assertThat(Units.current("µA")).isEqualTo(1e-6);
        assertThat(Units.voltage("mV")).isEqualTo(1e-3);
        assertThat(Units.time("h")).isEqualTo(3600);
        assertThat(Units.celsius(300, "K")).isCloseTo(26.85, within(1e-9));
        assertThat(Units.current("\u03BCA")).isEqualTo(1e-6); // a Greek mu for micro
        assertThat(Units.capacity("mAs")).isEqualTo(1e-3 / 3600);
        assertThat(Units.energy("mWs")).isEqualTo(1e-3 / 3600);
        assertThatThrownBy(() -> Units.capacity("furlong")).hasMessageContaining("unknown capacity unit 'furlong'");
    }

    @Test
    void aLineLongerThanAnyRowIsHeldOnlyToItsCapAndTheOffsetsStayTheFiles() throws IOException {
        LineAssembler lines = new LineAssembler(0);
        List<String> got = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        byte[] nuls = new byte[64 * 1024]; // a power loss: megabytes of NUL bytes, no newline
        int chunks = 3 * LineAssembler.MAX_LINE_BYTES / nuls.length;
        for (int i = 0; i < chunks; i++) {
            lines.feed(nuls, 0, nuls.length, (line, end) -> got.add(line));
        }
        long garbage = (long) chunks * nuls.length;
        assertThat(got).isEmpty();
        assertThat(lines.hasPartialLine()).isTrue();
        assertThat(lines.fedOffset()).isEqualTo(garbage);
        byte[] tail = "\n1,0.5,3.4\n".getBytes(StandardCharsets.US_ASCII);
        lines.feed(tail, 0, tail.length, (line, end) -> {
            got.add(line);
            ends.add(end);
        });
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).as("cut at the cap").hasSize(LineAssembler.MAX_LINE_BYTES);
        assertThat(got.get(1)).isEqualTo("1,0.5,3.4");
        assertThat(ends).containsExactly(garbage + 1, garbage + tail.length);
        assertThat(lines.completeOffset()).isEqualTo(garbage + tail.length);
        // One chunk longer than the cap, newline and all, is cut too.
        byte[] big = new byte[LineAssembler.MAX_LINE_BYTES + 10];
        big[big.length - 1] = '\n';
        List<String> one = new ArrayList<>();
        new LineAssembler(0).feed(big, 0, big.length, (line, end) -> one.add(line));
        assertThat(one).singleElement().asString().hasSize(LineAssembler.MAX_LINE_BYTES);
    }

    @Test
    void aFilesFirstLinesStopAtALineCutAtTheCap(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("big.bin");
        byte[] noNewline = new byte[3 * LineAssembler.MAX_LINE_BYTES];
        java.util.Arrays.fill(noNewline, (byte) 'x');
        Files.write(binary, noNewline);
        Files.write(binary, "\nrow 2\nrow 3\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        List<String> first = TextFiles.firstLines(binary, 20);
        assertThat(first)
                .as("not read past the first megabyte without a newline")
                .singleElement()
                .asString()
                .hasSize(LineAssembler.MAX_LINE_BYTES);
    }

    @Test
    void linesAreHeldBackUntilTheirNewlineAndOffsetsCountBytes() throws IOException {
        LineAssembler lines = new LineAssembler(0);
        List<String> got = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        byte[] first = "\uFEFFa,b\r\nc,".getBytes(StandardCharsets.UTF_8);
        lines.feed(first, 0, first.length, (line, end) -> {
            got.add(line);
            ends.add(end);
        });
        assertThat(got).containsExactly("a,b");
        assertThat(ends).containsExactly(3L + 5); // BOM (3 bytes) + "a,b\r\n"
        assertThat(lines.hasPartialLine()).isTrue();
        assertThat(lines.fedOffset()).isEqualTo(first.length);

        ByteArrayOutputStream latin1 = new ByteArrayOutputStream();
        latin1.write("d\n".getBytes(StandardCharsets.US_ASCII));
        latin1.write("T/".getBytes(StandardCharsets.US_ASCII));
        latin1.write(0xB0); // '°' in latin-1, invalid as UTF-8
        latin1.write("C\nÅ\n".getBytes(StandardCharsets.UTF_8));
        byte[] second = latin1.toByteArray();
        lines.feed(second, 0, second.length, (line, end) -> {
            got.add(line);
            ends.add(end);
        });
        assertThat(got).containsExactly("a,b", "c,d", "T/°C", "Å");
        assertThat(ends.get(3)).isEqualTo(first.length + second.length);
        assertThat(lines.completeOffset()).isEqualTo(first.length + second.length);
        assertThat(lines.hasPartialLine()).isFalse();
    }

    @Test
    void feedingCanStopAfterSomeLinesAndResumeFromTheirEnd() throws IOException {
        byte[] bytes = "a\nbb\nccc\ndd".getBytes(StandardCharsets.US_ASCII);
        LineAssembler lines = new LineAssembler(0);
        List<String> got = new ArrayList<>();
        assertThat(lines.feed(bytes, 0, bytes.length, 2, (line, end) -> got.add(line)))
                .isEqualTo(2);
        assertThat(got).containsExactly("a", "bb");
        assertThat(lines.fedOffset()).isEqualTo(5).isEqualTo(lines.completeOffset());
        assertThat(lines.hasPartialLine()).isFalse();
        int from = (int) lines.fedOffset();
        assertThat(lines.feed(bytes, from, bytes.length - from, 10, (line, end) -> got.add(line)))
                .isEqualTo(1);
        assertThat(got).containsExactly("a", "bb", "ccc");
        assertThat(lines.hasPartialLine()).isTrue();
    }

    @Test
    void quotedCellsAreSplitLikeCsv() throws IOException {
        Delimited csv = new Delimited(',');
        assertThat(csv.split("1, 2 ,\"x,y\",")).containsExactly("1", "2", "x,y", "");
        assertThat(new Delimited(';').split("0;3,81;;x")).containsExactly("0", "3,81", "", "x");
    }
}
