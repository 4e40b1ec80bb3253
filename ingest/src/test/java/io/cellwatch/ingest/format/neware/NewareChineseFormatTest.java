package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neware's record sheet exported on a Chinese PC: GBK bytes (the ANSI code page there) or UTF-8, Chinese
 * column names and step types, with or without the separate charge and discharge counters.
 */
class NewareChineseFormatTest {
    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    private Path file(String name, String text, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(charset));
    }

    /** BTSDA 8's record sheet: the step's capacity only, split by the step's direction. */
    private static final String BTSDA8 = """
            数据序号,循环号,工步号,工步类型,时间,总时间,电流(mA),电压(V),容量(mAh),比容量(mAh/g),能量(mWh),比能量(mWh/g),绝对时间,功率(mW)
            1,1,1,搁置,00:00:00,00:00:00,0.000,3.3000,0.000,0,0.000,0,2026-01-01 00:00:00,0
            2,1,2,恒流充电,00:00:30,00:00:30,1.500,3.4500,0.0125,0,0.043,0,2026-01-01 00:00:30,5.175
            3,1,2,恒流充电,00:01:00,00:01:00,1.500,3.5000,0.0250,0,0.087,0,2026-01-01 00:01:00,5.250
            4,1,3,恒流放电,00:00:30,00:01:30,-1.500,3.2500,0.0125,0,0.041,0,2026-01-01 00:01:30,-4.875
            5,2,4,恒流恒压充电,00:00:30,00:02:00,1.500,3.4500,0.0125,0,0.043,0,2026-01-01 00:02:00,5.175
            """;

    @Test
    void aGbkRecordSheetIsDetectedAndReadWithItsStepTypesAndCapacitySplitByDirection() throws IOException {
        Path csv = file("record.csv", BTSDA8, GBK);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo(NewareChineseFormat.NAME);
        Collected c = Collected.read(new NewareChineseFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 1, 2);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(1, 2, 2, 3, 4);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE, StepType.CHARGE);
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 30.0, 60.0, 90.0, 120.0);
        assertThat(c.samples.get(1).currentA()).as("电流(mA)").isEqualTo(0.0015, within(1e-12));
        assertThat(c.samples.get(3).currentA()).isEqualTo(-0.0015, within(1e-12));
        assertThat(c.samples.get(2).voltageV()).isEqualTo(3.5);
        assertThat(c.samples.get(2).chargeCapacityAh())
                .as("容量(mAh) of a charge")
                .isEqualTo(25e-6, within(1e-12));
        assertThat(c.samples.get(3).dischargeCapacityAh())
                .as("容量(mAh) of a discharge")
                .isEqualTo(12.5e-6, within(1e-12));
        assertThat(c.samples.get(0).wallTimeMs()).isEqualTo(1_767_225_600_000L);
    }

    @Test
    void theSameSheetInUtf8ReadsTheSame() throws IOException {
        Collected gbk = Collected.read(new NewareChineseFormat(), file("gbk.csv", BTSDA8, GBK));
        Path utf8 = file("gbk-as-utf8.csv", BTSDA8, StandardCharsets.UTF_8);
        assertThat(CyclerFormats.detect(utf8).name()).isEqualTo(NewareChineseFormat.NAME);
        Collected read = Collected.read(new NewareChineseFormat(), utf8);

        assertThat(read.errors).isEmpty();
        assertThat(read.samples)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("channelId")
                .containsExactlyElementsOf(gbk.samples);
    }

    @Test
    void separateChargeAndDischargeCountersAreTakenAsWrittenAndFullWidthParenthesesGiveTheUnit() throws IOException {
        Path csv = file("record-counters.csv", """
                数据序号,循环号,工步号,工步类型,总时间,电流（A）,电压（V）,容量（Ah）,充电容量（Ah）,放电容量（Ah）,绝对时间
                1,1,1,恒流充电,00:00:00,1.0,3.40,0.0,0.0,0.0,2026-01-01 00:00:00
                2,1,1,恒流充电,00:36:00,1.0,3.50,0.6,0.6,0.0,2026-01-01 00:36:00
                3,1,2,恒流放电,00:54:00,-1.0,3.30,0.3,0.0,0.3,2026-01-01 00:54:00
                """, GBK);
        Collected c = Collected.read(new NewareChineseFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples.get(1).currentA()).as("电流（A）: amperes").isEqualTo(1.0);
        assertThat(c.samples.get(1).chargeCapacityAh()).isEqualTo(0.6, within(1e-12));
        assertThat(c.samples.get(2).dischargeCapacityAh()).isEqualTo(0.3, within(1e-12));
        assertThat(c.samples.get(2).chargeCapacityAh()).isEqualTo(0.0);
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 2160.0, 3240.0);
    }

    @Test
    void btsda7RecordsWithoutATestTimeAreTimedFromTheWallClock() throws IOException {
        Path csv = file("btsda7.csv", """
                记录序号,状态,跳转,循环,步次,电流(mA),电压(V),容量(mAh),能量(mWh),相对时间(h:min:s.ms),绝对时间
                1,搁置,1,1,1,0.0000,3.3001,0.0000,0.0000,0:00:00.000,2026-01-01 08:00:00
                2,恒流充电,1,1,2,2.0000,3.4001,0.0000,0.0000,0:00:00.000,2026-01-01 08:00:30
                3,恒流充电,1,1,2,2.0000,3.4501,0.0333,0.1150,0:01:00.000,2026-01-01 08:01:30
                4,恒流放电,1,1,3,-2.0000,3.3002,0.0000,0.0000,0:00:00.000,2026-01-01 08:01:31
                5,恒流放电,1,1,3,-2.0000,3.2502,0.0333,0.1080,0:01:00.000,2026-01-01 08:02:31
                """, GBK);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo(NewareChineseFormat.NAME);
        Collected c = Collected.read(new NewareChineseFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 30.0, 90.0, 91.0, 151.0);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(
                        StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(4).chargeCapacityAh()).isEqualTo(33.3e-6, within(1e-12));
        assertThat(c.samples.get(4).dischargeCapacityAh()).isEqualTo(33.3e-6, within(1e-12));
    }

    /** A newer record sheet in amperes with a numbered temperature channel, {@code 温度1(℃)}, as lab scripts name it. */
    @Test
    void aNumberedTemperatureChannelIsTheCellsTemperature() throws IOException {
        Path csv = file("record-amps.csv", """
                数据序号,循环号,工步序号,工步类型,相对时间(h:min:s.ms),电压(V),电流(A),容量(Ah),能量(Wh),温度1(℃),绝对时间
                1,1,1,搁置,0:00:00.000,3.3000,0.0000,0.0000,0.0000,25.0,2023-03-14 09:30:00
                2,1,2,恒流充电,0:30:00.000,3.9500,50.0000,25.0000,95.0000,28.0,2023-03-14 10:00:00
                """, GBK);
        Collected c = Collected.read(new NewareChineseFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::temperatureC).containsExactly(25.0, 28.0);
        assertThat(c.samples.get(1).currentA()).as("电流(A)").isEqualTo(50.0);
    }
}
