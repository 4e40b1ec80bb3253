package io.cellwatch.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    private static final String HOTSPOT = "OpenJDK 64-Bit Server VM";

    @TempDir
    Path dir;

    @Test
    void aClassPathOfJarsCanBeArchived() throws Exception {
        Path jar = Files.createFile(dir.resolve("cellwatch.jar"));
        Path lib = Files.createFile(dir.resolve("kafka-streams.jar"));

        assertThat(ClassDataArchive.unavailable(HOTSPOT, jar + File.pathSeparator + lib))
                .isEmpty();
    }

    @Test
    void aDirectoryOfClassesOnTheClassPathCannot() throws Exception {
        Path jar = Files.createFile(dir.resolve("cellwatch.jar"));
        Path classes = Files.createDirectories(dir.resolve("test-classes"));
        Files.createFile(classes.resolve("Some.class"));

        assertThat(ClassDataArchive.unavailable(HOTSPOT, jar + File.pathSeparator + classes))
                .hasValueSatisfying(why -> assertThat(why).contains(classes.toString()));
    }

    @Test
    void anEmptyDirectoryIsNoObstacle() throws Exception {
        Path jar = Files.createFile(dir.resolve("cellwatch.jar"));
        Path empty = Files.createDirectories(dir.resolve("resources"));

        assertThat(ClassDataArchive.unavailable(HOTSPOT, jar + File.pathSeparator + empty))
                .isEmpty();
    }

    @Test
    void openJ9HasItsOwnSharing() throws Exception {
        Path jar = Files.createFile(dir.resolve("cellwatch.jar"));

        assertThat(ClassDataArchive.unavailable("Eclipse OpenJ9 VM", jar.toString()))
                .isPresent();
    }
}
