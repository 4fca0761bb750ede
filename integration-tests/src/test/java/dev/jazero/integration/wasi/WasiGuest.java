package dev.jazero.integration.wasi;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A guest that calls WASI functions as the test says: each wrapper export forwards its
 * parameters to the imported function of the same name. Paths are written to guest memory at
 * {@link #PATH1} and {@link #PATH2}; results (an fd, a size) land at address 0.
 */
final class WasiGuest implements AutoCloseable {

    static final int PATH1 = 1024;
    static final int PATH2 = 2048;
    static final int BUF = 4096;
    static final int IOV = 512;

    /** name: signature as WAT parameter types, all returning an i32 errno. */
    private static final Map<String, String> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("path_open", "i32 i32 i32 i32 i32 i64 i64 i32 i32");
        FUNCTIONS.put("path_symlink", "i32 i32 i32 i32 i32");
        FUNCTIONS.put("path_create_directory", "i32 i32 i32");
        FUNCTIONS.put("path_unlink_file", "i32 i32 i32");
        FUNCTIONS.put("path_remove_directory", "i32 i32 i32");
        FUNCTIONS.put("path_rename", "i32 i32 i32 i32 i32 i32");
        FUNCTIONS.put("path_link", "i32 i32 i32 i32 i32 i32 i32");
        FUNCTIONS.put("path_filestat_get", "i32 i32 i32 i32 i32");
        FUNCTIONS.put("path_filestat_set_times", "i32 i32 i32 i32 i64 i64 i32");
        FUNCTIONS.put("path_readlink", "i32 i32 i32 i32 i32 i32");
        FUNCTIONS.put("fd_write", "i32 i32 i32 i32");
        FUNCTIONS.put("fd_read", "i32 i32 i32 i32");
        FUNCTIONS.put("fd_filestat_set_size", "i32 i64");
        FUNCTIONS.put("fd_filestat_set_times", "i32 i64 i64 i32");
        FUNCTIONS.put("fd_close", "i32");
    }

    static final long RIGHT_FD_READ = 1L << 1;
    static final long RIGHT_FD_WRITE = 1L << 6;
    static final long ALL_RIGHTS = (1L << 30) - 1;
    static final int OFLAG_CREAT = 1;
    static final int OFLAG_DIRECTORY = 2;
    static final int OFLAG_TRUNC = 8;
    static final int FOLLOW = 1;

    private final Runtime runtime;
    final Module module;
    final Memory memory;

    WasiGuest(ModuleConfig config) {
        runtime = Runtime.create();
        WasiSnapshotPreview1.instantiate(runtime);
        StringBuilder wat = new StringBuilder("(module\n");
        for (Map.Entry<String, String> f : FUNCTIONS.entrySet()) {
            wat.append("  (import \"wasi_snapshot_preview1\" \"").append(f.getKey()).append("\" (func $")
                    .append(f.getKey()).append(" (param ").append(f.getValue()).append(") (result i32)))\n");
        }
        wat.append("  (memory (export \"memory\") 1)\n");
        for (Map.Entry<String, String> f : FUNCTIONS.entrySet()) {
            String[] params = f.getValue().split(" ");
            wat.append("  (func (export \"").append(f.getKey()).append("\") (param ").append(f.getValue())
                    .append(") (result i32)");
            for (int i = 0; i < params.length; i++) {
                wat.append(" local.get ").append(i);
            }
            wat.append(" call $").append(f.getKey()).append(")\n");
        }
        wat.append(")\n");
        module = runtime.instantiate(runtime.compileModule(wat.toString().getBytes(StandardCharsets.UTF_8)),
                config.withName("guest"));
        memory = module.memory();
    }

    int call(String name, long... params) {
        return (int) module.exportedFunction(name).call(params)[0];
    }

    private int put(int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        memory.write(at, b);
        return b.length;
    }

    /** path_open; on success the new fd is at address 0. */
    int open(int dirFd, int lookup, String path, int oflags, long rights, int fdflags) {
        int len = put(PATH1, path);
        return call("path_open", dirFd, lookup, PATH1, len, oflags, rights, rights, fdflags, 0);
    }

    int openedFd() {
        return memory.readInt(0);
    }

    int symlink(String target, int dirFd, String path) {
        int l1 = put(PATH1, target);
        int l2 = put(PATH2, path);
        return call("path_symlink", PATH1, l1, dirFd, PATH2, l2);
    }

    int mkdir(int dirFd, String path) {
        return call("path_create_directory", dirFd, PATH1, put(PATH1, path));
    }

    int unlink(int dirFd, String path) {
        return call("path_unlink_file", dirFd, PATH1, put(PATH1, path));
    }

    int rmdir(int dirFd, String path) {
        return call("path_remove_directory", dirFd, PATH1, put(PATH1, path));
    }

    int rename(int dirFd, String from, int toFd, String to) {
        int l1 = put(PATH1, from);
        int l2 = put(PATH2, to);
        return call("path_rename", dirFd, PATH1, l1, toFd, PATH2, l2);
    }

    int link(int dirFd, String from, int toFd, String to) {
        int l1 = put(PATH1, from);
        int l2 = put(PATH2, to);
        return call("path_link", dirFd, 0, PATH1, l1, toFd, PATH2, l2);
    }

    int stat(int dirFd, int lookup, String path) {
        return call("path_filestat_get", dirFd, lookup, PATH1, put(PATH1, path), BUF);
    }

    long statSize() {
        return memory.readLong(BUF + 32);
    }

    long statIno() {
        return memory.readLong(BUF + 8);
    }

    int setTimes(int dirFd, int lookup, String path) {
        return call("path_filestat_set_times", dirFd, lookup, PATH1, put(PATH1, path), 0, 0, 2 | 8);
    }

    int readlink(int dirFd, String path) {
        return call("path_readlink", dirFd, PATH1, put(PATH1, path), BUF, 256, 0);
    }

    /** The text the last successful {@link #readlink} wrote. */
    String readlinkText() {
        return memory.readString(BUF, memory.readInt(0));
    }

    /** path_filestat_set_times of both times to the given nanoseconds. */
    int setTimes(int dirFd, int lookup, String path, long nanos) {
        return call("path_filestat_set_times", dirFd, lookup, PATH1, put(PATH1, path), nanos, nanos, 1 | 4);
    }

    /** fd_filestat_set_times of both times to the given nanoseconds. */
    int fdSetTimes(int fd, long nanos) {
        return call("fd_filestat_set_times", fd, nanos, nanos, 1 | 4);
    }

    int write(int fd, String data) {
        int len = put(BUF, data);
        memory.writeInt(IOV, BUF);
        memory.writeInt(IOV + 4, len);
        return call("fd_write", fd, IOV, 1, 0);
    }

    /** fd_read of up to 256 bytes; returns the errno, the text in {@link #lastRead}. */
    int read(int fd) {
        memory.writeInt(IOV, BUF);
        memory.writeInt(IOV + 4, 256);
        int errno = call("fd_read", fd, IOV, 1, 0);
        lastRead = errno == 0 ? memory.readString(BUF, memory.readInt(0)) : null;
        return errno;
    }

    String lastRead;

    int truncate(int fd, long size) {
        return call("fd_filestat_set_size", fd, size);
    }

    int close(int fd) {
        return call("fd_close", fd);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
