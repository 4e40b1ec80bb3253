package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Whether a followed file left its path: only a file gone or another file at the path says so; a look
 * that fails otherwise (a network share's hiccup) tells nothing, and the file is not read to its end
 * and again whole as a new generation.
 */
class FileIdentityMovedAwayTest {
    private static final Path PATH = Path.of("/mnt/cycler-share/ch07.csv");
    private static final Object KEY = "(dev=2a,ino=1187)";

    @Test
    void theSameKeyHasNotMoved() {
        assertThat(FileIdentity.movedAway(KEY, PATH, p -> "(dev=2a,ino=1187)")).isFalse();
    }

    @Test
    void anotherKeyOrNoFileHasMoved() {
        assertThat(FileIdentity.movedAway(KEY, PATH, p -> "(dev=2a,ino=2001)")).isTrue();
        assertThat(FileIdentity.movedAway(KEY, PATH, p -> {
                    throw new NoSuchFileException(p.toString());
                }))
                .isTrue();
    }

    @Test
    void aLookThatFailsOtherwiseTellsNothing() {
        assertThat(FileIdentity.movedAway(KEY, PATH, p -> {
                    throw new FileSystemException(p.toString(), null, "Stale file handle");
                }))
                .isFalse();
    }

    @Test
    void aFileSystemWithoutKeysNeverSaysMoved() {
        assertThat(FileIdentity.movedAway(null, PATH, p -> null)).isFalse();
    }
}
