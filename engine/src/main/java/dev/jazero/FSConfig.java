package dev.jazero;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The directories a guest may reach through a system interface such as WASI, each mounted at a
 * guest path. Immutable: each {@code withX} method returns a copy with one more mount. Like
 * wazero's {@code FSConfig}: a guest path resolves through the mount with the longest matching
 * guest path, and a later mount at the same guest path replaces an earlier one.
 *
 * <p>A guest never reaches outside a mount: not through {@code ..}, absolute paths or symbolic
 * links, and a read-only mount refuses every write. Each mounted directory must exist when a
 * module is instantiated with the configuration: {@link Runtime#instantiate(CompiledModule,
 * ModuleConfig)} fails otherwise, naming it.
 */
public final class FSConfig {

    /** One mount: a host directory (of any {@link java.nio.file.FileSystem}) at a guest path. */
    public record Mount(Path root, String guestPath, boolean readOnly) {
        /** A mount; {@code root} and {@code guestPath} are required. */
        public Mount {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(guestPath, "guestPath");
        }
    }

    private static final FSConfig DEFAULTS = new FSConfig(List.of());

    private final List<Mount> mounts;

    private FSConfig(List<Mount> mounts) {
        this.mounts = mounts;
    }

    /** Returns a configuration without mounts: the guest sees no file system. */
    public static FSConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a copy that mounts the host directory {@code hostDir} at {@code guestPath}, read-write. */
    public FSConfig withDirMount(String hostDir, String guestPath) {
        return withFSMount(Path.of(hostDir), guestPath);
    }

    /** Returns a copy that mounts the host directory {@code hostDir} at {@code guestPath}, read-only. */
    public FSConfig withReadOnlyDirMount(String hostDir, String guestPath) {
        return withReadOnlyFSMount(Path.of(hostDir), guestPath);
    }

    /**
     * Returns a copy that mounts a directory of any file system (the default one, a zip file
     * system, an in-memory one) at {@code guestPath}, read-write.
     */
    public FSConfig withFSMount(Path root, String guestPath) {
        return with(new Mount(root, normalize(guestPath), false));
    }

    /** Returns a copy that mounts a directory of any file system at {@code guestPath}, read-only. */
    public FSConfig withReadOnlyFSMount(Path root, String guestPath) {
        return with(new Mount(root, normalize(guestPath), true));
    }

    /** Returns the mounts, in the order they were added. */
    public List<Mount> mounts() {
        return mounts;
    }

    private FSConfig with(Mount mount) {
        List<Mount> l = new java.util.ArrayList<>();
        for (Mount m : mounts) {
            if (!m.guestPath().equals(mount.guestPath())) {
                l.add(m);
            }
        }
        l.add(mount);
        return new FSConfig(List.copyOf(l));
    }

    /** Guest paths are kept as given, minus trailing slashes ("/" stays "/"); "" means "/". */
    private static String normalize(String guestPath) {
        Objects.requireNonNull(guestPath, "guestPath");
        String p = guestPath;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "/" : p;
    }
}
