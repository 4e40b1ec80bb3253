package io.cellwatch.ingest.follow;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one transaction delivers: records read since the last commit and the file positions they reach. */
public final class FollowBatch {
    final List<ChannelInfo> channels = new ArrayList<>();
    final List<Sample> samples = new ArrayList<>();
    final List<CycleSummary> cycles = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final Map<String, FilePosition> positions = new LinkedHashMap<>();
    /**
     * Metadata each sample (by index in {@link #samples}) or cycle (in {@link #cycles}) carries in band: the
     * channel's metadata described since its previous record, on its next one ({@link ChannelInfoHeader}).
     */
    final Map<Integer, ChannelInfo> sampleDescribes = new HashMap<>();

    final Map<Integer, ChannelInfo> cycleDescribes = new HashMap<>();
    /**
     * Metadata described and not yet carried by a record of its channel: the follower's, kept across
     * transactions, since a file's header can come in a transaction of its own before its first row.
     */
    private final Map<String, ChannelInfo> describedSince;

    public FollowBatch() {
        this(new HashMap<>());
    }

    FollowBatch(Map<String, ChannelInfo> describedSince) {
        this.describedSince = describedSince;
    }

    void describe(ChannelInfo info) {
        channels.add(info);
        describedSince.put(info.channelId(), info);
    }

    void add(Sample sample) {
        ChannelInfo carried = describedSince.remove(sample.channelId());
        if (carried != null) {
            sampleDescribes.put(samples.size(), carried);
        }
        samples.add(sample);
    }

    void add(CycleSummary cycle) {
        ChannelInfo carried = describedSince.remove(cycle.channelId());
        if (carried != null) {
            cycleDescribes.put(cycles.size(), carried);
        }
        cycles.add(cycle);
    }

    /**
     * What the batch holds now, for {@link #rollBackTo} should reading {@code path} fail: the records after
     * the mark and the path's position then go, and the metadata carried in band is as it was.
     */
    Mark mark(String path) {
        return new Mark(
                channels.size(),
                samples.size(),
                cycles.size(),
                deadLetters.size(),
                path,
                positions.get(path),
                describedSince.isEmpty() ? Map.of() : Map.copyOf(describedSince));
    }

    /** Drops what was added since {@code mark}: what one file's failed read put in. */
    void rollBackTo(Mark mark) {
        channels.subList(mark.channels, channels.size()).clear();
        samples.subList(mark.samples, samples.size()).clear();
        cycles.subList(mark.cycles, cycles.size()).clear();
        deadLetters.subList(mark.deadLetters, deadLetters.size()).clear();
        sampleDescribes.keySet().removeIf(index -> index >= mark.samples);
        cycleDescribes.keySet().removeIf(index -> index >= mark.cycles);
        if (mark.position == null) {
            positions.remove(mark.path);
        } else {
            positions.put(mark.path, mark.position);
        }
        describedSince.clear();
        describedSince.putAll(mark.describedSince);
    }

    record Mark(
            int channels,
            int samples,
            int cycles,
            int deadLetters,
            String path,
            FilePosition position,
            Map<String, ChannelInfo> describedSince) {}

    /** The metadata the sample at {@code index} carries in band, or null. */
    public ChannelInfo describedBySample(int index) {
        return sampleDescribes.get(index);
    }

    /** The metadata the cycle at {@code index} carries in band, or null. */
    public ChannelInfo describedByCycle(int index) {
        return cycleDescribes.get(index);
    }

    public List<ChannelInfo> channels() {
        return channels;
    }

    public List<Sample> samples() {
        return samples;
    }

    public List<CycleSummary> cycles() {
        return cycles;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** The latest position per file, keyed by path. */
    public Map<String, FilePosition> positions() {
        return positions;
    }

    public int records() {
        return channels.size() + samples.size() + cycles.size() + deadLetters.size();
    }

    public boolean isEmpty() {
        return records() == 0 && positions.isEmpty();
    }
}
