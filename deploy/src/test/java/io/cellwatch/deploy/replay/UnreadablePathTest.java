package io.cellwatch.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreadablePathTest {
    @TempDir
    Path dir;

    @Test
    void theFileSystemsReasonsInAShellsWords() {
        Path file = dir.resolve("ch1.csv");
        assertThat(UnreadablePath.describe(file, new NoSuchFileException(file.toString())))
                .isEqualTo(file + ": no such file");
        assertThat(UnreadablePath.describe(file, new AccessDeniedException(file.toString())))
                .isEqualTo(file + ": permission denied");
        assertThat(UnreadablePath.describe(file, new FileSystemException(file.toString(), null, "Is a directory")))
                .isEqualTo(file + ": is a directory");
        assertThat(UnreadablePath.describe(file, new FileSystemException(file.toString())))
                .isEqualTo(file + ": cannot be read");
        assertThat(UnreadablePath.describe(file, new IOException(file + ":3: no voltage column")))
                .isEqualTo(file + ":3: no voltage column");
    }

    @Test
    void aPathIsCheckedBeforeItIsRead() throws IOException {
        assertThat(UnreadablePath.check(dir.resolve("gone.csv"))).hasValue(dir.resolve("gone.csv") + ": no such file");
        assertThat(UnreadablePath.check(dir))
                .hasValueSatisfying(m -> assertThat(m).startsWith(dir + ": is a directory"));
        Path readable = Files.writeString(dir.resolve("ok.csv"), "x\n");
        assertThat(UnreadablePath.check(readable)).isEmpty();
    }

    @Test
    void aFileWithoutReadPermissionIsSaidSo() throws IOException {
        Path locked = Files.writeString(dir.resolve("locked.csv"), "x\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked), "running as a user who reads every file (root): nothing to deny");
        assertThat(UnreadablePath.check(locked)).hasValue(locked + ": permission denied");
    }
}
