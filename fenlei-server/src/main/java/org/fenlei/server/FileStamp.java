package org.fenlei.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What tells one version of a file from the next: modification time, size and file key (the inode, which an
 * atomic rename changes even when time and size do not).
 */
record FileStamp(long modifiedMillis, long size, Object fileKey) {
    static FileStamp of(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
    }
}
