package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.NewareRow;
import java.io.Closeable;
import java.io.IOException;

/** The records of {@code data.ndc}, the table every {@code .ndax} has. */
interface NdcDataTable extends Closeable {

    /**
     * Decodes the next record into a cleared row.
     *
     * @return false at the end of the table
     */
    boolean next(NewareRow row) throws IOException;

    /**
     * Whether a record carries everything (the oldest versions); otherwise only index, voltage and
     * current, and the rest comes from {@code data_runInfo.ndc} and {@code data_step.ndc}.
     */
    boolean selfContained();
}
