package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.model.Sample;

/**
 * Sees each Neware record together with the sample made from it, for checks against the peers'
 * frames (which carry step time and step count, fields a {@link Sample} has no place for).
 */
@FunctionalInterface
public interface NewareRowObserver {
    NewareRowObserver NONE = (row, sample) -> {};

    void delivered(NewareRow row, Sample sample);
}
