package io.cellwatch.ingest.format;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a reader handed over for one file, for tests. */
public final class Collected implements RecordSink {
    public final List<ChannelInfo> channels = new ArrayList<>();
    public final List<Sample> samples = new ArrayList<>();
    public final List<CycleSummary> cycles = new ArrayList<>();
    public final List<MalformedRowException> errors = new ArrayList<>();

    public static Collected read(CyclerFormat format, Path file) throws IOException {
        Collected c = new Collected();
        format.read(file, c);
        return c;
    }

    public static Collected read(CyclerFormat format, SourceFile source) throws IOException {
        Collected c = new Collected();
        format.read(source, c);
        return c;
    }

    @Override
    public void channel(ChannelInfo info) {
        channels.add(info);
    }

    @Override
    public void sample(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void cycle(CycleSummary cycle) {
        cycles.add(cycle);
    }

    @Override
    public void malformed(MalformedRowException error) {
        errors.add(error);
    }

    public Sample last() {
        return samples.get(samples.size() - 1);
    }
}
