package dev.jazero.wasi.internal;

/** The witx's {@code filetype} values and the bits of its flag sets, as the functions use them. */
final class Flags {
    private Flags() {
    }

    /** {@code filetype}. */
    static final int FILETYPE_UNKNOWN = 0, FILETYPE_CHARACTER_DEVICE = 2, FILETYPE_DIRECTORY = 3,
            FILETYPE_REGULAR_FILE = 4, FILETYPE_SOCKET_STREAM = 6, FILETYPE_SYMBOLIC_LINK = 7;

    /** {@code fdflags}. */
    static final int FDFLAG_APPEND = 1, FDFLAG_DSYNC = 2, FDFLAG_NONBLOCK = 4, FDFLAG_RSYNC = 8, FDFLAG_SYNC = 16;

    /** {@code oflags} of {@code path_open}. */
    static final int OFLAG_CREAT = 1, OFLAG_DIRECTORY = 2, OFLAG_EXCL = 4, OFLAG_TRUNC = 8;

    /** {@code fstflags} of the {@code *_filestat_set_times} functions. */
    static final int FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8;

    /** {@code lookupflags}. */
    static final int LOOKUP_SYMLINK_FOLLOW = 1;
}
