package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.neware.nda.NewareRow;
import io.cellwatch.ingest.format.neware.nda.NewareSampleStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over an {@code .ndax}: the records of {@code data.ndc} in order, each joined by its index
 * with its {@code data_runInfo.ndc} row (or filled in, {@link RunInfoFill}), its step's cycle, step
 * index and status from {@code data_step.ndc}, and its auxiliary readings. All tables are streamed
 * side by side; only the step table is held whole. A pass may be taken in parts ({@link #read} with
 * a row budget): the member streams stay open between the parts, so each part goes on where the
 * last stopped, at the next record of {@code data.ndc}.
 */
final class NdaxPass implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NdaxPass.class);
    static final String DATA = "data.ndc";
    static final String RUN_INFO = "data_runInfo.ndc";
    static final String STEPS = "data_step.ndc";
    private static final Set<Integer> DATA_VERSIONS = Set.of(2, 5, 11, 14, 16, 17);

    private final NdcDataTable data;
    private final NdcRunInfoTable runInfo;
    private final List<NdcAuxTable> aux;
    private final NdcRecordJoin joiner;
    private final NewareRow row = new NewareRow();
    private boolean finished;

    private NdaxPass(NdcDataTable data, NdcRunInfoTable runInfo, List<NdcAuxTable> aux, NdcStepTable steps) {
        this.data = data;
        this.runInfo = runInfo;
        this.aux = aux;
        this.joiner = new NdcRecordJoin(runInfo, steps);
    }

    /** Opens the archive's tables at their first record; the archive must stay open while the pass is read. */
    static NdaxPass open(NdaxArchive archive, SourceFile source) throws IOException {
        Path file = archive.file();
        if (!archive.has(DATA)) {
            throw new BinaryFormatException(
                    file,
                    "archive members",
                    "a member data.ndc, which holds every record",
                    archive.members().toString());
        }
        List<NdcAuxTable> aux = new ArrayList<>();
        NdcDataTable data = dataTable(archive, source);
        NdcRunInfoTable runInfo = null;
        try {
            runInfo = data.selfContained() ? null : runInfo(archive);
            NdcStepTable steps = data.selfContained() ? null : steps(archive);
            aux.addAll(NdaxAuxTables.open(archive, data.selfContained()));
            return new NdaxPass(data, runInfo, aux, steps);
        } catch (IOException | RuntimeException e) {
            try (data;
                    NdcRunInfoTable r = runInfo;
                    NdaxAuxTables.Closer c = new NdaxAuxTables.Closer(aux)) {
                throw e;
            }
        }
    }

    /**
     * Reads the next records into the stream, stopping once it has handed over {@code maxRows} more
     * rows (at a record boundary of {@code data.ndc}) or at the end of the table.
     *
     * @return how many samples it delivered
     */
    int read(NewareSampleStream samples, RecordSink sink, int maxRows) throws IOException {
        long budgetEnd = samples.handed() + maxRows;
        int delivered = 0;
        while (samples.handed() < budgetEnd) {
            if (!data.next(row.clear())) {
                finished = true;
                break;
            }
            if (!data.selfContained()) {
                joiner.join(row);
            }
            for (NdcAuxTable table : aux) {
                table.readingsFor(row.index, row.auxiliary);
            }
            if (samples.offer(row, sink)) {
                delivered++;
            }
        }
        return delivered;
    }

    /** Whether every record of {@code data.ndc} has been read. */
    boolean finished() {
        return finished;
    }

    @Override
    public void close() throws IOException {
        try (data;
                NdcRunInfoTable r = runInfo;
                NdaxAuxTables.Closer c = new NdaxAuxTables.Closer(aux)) {
            // closed in reverse order, the first failure kept
        }
    }

    private static NdcDataTable dataTable(NdaxArchive archive, SourceFile source) throws IOException {
        NdcMember member = NdcMember.open(archive, DATA);
        try {
            if (member.fileType() != NdcMember.DATA) {
                throw member.damaged(0, "file type", "file type 1 (records)", Integer.toString(member.fileType()));
            }
            if (!DATA_VERSIONS.contains(member.version())) {
                throw member.damaged(
                        2,
                        "version",
                        "an ndc version cellwatch reads (2, 5, 11, 14, 16, 17)",
                        "version " + member.version());
            }
            return member.version() <= 5
                    ? new NdcLegacyTable(member, source.zone())
                    : new NdcVoltageCurrentTable(member);
        } catch (IOException | RuntimeException e) {
            member.close();
            throw e;
        }
    }

    private static NdcRunInfoTable runInfo(NdaxArchive archive) throws IOException {
        if (!archive.has(RUN_INFO)) {
            throw new BinaryFormatException(
                    archive.file(),
                    "archive members",
                    "a member data_runInfo.ndc, which holds the times and counters",
                    archive.members().toString());
        }
        return new NdcRunInfoTable(table(
                archive,
                RUN_INFO,
                NdcMember.RUN_INFO,
                NdcRunInfoTable::reads,
                "a runInfo table (file type 18, version 11, 14, 16 or 17)"));
    }

    private static NdcStepTable steps(NdaxArchive archive) throws IOException {
        if (!archive.has(STEPS)) {
            LOG.warn("{}: no {}; cycles are numbered from the step types", archive.file(), STEPS);
            return null;
        }
        return NdcStepTable.read(table(
                archive,
                STEPS,
                NdcMember.STEP,
                NdcStepTable::reads,
                "a step table (file type 7, version 11, 14, 16 or 17)"));
    }

    /** A member that must be a table of this file type in a version cellwatch reads; closed when it is not. */
    private static NdcMember table(
            NdaxArchive archive, String name, int fileType, IntPredicate readsVersion, String expected)
            throws IOException {
        NdcMember member = NdcMember.open(archive, name);
        if (member.fileType() != fileType || !readsVersion.test(member.version())) {
            member.close();
            throw member.damaged(
                    0,
                    "file type and version",
                    expected,
                    String.format(Locale.ROOT, "type %d version %d", member.fileType(), member.version()));
        }
        return member;
    }
}
