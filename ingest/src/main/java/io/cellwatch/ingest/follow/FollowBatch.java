package io.cellwatch.ingest.follow;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.util.ArrayList;
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
