package io.cellwatch.ingest.format.biologic.mpr;

/** The top of an {@code .mpr} as far as the file holds it: the whole structure, or where it falls short. */
sealed interface TopOfFile permits MprStructure, Shortfall {}
