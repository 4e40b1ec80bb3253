package io.cellwatch.ingest.format.neware;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Header;
import java.nio.file.Path;
import java.util.List;

/**
 * Neware BTSDA's record sheet exported on a PC set to Chinese: the flat CSV with Chinese column names, in
 * the PC's ANSI code page (GBK, read as GB18030 by {@code LineAssembler}) or UTF-8.
 *
 * <ul>
 *   <li>BTSDA 8: {@code 数据序号} (record), {@code 循环号} (cycle), {@code 工步号} (step), {@code 工步类型}
 *       (step type), {@code 时间} (the step's time), {@code 总时间} (test time), {@code 电流(mA)},
 *       {@code 电压(V)}, {@code 容量(mAh)} (the step's charge, restarting at each step), {@code 能量(mWh)},
 *       {@code 绝对时间} (wall clock), often also {@code 充电容量(mAh)} and {@code 放电容量(mAh)};
 *   <li>BTSDA 7: {@code 记录序号}, {@code 状态} (the step type), {@code 循环}, {@code 步次}, {@code 电流(mA)},
 *       {@code 电压(V)}, {@code 容量(mAh)}, {@code 相对时间} (the step's time) and {@code 绝对时间}; without a test
 *       time, which is then counted from the wall clock.
 * </ul>
 *
 * Step types are the Chinese names ({@code 恒流充电}, {@code 恒流放电}, {@code 搁置}: {@link StepTypes#neware}).
 * The separate charge and discharge counters are taken where the sheet has them, as the English flat export's
 * are ({@link NewareCsvFormat}); otherwise the step's capacity is split by the step's direction, as the
 * hierarchical export's is ({@link NewareBtsdaFormat}). Written from public parsers' and lab scripts'
 * descriptions of these sheets, not from a real export.
 */
public final class NewareChineseFormat extends NamedFormat {
    public static final String NAME = "neware-zh";

    /** With the sheet's own charge and discharge counters (each restarting at every step). */
    static final ColumnLayout BY_DIRECTION = common().required(CHARGE_CAPACITY, "充电容量")
            .required(DISCHARGE_CAPACITY, "放电容量")
            .optional(CHARGE_ENERGY, "充电能量")
            .optional(DISCHARGE_ENERGY, "放电能量")
            .build();

    /** With the step's capacity only, split by the step's direction. */
    static final ColumnLayout BY_STEP = common().required(CAPACITY, "容量")
            .optional(ENERGY, "能量")
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .build();

    private static ColumnLayout.Builder common() {
        return ColumnLayout.builder()
                .optional(DATA_POINT, "数据序号", "记录序号")
                .required(CYCLE, "循环号", "循环序号", "循环")
                .optional(STEP, "工步号", "工步序号", "步次")
                .required(STEP_TYPE, "工步类型", "状态")
                .optional(TEST_TIME, "总时间")
                .optional(WALL_TIME, "绝对时间", "系统时间")
                .required(CURRENT, "电流")
                .required(VOLTAGE, "电压")
                .optional(TEMPERATURE, "温度", "温度1", "T1")
                .stepTypes(StepTypes::neware);
    }

    public NewareChineseFormat() {
        super(
                NAME,
                "Neware flat CSV with Chinese column names (GBK or UTF-8): 数据序号, 循环号, 工步号, 工步类型, 总时间,"
                        + " 电流(mA), 电压(V), 容量(mAh), 绝对时间, ...");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return Header.ofDelimitedFirstLine(firstLines)
                .map(h -> h.has("循环号", "循环序号", "循环") && h.has("工步类型", "状态") && h.has("电流") && h.has("电压"))
                .orElse(false);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new LayoutRowReader(
                source,
                (header, file, line) -> header.has("充电容量") && header.has("放电容量")
                        ? BY_DIRECTION.bind(header, file, line)
                        : BY_STEP.bind(header, file, line));
    }
}
