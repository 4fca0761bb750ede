package dev.jazero.wasi;

import dev.jazero.HostModuleBuilder;
import dev.jazero.Runtime;
import dev.jazero.api.Module;
import dev.jazero.wasi.internal.Preview1;

/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for Jazero, like wazero's
 * {@code imports/wasi_snapshot_preview1} package: instantiate it once in a runtime, then
 * instantiate WASI programs with a {@link dev.jazero.ModuleConfig} that gives their arguments,
 * environment, standard streams, clocks, randomness and mounts ({@link dev.jazero.FSConfig}).
 *
 * <pre>{@code
 * try (Runtime runtime = Runtime.create()) {
 *     WasiSnapshotPreview1.instantiate(runtime);
 *     runtime.instantiate(runtime.compileModule(wasm), ModuleConfig.defaults()
 *             .withArgs("hello", "world").withStdout(System.out)
 *             .withFSConfig(FSConfig.defaults().withDirMount("/tmp/data", "/")));
 * } catch (ExitException e) {
 *     System.exit(e.exitCode());
 * }
 * }</pre>
 */
public final class WasiSnapshotPreview1 {

    /** The module name guests import from. */
    public static final String MODULE_NAME = "wasi_snapshot_preview1";

    private WasiSnapshotPreview1() {
    }

    /** Starts the host module {@code wasi_snapshot_preview1} with every function. */
    public static HostModuleBuilder newBuilder(Runtime runtime) {
        return Preview1.exportFunctions(runtime.newHostModuleBuilder(MODULE_NAME));
    }

    /** Instantiates {@code wasi_snapshot_preview1} in the runtime. */
    public static Module instantiate(Runtime runtime) {
        return newBuilder(runtime).instantiate();
    }
}
