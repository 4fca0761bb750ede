package dev.jazero.wasi.internal;

/** The witx's {@code rights} bits, and the sets each kind of descriptor has. */
final class Rights {
    private Rights() {
    }

    static final long ALL = (1L << 30) - 1;
    static final long FD_READ = 1L << 1, FD_SEEK = 1L << 2, FD_TELL = 1L << 5, FD_WRITE = 1L << 6;
    static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
    /**
     * The rights of a directory: fd_datasync, fd_fdstat_set_flags, fd_sync, every path_* right,
     * fd_readdir, fd_filestat_get, fd_filestat_set_times and poll_fd_readwrite (not
     * fd_filestat_set_size: a directory has no size to set).
     */
    static final long DIR = (1L << 0) | (1L << 3) | (1L << 4) | (0x1FFFL << 9) | (0xFL << 23) | (1L << 27);
    /** The rights of a regular file: the fd_* rights that apply to one, and poll_fd_readwrite. */
    static final long FILE = 0x1FFL | (7L << 21) | (1L << 27);
    static final long STDIO = FD_READ | FD_WRITE | (1L << 3) | (1L << 27) | (1L << 21);
    static final long SOCKET = FD_READ | FD_WRITE | (1L << 3) | (1L << 21) | (1L << 27) | (1L << 28) | (1L << 29);
}
