package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.api.Memory;
import dev.jazero.wasi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory's entries for {@code fd_readdir}: {@code .} and {@code ..} first, then the names
 * in sorted order, each with its type and inode; a cookie is a position in that list. Listed and
 * typed through the directory's own handle, walked from the mount's root, where the file system
 * has them.
 */
final class DirListing {
    private DirListing() {
    }

    /** An entry: its name, filetype and inode. */
    record Item(String name, int type, long ino) {
    }

    /** The entries of {@code d}; {@code ENOENT} when it is gone, {@code ENOTCAPABLE} when swapped for a link. */
    static List<Item> of(DirEntry d) throws IOException {
        Path host = d.host();
        List<Item> items = new ArrayList<>();
        List<Path> children = new ArrayList<>();
        Map<Path, BasicFileAttributes> viaHandle = new HashMap<>();
        SecureDirectoryStream<Path> sds;
        try {
            sds = Target.openDir(d.mount, d.comps);
        } catch (Target.Swapped x) {
            throw Errors.error(Errno.NOTCAPABLE);
        }
        if (sds != null) {
            // Listed and typed through the directory's handle, and its parent's: no link is
            // followed on the way, and no host path read.
            try (sds) {
                long self = FileStat.ino(sds.getFileAttributeView(BasicFileAttributeView.class).readAttributes());
                long parent = self;
                if (!d.comps.isEmpty()) {
                    try (SecureDirectoryStream<Path> up = Target.openDir(d.mount,
                            d.comps.subList(0, d.comps.size() - 1))) {
                        parent = FileStat.ino(up.getFileAttributeView(BasicFileAttributeView.class).readAttributes());
                    } catch (Target.Swapped x) {
                        throw Errors.error(Errno.NOTCAPABLE);
                    }
                }
                items.add(new Item(".", Flags.FILETYPE_DIRECTORY, self));
                items.add(new Item("..", Flags.FILETYPE_DIRECTORY, parent));
                for (Path p : sds) {
                    Path n = p.getFileName();
                    BasicFileAttributes a = Target.lstat(sds, n);
                    if (a != null) {
                        children.add(host.resolve(n.toString()));
                        viaHandle.put(host.resolve(n.toString()), a);
                    }
                }
            }
        } else {
            FileStat self = FileStat.of(host, false);
            if (self == null) {
                throw Errors.error(Errno.NOENT);
            }
            items.add(new Item(".", Flags.FILETYPE_DIRECTORY, self.ino()));
            FileStat parent = d.comps.isEmpty() ? self : FileStat.of(host.getParent(), false);
            items.add(new Item("..", Flags.FILETYPE_DIRECTORY, parent == null ? 0 : parent.ino()));
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(host)) {
                for (Path p : ds) {
                    children.add(p);
                }
            }
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path p : children) {
            BasicFileAttributes ha = viaHandle.get(p);
            int type;
            long ino;
            if (ha == null) {
                FileStat st = FileStat.of(p, false);
                type = st == null ? 0 : st.type();
                ino = st == null ? 0 : st.ino();
            } else {
                type = FileStat.type(ha);
                ino = FileStat.ino(ha);
            }
            String name = p.getFileName().toString();
            if (name.endsWith("/")) {
                name = name.substring(0, name.length() - 1);
            }
            if (d.comps.isEmpty() && name.startsWith(Target.TEMP_PREFIX)) {
                continue;  // the host's, while it creates, links or sets times
            }
            items.add(new Item(name, type, ino));
        }
        return items;
    }

    /**
     * Writes the {@code dirent}s (24 bytes, then the name) from position {@code cookie} on into
     * {@code buf}, the last one cut off where the buffer ends, and returns the bytes written.
     */
    static long write(Memory m, List<Item> items, long cookie, int buf, int bufLen) {
        long p = u32(buf);
        long end = p + u32(bufLen);
        long used = 0;
        for (long i = cookie; i < items.size() && p < end; i++) {
            Item it = items.get((int) i);
            byte[] name = it.name.getBytes(StandardCharsets.UTF_8);
            byte[] ent = new byte[24 + name.length];
            ByteBuffer bb = ByteBuffer.wrap(ent).order(ByteOrder.LITTLE_ENDIAN);
            bb.putLong(0, i + 1);
            bb.putLong(8, it.ino);
            bb.putInt(16, name.length);
            bb.put(20, (byte) it.type);
            System.arraycopy(name, 0, ent, 24, name.length);
            int n = (int) Math.min(ent.length, end - p);
            m.write(p, ent, 0, n);
            p += n;
            used += n;
        }
        return used;
    }
}
