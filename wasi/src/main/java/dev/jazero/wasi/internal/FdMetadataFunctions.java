package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.Flags.FDFLAG_APPEND;
import static dev.jazero.wasi.internal.Flags.FDFLAG_NONBLOCK;
import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import dev.jazero.wasi.internal.PathResolver.Mount;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * What a descriptor says about itself and its file: {@code fd_fdstat_*} (type, flags, rights),
 * {@code fd_filestat_*} (the file's stat, size and times) and {@code fd_readdir}.
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class FdMetadataFunctions {

    private final WasiStates states;
    private final FileTimes times;

    FdMetadataFunctions(WasiStates states, FileTimes times) {
        this.states = states;
        this.times = times;
    }

    @WasmExport
    public int fdFdstatGet(Module caller, int fd, int stat) {
        try {
            Entry e = states.of(caller).entry(fd);
            Memory m = caller.memory();
            long p = u32(stat);
            m.writeByte(p, (byte) e.filetype);
            m.writeByte(p + 1, (byte) 0);
            m.writeShort(p + 2, (short) e.fdflags);
            m.writeInt(p + 4, 0);
            m.writeLong(p + 8, e.rightsBase);
            m.writeLong(p + 16, e.rightsInheriting);
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** Sets {@code APPEND} and {@code NONBLOCK}; the sync flags are accepted and kept as they were. */
    @WasmExport
    public int fdFdstatSetFlags(Module caller, int fd, int flags) {
        try {
            Entry e = states.of(caller).entry(fd);
            if ((flags & ~0x1F) != 0) {
                return Errno.INVAL;
            }
            if (e instanceof DirEntry) {
                return flags == 0 ? Errno.SUCCESS : Errno.BADF;
            }
            if (e instanceof FileEntry f && (flags & FDFLAG_APPEND) != 0 && !f.writable) {
                return Errno.BADF;
            }
            e.fdflags = flags & (FDFLAG_APPEND | FDFLAG_NONBLOCK) | (e.fdflags & ~(FDFLAG_APPEND | FDFLAG_NONBLOCK));
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** Drops rights; asking for one the descriptor does not have is {@code ENOTCAPABLE}. */
    @WasmExport
    public int fdFdstatSetRights(Module caller, int fd, long fsRightsBase, long fsRightsInheriting) {
        try {
            Entry e = states.of(caller).entry(fd);
            if ((fsRightsBase & ~e.rightsBase) != 0 || (fsRightsInheriting & ~e.rightsInheriting) != 0) {
                return Errno.NOTCAPABLE;
            }
            e.rightsBase = fsRightsBase;
            e.rightsInheriting = fsRightsInheriting;
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdFilestatGet(Module caller, int fd, int buf) {
        try {
            Entry e = states.of(caller).entry(fd);
            Memory m = caller.memory();
            if (e instanceof StreamEntry || e instanceof SocketEntry) {
                FileStat.write(m, buf, 0, 0, e.filetype, 1, 0, 0, 0, 0);
                return Errno.SUCCESS;
            }
            FileStat st = stat(e);
            if (st == null) {
                if (e instanceof FileEntry f) {
                    FileStat.write(m, buf, 0, f.fileKey == null ? 0 : f.fileKey.hashCode(),
                            Flags.FILETYPE_REGULAR_FILE, 0, f.channel.size(), 0, 0, 0);
                    return Errno.SUCCESS;
                }
                return Errno.NOENT;
            }
            if (e instanceof FileEntry f) {
                st = st.withSize(f.channel.size());
            }
            st = times.exact(st);
            st.write(m, buf);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /**
     * The stat of a descriptor's directory, or file, through handles walked from the mount's
     * root: a directory's own handle; a file's parent's, when the name still names the file the
     * descriptor opened (else null: Java has no {@code fstat} of a channel). By path on file
     * systems without handles.
     */
    private static FileStat stat(Entry e) throws IOException {
        boolean file = e instanceof FileEntry;
        Mount mount = file ? ((FileEntry) e).mount : ((DirEntry) e).mount;
        List<String> comps = file ? ((FileEntry) e).comps : ((DirEntry) e).comps;
        Object key = file ? ((FileEntry) e).fileKey : null;
        Path host = mount.host(comps);
        for (int i = 0; i < Target.RETRIES; i++) {
            try (SecureDirectoryStream<Path> dir = Target.openDir(mount, file ? comps.subList(0, comps.size() - 1)
                    : comps)) {
                if (dir == null) {
                    return FileStat.of(host, false);
                }
                BasicFileAttributes a;
                if (file) {
                    a = Target.lstat(dir, mount.root.getFileSystem().getPath(comps.get(comps.size() - 1)));
                    if (a == null || key == null || !key.equals(a.fileKey())) {
                        return null;
                    }
                } else {
                    a = dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
                }
                // Device, inode, link count and change time by path, used only when it names that file.
                return FileStat.of(host, a);
            } catch (Target.Swapped x) {
                // a directory on the way is a link now: walk again
            }
        }
        if (file) {
            return null;
        }
        throw Errors.error(Errno.NOTCAPABLE);
    }

    @WasmExport
    public int fdFilestatSetSize(Module caller, int fd, long size) {
        try {
            FileEntry f = states.of(caller).fds.file(fd);
            if (!f.writable) {
                return Errno.BADF;
            }
            if (size < 0) {
                return Errno.INVAL;
            }
            if (size < f.channel.size()) {
                f.channel.truncate(size);
            } else {
                FileIo.extend(f, size);
            }
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** Sets the times of the descriptor's file or directory, through directory handles ({@link FileTimes}). */
    @WasmExport
    public int fdFilestatSetTimes(Module caller, int fd, long atim, long mtim, int fstFlags) {
        try {
            WasiState s = states.of(caller);
            return times.set(s, s.entry(fd), atim, mtim, fstFlags);
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdReaddir(Module caller, int fd, int buf, int bufLen, long cookie, int bufused) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (e instanceof FileEntry) {
                return Errno.NOTDIR;
            }
            if (!(e instanceof DirEntry d)) {
                return Errno.BADF;
            }
            if (cookie < 0) {
                return Errno.INVAL;
            }
            List<DirListing.Item> items = DirListing.of(d);
            Memory m = caller.memory();
            long used = DirListing.write(m, items, cookie, buf, bufLen);
            m.writeInt(u32(bufused), (int) used);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }
}
