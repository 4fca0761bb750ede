package dev.jazero.wasi.internal;

import dev.jazero.HostModuleBuilder;

/**
 * The functions of {@code wasi_snapshot_preview1}, as its witx declares them: several annotated
 * classes of the one module name, one per concept, whose adapters {@code jazero-processor}
 * generates ({@code Foo_HostModule}), and which share each guest's state ({@link WasiStates}) and
 * the exact times set on files ({@link FileTimes}). Every function but {@code proc_exit} returns an
 * {@code errno}.
 */
public final class Preview1 {
    private Preview1() {
    }

    /** Adds every function to {@code builder}, a builder of the module {@code wasi_snapshot_preview1}. */
    public static HostModuleBuilder exportFunctions(HostModuleBuilder builder) {
        WasiStates states = new WasiStates();
        FileTimes times = new FileTimes();
        ArgsEnvironFunctions_HostModule.exportFunctions(builder, new ArgsEnvironFunctions(states));
        ClockProcFunctions_HostModule.exportFunctions(builder, new ClockProcFunctions(states));
        FdIoFunctions_HostModule.exportFunctions(builder, new FdIoFunctions(states));
        FdTableFunctions_HostModule.exportFunctions(builder, new FdTableFunctions(states));
        FdMetadataFunctions_HostModule.exportFunctions(builder, new FdMetadataFunctions(states, times));
        PathFunctions_HostModule.exportFunctions(builder, new PathFunctions(states, times));
        PathTreeFunctions_HostModule.exportFunctions(builder, new PathTreeFunctions(states));
        PollFunctions_HostModule.exportFunctions(builder, new PollFunctions(states));
        SockFunctions_HostModule.exportFunctions(builder, new SockFunctions(states));
        return builder;
    }
}
