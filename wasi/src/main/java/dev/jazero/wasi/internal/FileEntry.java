package dev.jazero.wasi.internal;

import dev.jazero.wasi.internal.PathResolver.Mount;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/** An open regular file, with the descriptor's own position. */
final class FileEntry extends Entry {
    final Mount mount;
    /** The components below the mount's root. */
    final List<String> comps;
    final SeekableByteChannel channel;
    final boolean readable;
    final boolean writable;
    /** The file's key when it was opened, or null. */
    final Object fileKey;
    long position;

    FileEntry(Mount mount, List<String> comps, SeekableByteChannel channel, boolean readable, boolean writable,
            Object fileKey) {
        super(Flags.FILETYPE_REGULAR_FILE, 0, 0);
        this.mount = mount;
        this.comps = comps;
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
        this.fileKey = fileKey;
    }

    Path host() {
        return mount.host(comps);
    }
}
