package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One channel of the lab-conditions library, drawn from a template and a seed: one cell (or two,
 * when a new cell is started on the reused channel), what the lab declared about each, how the
 * cycler logs it, and the benign events and fault. {@link #run(LabSink)} plays it as a cycler would
 * write it and returns the ground truth; the same scenario always gives the same rows and truth.
 */
public final class LabScenario {
    /**
     * Wall-clock time of channel second 0 of every scenario (2025-01-06T08:00:00Z, as the demo
     * simulator): a row's channel seconds are (wallTimeMs − this) / 1000.
     */
    public static final long START_EPOCH_MS = 1_736_150_400_000L;

    /** The lab starts the next cell on the channel this long after the previous one ended. */
    private static final double NEXT_CELL_GAP_S = 3600;

    /** One cell on the channel, with its declared metadata and cycler. */
    record Cell(
            ChannelInfo declared,
            CellPlan fullCell,
            SymmetricPlan symmetric,
            LoggingPolicy logging,
            CyclerQuirks quirks,
            double hours,
            double testTimeAtStartS) {}

    private final String channelId;
    private final String template;
    private final long seed;
    private final FaultFamily family;
    private final String chemistry;
    private final String description;
    private final List<Cell> cells;
    private final List<BenignEvent> knownEvents;
    private final long startEpochMs;

    LabScenario(
            String template,
            long seed,
            FaultFamily family,
            String chemistry,
            String description,
            List<Cell> cells,
            List<BenignEvent> knownEvents,
            long startEpochMs) {
        this.channelId = cells.get(0).declared().channelId();
        this.template = template;
        this.seed = seed;
        this.family = family;
        this.chemistry = chemistry;
        this.description = description;
        this.cells = List.copyOf(cells);
        this.knownEvents = List.copyOf(knownEvents);
        this.startEpochMs = startEpochMs;
    }

    public String channelId() {
        return channelId;
    }

    public String template() {
        return template;
    }

    public long seed() {
        return seed;
    }

    public FaultFamily family() {
        return family;
    }

    /** The drawn trajectory in one line (what the truth's description will say). */
    public String description() {
        return description;
    }

    /** What the lab declared about the first cell. */
    public ChannelInfo declared() {
        return cells.get(0).declared();
    }

    /** The cells' declared metadata, in order (two for a new cell on a reused channel). */
    public List<ChannelInfo> declaredCells() {
        return cells.stream().map(Cell::declared).toList();
    }

    /** Plays the channel into sink and returns its ground truth. */
    public LabTruth run(LabSink sink) {
        TruthBuilder truth = new TruthBuilder(channelId, template, seed, family);
        truth.describe(chemistry, description);
        knownEvents.forEach(e -> truth.event(e.condition(), e.startS(), e.endS(), e.detail()));
        double channelS = 0;
        double lastSampleS = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell cell = cells.get(i);
            SplittableRandom streams = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 31L * i + template.hashCode());
            SplittableRandom protocol = streams.split();
            SplittableRandom noise = streams.split();
            truth.segment(channelS, cell.testTimeAtStartS());
            if (i > 0) {
                boolean redeclared = !cell.declared().equals(cells.get(i - 1).declared());
                truth.event(
                        BenignCondition.NEW_CELL_ON_CHANNEL,
                        channelS,
                        channelS,
                        redeclared ? "new cell, metadata re-declared" : "new cell, metadata left as before");
            }
            sink.cell(cell.declared(), i);
            CyclerRecorder recorder = new CyclerRecorder(
                    channelId,
                    cell.logging(),
                    cell.quirks(),
                    noise,
                    cell.testTimeAtStartS(),
                    channelS,
                    startEpochMs + Math.round(channelS * 1000),
                    sink);
            double maxLocalS = cell.hours() * 3600;
            CellRun.Turn turn = new CellRun.Turn(recorder, truth, protocol, channelS, maxLocalS);
            CellRun run = cell.fullCell() != null
                    ? new FullCellRun(cell.fullCell(), turn)
                    : new SymmetricRun(cell.symmetric(), turn);
            double ran = run.run();
            lastSampleS = channelS + ran;
            channelS = lastSampleS + NEXT_CELL_GAP_S;
        }
        return truth.build(lastSampleS);
    }

    @Override
    public String toString() {
        return channelId + " (" + template + ", seed " + seed + ")";
    }
}
