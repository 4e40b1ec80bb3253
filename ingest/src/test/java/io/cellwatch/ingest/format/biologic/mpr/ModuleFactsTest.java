package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the LOG module's start date is read: 0x249, else the offsets older EC-Lab versions wrote it at. */
class ModuleFactsTest {
    /** OLE days of 2019-03-01 00:00 and of 2024-06-15 12:00. */
    private static final double MARCH_2019 = 43525.0;

    private static final double JUNE_2024 = 45458.5;

    @TempDir
    Path dir;

    @Test
    void anOlderLogModuleHasItsStartDateAt465() throws IOException {
        assertThat(startOf(500, 465, MARCH_2019, -1, 0))
                .isEqualTo(LocalDateTime.of(2019, 3, 1, 0, 0)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli());
    }

    @Test
    void theOffsetOfTheSharedFilesComesFirst() throws IOException {
        assertThat(startOf(700, 465, MARCH_2019, 0x249, JUNE_2024))
                .isEqualTo(LocalDateTime.of(2024, 6, 15, 12, 0)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli());
    }

    @Test
    void noPlausibleDateAtAnyOffsetIsNoStartTime() throws IOException {
        assertThat(startOf(700, 469, 3.0e-300, 0x249, 12.0)).isNull();
    }

    /** A LOG module of {@code length} bytes with an OLE date at each given offset (-1: none). */
    private Long startOf(int length, int firstAt, double first, int secondAt, double second) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(firstAt, first);
        if (secondAt >= 0) {
            data.putDouble(secondAt, second);
        }
        Path file = dir.resolve("log-" + length + "-" + firstAt + "-" + secondAt + ".bin");
        Files.write(file, data.array());
        ModuleFacts facts = new ModuleFacts();
        try (FileChannel channel = FileChannel.open(file)) {
            facts.take(new MprModule(ModuleFraming.LOG, 0, 0, 0, length, 0), new FileBytes(channel, file));
        }
        return facts.acquisitionStartMs(ZoneOffset.UTC);
    }
}
