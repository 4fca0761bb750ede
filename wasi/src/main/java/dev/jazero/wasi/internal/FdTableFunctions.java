package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The descriptor table: {@code fd_close}, {@code fd_renumber}, and the pre-opened directories'
 * names ({@code fd_prestat_get}, {@code fd_prestat_dir_name}), by which wasi-libc finds its
 * mounts.
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class FdTableFunctions {

    private static final int PREOPENTYPE_DIR = 0;

    private final WasiStates states;

    FdTableFunctions(WasiStates states) {
        this.states = states;
    }

    @WasmExport
    public int fdClose(Module caller, int fd) {
        try {
            WasiState s = states.of(caller);
            Entry e = s.entry(fd);
            s.fds.remove(fd);
            if (e instanceof FileEntry f) {
                f.channel.close();
            } else if (e instanceof SocketEntry so && so.connection != null) {
                so.connection.close();
            } else if (e instanceof StreamEntry st && st.out != null) {
                st.out.flush();
            }
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    /** Moves {@code fd} to {@code to}, which must be open and is closed first. */
    @WasmExport
    public int fdRenumber(Module caller, int fd, int to) {
        try {
            WasiState s = states.of(caller);
            Entry e = s.entry(fd);
            Entry old = s.entry(to);
            if (fd == to) {
                return Errno.SUCCESS;
            }
            if (old instanceof FileEntry f) {
                f.channel.close();
            } else if (old instanceof SocketEntry so && so.connection != null) {
                so.connection.close();
            }
            s.fds.remove(fd);
            s.fds.put(to, e);
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdPrestatGet(Module caller, int fd, int buf) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (!(e instanceof DirEntry d) || d.preopenName == null) {
                return Errno.BADF;
            }
            Memory m = caller.memory();
            m.writeInt(u32(buf), PREOPENTYPE_DIR);
            m.writeInt(u32(buf) + 4, d.preopenName.getBytes(StandardCharsets.UTF_8).length);
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int fdPrestatDirName(Module caller, int fd, int path, int pathLen) {
        try {
            Entry e = states.of(caller).entry(fd);
            if (!(e instanceof DirEntry d) || d.preopenName == null) {
                return Errno.BADF;
            }
            byte[] name = d.preopenName.getBytes(StandardCharsets.UTF_8);
            if (pathLen < name.length) {
                return Errno.NAMETOOLONG;
            }
            caller.memory().write(u32(path), name);
            return Errno.SUCCESS;
        } catch (RuntimeException e) {
            return Errors.errno(e);
        }
    }
}
