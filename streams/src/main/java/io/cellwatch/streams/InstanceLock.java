package io.cellwatch.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An operating-system lock on a file beside the application's state directory, held for as long as
 * the instance runs: no other live JVM runs on this state directory, so the name its static members
 * carry and the process id its transactional ids carry are this instance's own.
 *
 * <p>Why a lock of cellwatch's own when Kafka Streams takes one in its constructor: what a restart does
 * about a crashed predecessor ({@link PredecessorCleanup}: take its members out of the group, fence its
 * producer) must not hit a live instance sharing the directory by mistake, and with this lock it can
 * begin before Kafka Streams is built, as the JVM starts (the topic check, the detection config and the
 * topology come after; every second before the removal is a second of stalled processing). The kernel
 * drops the lock when the process dies, a SIGKILL included, so a crash leaves nothing to clean up.
 */
public final class InstanceLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code applicationId}'s state under {@code stateDir}, creating the directory.
     *
     * @throws IllegalStateException if another process (or this one) holds it
     */
    public static InstanceLock acquire(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + ".instance.lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(stateDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(heldBy(file));
            }
            return new InstanceLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException(heldBy(file), e);
        } catch (IllegalStateException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static String heldBy(Path file) {
        return "another cellwatch streams instance runs on this state directory (" + file
                + " is locked): give each instance its own --state-dir";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock was not taken; nothing to release
            }
        }
    }

    Path file() {
        return file;
    }

    /** Releases the lock; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + file, e);
        }
    }
}
