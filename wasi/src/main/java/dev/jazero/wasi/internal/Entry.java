package dev.jazero.wasi.internal;

/**
 * What a descriptor names: a standard stream ({@link StreamEntry}), a directory
 * ({@link DirEntry}), a file ({@link FileEntry}) or a socket ({@link SocketEntry}), with its
 * witx {@code fdstat}: type, flags and rights.
 */
abstract sealed class Entry permits StreamEntry, DirEntry, FileEntry, SocketEntry {
    final int filetype;
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    Entry(int filetype, long rightsBase, long rightsInheriting) {
        this.filetype = filetype;
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
    }
}
