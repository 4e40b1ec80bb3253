package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input fuzzing found that sent Jackcess into an endless loop (a table-definition page leading to
 * a data page that names itself as the next page) is refused with an error naming the file and the
 * page, before Jackcess follows the chain.
 */
class TableDefinitionChainsTest {
    private static final String LOOPING =
            "ArbinResFuzzTestInputs/anyBytesGiveRowsOrATypedError/crash-jackcess-table-definition-loop";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // the failure this guards against is a hang, not slowness
    void aLoopingTableDefinitionChainIsRefusedNamingThePage() throws Exception {
        Path file = dir.resolve("looping.res");
        try (InputStream in = getClass().getResourceAsStream(LOOPING)) {
            Files.copy(in, file);
        }
        assertThatThrownBy(() -> new ArbinResFormat().read(SourceFile.of(file), new Ignoring()))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("table definition starting on page 24")
                .hasMessageContaining("leads back to page 1");
    }

    @Test
    void aWellFormedResultFilePassesAndIsReadWhole() throws Exception {
        Path file = dir.resolve("three.res");
        try (ResFixture fixture = ResFixture.createCompact(file, 1, 1)) {
            fixture.points(1, 3);
            fixture.auxValues(1, 3);
        }
        new TableDefinitionChains().requireEnding(file);
        Ignoring rows = new Ignoring();
        new ArbinResFormat().read(SourceFile.of(file), rows);
        assertThat(rows.samples).isEqualTo(3);
    }

    private static final class Ignoring implements RecordSink {
        int samples;

        @Override
        public void channel(ChannelInfo info) {}

        @Override
        public void sample(Sample sample) {
            samples++;
        }

        @Override
        public void malformed(MalformedRowException error) {}
    }
}
