package io.cellwatch.ingest.follow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a followed file can still be opened by name once its path names another file or none. A
 * text file is read through the follower's own open channel whatever its name; a binary file's row
 * source opens its file by name (Jackcess, {@code java.util.zip}), so a file rotated away needs a
 * name that still leads to it before the rest of it can be read.
 */
interface MovedFiles {

    /** A path that opens the same file (the same file key) as {@code file}, or empty when none can be found. */
    Optional<Path> find(FileIdentity file);

    /** Whether {@link #currentName} can tell a renamed file from a deleted one here. */
    default boolean knowsNames() {
        return false;
    }

    /** The name {@code file} has now, or empty when it has none (deleted) or none can be found. */
    default Optional<Path> currentName(FileIdentity file) {
        return Optional.empty();
    }

    /** Nowhere: a system where an open file cannot be found again by its key. */
    MovedFiles NOWHERE = file -> Optional.empty();

    /** The way this system offers: {@code /proc/self/fd} on Linux, none elsewhere. */
    static MovedFiles ofThisSystem() {
        return Files.isDirectory(ProcSelfFd.FD) ? new ProcSelfFd() : NOWHERE;
    }
}
