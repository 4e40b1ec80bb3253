package io.cellwatch.ingest.format.binary;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A well-formed binary cycler file whose technique records no battery cycling (impedance
 * spectroscopy, voltammetry, a timed wait): its rows are valid but are not charge and discharge, so
 * cellwatch refuses the whole file rather than fold them into cycles. Unlike damage, this never
 * heals as the file grows: a follower reports it once and stops reading the file.
 */
public class NotCyclingDataException extends BinaryFormatException {
    private static final long serialVersionUID = 1L;

    private final String technique;

    /**
     * @param where     the field the technique was read from
     * @param offset    its byte offset
     * @param technique the technique's name as the cycler software writes it
     * @param refusal   why the technique is not read, as the text reader of the same format says it
     */
    public NotCyclingDataException(Path file, String where, long offset, String technique, String refusal) {
        super(String.format(Locale.ROOT, "%s: %s at offset %d: %s", file, where, offset, refusal));
        this.technique = technique;
    }

    /** The technique's name as the cycler software writes it ({@code Potentio Electrochemical Impedance Spectroscopy}). */
    public String technique() {
        return technique;
    }
}
