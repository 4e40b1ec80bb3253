package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A binary file that failed to read is given up once quiet, and tried again when it changes in size or in time. */
class RetryWhileChangingTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFileWrittenInPlaceWithoutGrowingIsTriedAgain() {
        RetryWhileChanging retry = new RetryWhileChanging(Path.of("ch01.res"), "arbin-res", 2 * SECOND);
        assertThat(retry.mayRead(4096, 1_000, 0)).isTrue();
        retry.failed(new IOException("a page still being written"), 3 * SECOND);
        assertThat(retry.mayRead(4096, 1_000, 4 * SECOND)).as("quiet: given up").isFalse();
        // MITS Pro fills free space on existing pages: same size, a new modification time.
        assertThat(retry.mayRead(4096, 2_000, 5 * SECOND)).isTrue();
        assertThat(retry.mayRead(8192, 2_000, 6 * SECOND)).isTrue();
    }
}
