package io.cellwatch.ingest.follow;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds a file again through the process's open descriptors ({@code /proc/self/fd}, Linux). Each
 * descriptor is a link to the file it has open: the link's text is the file's current name (a file
 * renamed anywhere on the file system), and the link itself opens the file even after it was
 * deleted, for as long as the descriptor stays open. The follower holds every followed file open
 * ({@link FileIdentity}), so a rotated file can be read to its end either way.
 *
 * <p>The current name is preferred (it is what log lines and dead letters should name). A deleted
 * file has none; then the follower's own descriptor is used, told apart from any other descriptor
 * on the same file (a row source's, which it may close) by the offset {@link FileIdentity} parks it
 * at ({@code pos} in {@code /proc/self/fdinfo}).
 */
final class ProcSelfFd implements MovedFiles {
    static final Path FD = Path.of("/proc/self/fd");
    private static final Path FD_INFO = Path.of("/proc/self/fdinfo");

    @Override
    public Optional<Path> find(FileIdentity file) {
        Object key = file.key();
        if (key == null) {
            return Optional.empty();
        }
        Path own = null;
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(FD)) {
            for (Path descriptor : descriptors) {
                if (!key.equals(FileIdentity.keyAt(descriptor))) {
                    continue;
                }
                Path name = currentName(descriptor);
                if (name != null && key.equals(FileIdentity.keyAt(name))) {
                    return Optional.of(name);
                }
                if (own == null && file.marker() >= 0 && offsetOf(descriptor) == file.marker()) {
                    own = descriptor;
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(own);
    }

    @Override
    public boolean knowsNames() {
        return true;
    }

    @Override
    public Optional<Path> currentName(FileIdentity file) {
        return find(file).filter(found -> !found.startsWith(FD));
    }

    /** The name the descriptor's file has now, or null (a deleted file's link reads "NAME (deleted)"). */
    private static Path currentName(Path descriptor) {
        try {
            Path name = Files.readSymbolicLink(descriptor);
            return name.isAbsolute() ? name : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The descriptor's file offset ({@code pos:} in its fdinfo), or -1. */
    private static long offsetOf(Path descriptor) {
        try {
            List<String> info =
                    Files.readAllLines(FD_INFO.resolve(descriptor.getFileName().toString()));
            for (String line : info) {
                if (line.startsWith("pos:")) {
                    return Long.parseLong(line.substring(4).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // closed meanwhile, or not a descriptor this process can inspect
        }
        return -1;
    }
}
