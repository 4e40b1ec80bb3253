package io.cellwatch.ingest.follow;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How a followed file is opened for reading: {@link FileChannel#open} for reading; tests give one
 * whose reads fail on cue, as a network share's stale handle or a byte-range lock makes them fail.
 */
@FunctionalInterface
interface FileOpener {
    FileOpener READ_ONLY = path -> FileChannel.open(path, StandardOpenOption.READ);

    FileChannel open(Path path) throws IOException;
}
