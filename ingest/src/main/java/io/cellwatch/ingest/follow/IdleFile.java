package io.cellwatch.ingest.follow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * A followed file closed while idle ({@link TrackedFile#closeIfIdle}): what it looked like then (file
 * key, size, modification time) and, for a text file, how far it was delivered (null for a file no
 * format recognised). It is looked at without being opened, one {@code stat} a poll, and followed
 * again once any of the three changes.
 */
record IdleFile(Object key, long size, FileTime modified, FilePosition position) {

    /** The file now at {@code path}, or null when there is none or it has no file key. */
    static IdleFile at(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.fileKey() == null) {
                return null; // without keys a file replaced at its path under the same size could not be told
            }
            return new IdleFile(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime(), null);
        } catch (IOException e) {
            return null;
        }
    }

    IdleFile withPosition(FilePosition delivered) {
        return new IdleFile(key, size, modified, delivered);
    }

    /** True while the path holds this file, neither grown nor written since it was closed. */
    boolean unchangedAt(Path path) {
        IdleFile now = at(path);
        return now != null && now.key.equals(key) && now.size == size && now.modified.equals(modified);
    }
}
