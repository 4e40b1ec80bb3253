package io.cellwatch.ingest.format.neware;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.nda.NewareRow;
import io.cellwatch.ingest.format.neware.nda.NewareRowObserver;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Everything a Neware reader delivered for one file, with the record fields a sample has no place for. */
public final class NewareRead implements RecordSink, NewareRowObserver {
    public final List<Sample> samples = new ArrayList<>();
    public final List<MalformedRowException> errors = new ArrayList<>();
    private double[] stepTimes = new double[1024];
    private int[] stepCounts = new int[1024];
    private int[] statuses = new int[1024];
    private boolean[] derived = new boolean[1024];

    public static NewareRead of(Path file) throws IOException {
        NewareRead read = new NewareRead();
        SourceFile source = SourceFile.of(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndax")) {
            new NdaxFormat().read(source, read, read);
        } else {
            new NdaFormat().read(source, read, read);
        }
        return read;
    }

    @Override
    public void delivered(NewareRow row, Sample sample) {
        int i = samples.size();
        if (i == stepTimes.length) {
            stepTimes = java.util.Arrays.copyOf(stepTimes, i * 2);
            stepCounts = java.util.Arrays.copyOf(stepCounts, i * 2);
            statuses = java.util.Arrays.copyOf(statuses, i * 2);
            derived = java.util.Arrays.copyOf(derived, i * 2);
        }
        derived[i] = row.stepTimeDerived;
        stepTimes[i] = row.stepTimeS;
        stepCounts[i] = row.stepCount;
        statuses[i] = row.status;
    }

    public double stepTime(int i) {
        return stepTimes[i];
    }

    public int stepCount(int i) {
        return stepCounts[i];
    }

    /** Whether the file stores no step time for this record (BTS 9.1), so it was derived from total time. */
    public boolean stepTimeDerived(int i) {
        return derived[i];
    }

    public int status(int i) {
        return statuses[i];
    }

    @Override
    public void channel(ChannelInfo info) {}

    @Override
    public void sample(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void malformed(MalformedRowException error) {
        errors.add(error);
    }
}
