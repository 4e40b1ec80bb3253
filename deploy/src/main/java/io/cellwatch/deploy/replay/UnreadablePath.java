package io.cellwatch.deploy.replay;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What is wrong with a path a command was given, in the words of a shell ({@code no such file},
 * {@code is a directory}, {@code permission denied}): Java's own exceptions say only the path.
 */
public final class UnreadablePath {
    private UnreadablePath() {}

    /** Why the file cannot be read, judged before reading it; empty when it looks readable. */
    public static Optional<String> check(Path file) {
        if (!Files.exists(file)) {
            return Optional.of(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            return Optional.of(file + ": is a directory (give the files in it, e.g. DIR/*.csv)");
        }
        if (!Files.isReadable(file)) {
            return Optional.of(file + ": permission denied");
        }
        return Optional.empty();
    }

    /** The message for a failure while reading: the file system's reason in words, the exception's message otherwise. */
    public static String describe(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        if (e instanceof FileSystemException f
                && f.getMessage() != null
                && f.getMessage().equals(f.getFile())) {
            // A file system exception without a reason (its message is the bare path).
            return file + ": cannot be read";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return file + ": " + f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage();
    }
}
