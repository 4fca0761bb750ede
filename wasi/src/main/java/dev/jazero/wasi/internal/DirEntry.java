package dev.jazero.wasi.internal;

import dev.jazero.wasi.internal.PathResolver.Mount;
import java.nio.file.Path;
import java.util.List;

/** A directory inside a mount: a pre-opened mount's root, or one the guest opened. */
final class DirEntry extends Entry {
    final Mount mount;
    /** The components below the mount's root. */
    final List<String> comps;
    /** The guest path of a pre-opened directory; null for others. */
    final String preopenName;

    DirEntry(Mount mount, List<String> comps, String preopenName) {
        super(Flags.FILETYPE_DIRECTORY, Rights.DIR, Rights.ALL);
        this.mount = mount;
        this.comps = comps;
        this.preopenName = preopenName;
    }

    Path host() {
        return mount.host(comps);
    }
}
