package io.cellwatch.deploy.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data sharing archive (AppCDS) for the chaos run's streams instances, as {@code ./cellwatch}
 * keeps one for its services: a JVM that maps its classes from an archive starts in about half the time
 * (README, "Availability after a crash": a restart against a local broker reached the Kafka Streams
 * constructor after 4.3 s with one against 7.4 s without, at a load of 5 on 2 cores), and a restart after
 * a SIGKILL is what a failover waits for. Without it the chaos run would measure a slower start than a
 * deployment run by the launcher has.
 *
 * <p>Java 17 writes such an archive only when a JVM started with {@code -XX:ArchiveClassesAtExit} exits
 * normally, which a killed one never does: the run records it with a first instance stopped cleanly
 * ({@link Lab#recordClassArchive}), checks that a JVM maps it (a truncated archive crashes the JVM that
 * maps it) and only then puts it where the next starts find it. Each start asks {@link #options()} anew.
 */
final class ClassDataArchive {
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private final Path archive;
    private final Path recording;
    private final Optional<String> unavailable;
    private volatile boolean recordNext = true;

    ClassDataArchive(Path dir) {
        this.archive = dir.resolve("streams.jsa");
        this.recording = dir.resolve("streams.jsa.recording");
        this.unavailable = unavailable(System.getProperty("java.vm.name", ""), System.getProperty("java.class.path"));
    }

    /**
     * Why no archive can be made on this JVM and class path, if none can: the options are HotSpot's
     * (OpenJ9 has class sharing of its own and would refuse to start), and HotSpot refuses to archive
     * from a class path with a non-empty directory on it ("Cannot have non-empty directory in paths"),
     * which a build's test run always has (its compiled classes). {@code java -jar cellwatch.jar} has jars only.
     */
    static Optional<String> unavailable(String vmName, String classPath) {
        if (vmName.contains("OpenJ9")) {
            return Optional.of("OpenJ9 has class sharing of its own");
        }
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty() && nonEmptyDirectory(Path.of(entry)))
                .findFirst()
                .map(directory -> "the class path has a directory (" + directory + "), which HotSpot does not archive");
    }

    private static boolean nonEmptyDirectory(Path entry) {
        if (!Files.isDirectory(entry)) {
            return false;
        }
        try (Stream<Path> children = Files.list(entry)) {
            return children.findAny().isPresent();
        } catch (IOException unreadable) {
            return true; // HotSpot would not read it either
        }
    }

    /** Why the starts will not use an archive, when they will not; empty when one can be recorded. */
    Optional<String> unavailable() {
        return unavailable;
    }

    /** The options for a JVM starting now: map the archive once there is one, else record one (first start only). */
    synchronized List<String> options() {
        if (unavailable.isPresent()) {
            return List.of();
        }
        if (Files.isRegularFile(archive)) {
            return concat("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
        }
        if (recordNext) {
            recordNext = false;
            return concat("-XX:ArchiveClassesAtExit=" + recording);
        }
        return List.of();
    }

    /**
     * After the recording JVM exited normally: adopts its archive if a JVM maps it.
     *
     * @return whether the next starts use an archive
     */
    synchronized boolean adopt() throws IOException, InterruptedException {
        if (unavailable.isPresent() || !Files.isRegularFile(recording) || Files.size(recording) == 0) {
            return false;
        }
        Process check = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:SharedArchiveFile=" + recording,
                        "-Xshare:on",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!check.waitFor(60, TimeUnit.SECONDS)) {
            check.destroyForcibly();
            return false;
        }
        if (check.exitValue() != 0) {
            return false;
        }
        Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    private static List<String> concat(String... options) {
        return Stream.concat(List.of(options).stream(), QUIET.stream()).toList();
    }
}
