package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.api.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The witx {@code filestat} of a file (64 bytes), as the host reports it. */
record FileStat(long dev, long ino, int type, long nlink, long size, long atim, long mtim, long ctim) {

    private static final LinkOption[] FOLLOW = {};
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /** Writes it at {@code buf}. */
    void write(Memory m, int buf) {
        write(m, buf, dev, ino, type, nlink, size, atim, mtim, ctim);
    }

    /** Writes a {@code filestat} at {@code buf}. */
    static void write(Memory m, int buf, long dev, long ino, int type, long nlink, long size, long atim, long mtim,
            long ctim) {
        long p = u32(buf);
        m.writeLong(p, dev);
        m.writeLong(p + 8, ino);
        m.writeLong(p + 16, type & 0xFF);
        m.writeLong(p + 24, nlink);
        m.writeLong(p + 32, size);
        m.writeLong(p + 40, atim);
        m.writeLong(p + 48, mtim);
        m.writeLong(p + 56, ctim);
    }

    /** This, with another size. */
    FileStat withSize(long newSize) {
        return new FileStat(dev, ino, type, nlink, newSize, atim, mtim, ctim);
    }

    /** This, with other access and modification times. */
    FileStat withTimes(long newAtim, long newMtim) {
        return new FileStat(dev, ino, type, nlink, size, newAtim, newMtim, ctim);
    }

    static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }

    /** The stat of {@code p} by path; null when nothing is there. */
    static FileStat of(Path p, boolean follow) throws IOException {
        BasicFileAttributes a = readAttrs(p, follow ? FOLLOW : NOFOLLOW);
        if (a == null) {
            return null;
        }
        return of(p, a, follow, null);
    }

    /**
     * The stat of what a directory handle read as {@code a} (type, size and times, race-free);
     * the device, inode, link count and change time come from a read by path, used only when it
     * names the same file (its device and inode are {@code a}'s file key), else
     * {@link Target.Swapped}.
     */
    static FileStat of(Path p, BasicFileAttributes a) throws IOException {
        return of(p, a, false, a.fileKey());
    }

    /** The witx filetype of what {@code a} describes. */
    static int type(BasicFileAttributes a) {
        return a.isSymbolicLink() ? Flags.FILETYPE_SYMBOLIC_LINK
                : a.isDirectory() ? Flags.FILETYPE_DIRECTORY
                : a.isRegularFile() ? Flags.FILETYPE_REGULAR_FILE
                : Flags.FILETYPE_UNKNOWN;
    }

    /**
     * The inode in {@code a}'s file key, {@code (dev=<hex>,ino=<decimal>)} on Unix; else a hash
     * of the key (0 without one).
     */
    static long ino(BasicFileAttributes a) {
        Object key = a.fileKey();
        if (key == null) {
            return 0;
        }
        String k = key.toString();
        int i = k.indexOf(",ino=");
        if (k.startsWith("(dev=") && i > 0 && k.endsWith(")")) {
            try {
                return Long.parseLong(k.substring(i + 5, k.length() - 1));
            } catch (NumberFormatException e) {
                // the hash below
            }
        }
        return key.hashCode() & 0xFFFFFFFFL;
    }

    private static FileStat of(Path p, BasicFileAttributes a, boolean follow, Object expectKey) throws IOException {
        int type = type(a);
        long dev = 0;
        long ino = a.fileKey() == null ? p.toAbsolutePath().normalize().toString().hashCode() & 0xFFFFFFFFL
                : a.fileKey().hashCode() & 0xFFFFFFFFL;
        long nlink = 1;
        long ctim = nanos(a.lastModifiedTime());
        if (p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            try {
                Map<String, Object> u = Files.readAttributes(p, "unix:dev,ino,nlink,ctime", follow ? FOLLOW : NOFOLLOW);
                dev = ((Number) u.get("dev")).longValue();
                ino = ((Number) u.get("ino")).longValue();
                nlink = ((Number) u.get("nlink")).longValue();
                ctim = nanos((FileTime) u.get("ctime"));
                if (expectKey != null && expectKey.toString().startsWith("(dev=")
                        && !expectKey.toString().equals("(dev=" + Long.toHexString(dev) + ",ino=" + ino + ")")) {
                    throw new Target.Swapped();
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                // keep the basic values
            }
        }
        return new FileStat(dev, ino, type, nlink, a.size(), nanos(a.lastAccessTime()), nanos(a.lastModifiedTime()),
                ctim);
    }

    private static BasicFileAttributes readAttrs(Path p, LinkOption[] opts) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, opts);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
