package io.cellwatch.ingest.format.neware.ndax;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** An auxiliary channel's table ({@code data_AUX_*.ndc}, {@code data_N.ndc}): readings by record index. */
interface NdcAuxTable extends Closeable {

    /**
     * Puts this channel's readings for record {@code index} into {@code into}, if the table has
     * them; rows for earlier records are passed over. Called with increasing indexes.
     */
    void readingsFor(long index, Map<String, Double> into) throws IOException;
}
