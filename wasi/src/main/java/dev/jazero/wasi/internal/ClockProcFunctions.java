package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Module;
import dev.jazero.sys.ExitException;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;

/**
 * {@code clock_*}, {@code random_get}, {@code sched_yield} and {@code proc_*}: what a guest asks
 * of its system besides files, through the clocks, random source, sleep and yield of its
 * {@link dev.jazero.ModuleConfig}.
 */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class ClockProcFunctions {

    private static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1;

    private final WasiStates states;

    ClockProcFunctions(WasiStates states) {
        this.states = states;
    }

    /** 1 µs for the wall clock, 1 ns for the monotonic one; the CPU-time clocks are {@code EINVAL}. */
    @WasmExport
    public int clockResGet(Module caller, int id, int resolution) {
        long res;
        switch (id) {
            case CLOCK_REALTIME -> res = 1_000L;
            case CLOCK_MONOTONIC -> res = 1L;
            default -> {
                return Errno.INVAL;
            }
        }
        caller.memory().writeLong(u32(resolution), res);
        return Errno.SUCCESS;
    }

    @WasmExport
    public int clockTimeGet(Module caller, int id, long precision, int time) {
        WasiState s = states.of(caller);
        long t;
        switch (id) {
            case CLOCK_REALTIME -> t = s.walltime();
            case CLOCK_MONOTONIC -> t = s.nanotime();
            default -> {
                return Errno.INVAL;
            }
        }
        caller.memory().writeLong(u32(time), t);
        return Errno.SUCCESS;
    }

    @WasmExport
    public int randomGet(Module caller, int buf, int bufLen) {
        try {
            WasiState s = states.of(caller);
            byte[] b = s.scratch.take(bufLen);
            try {
                s.random(b, 0, bufLen);
                caller.memory().write(u32(buf), b, 0, bufLen);
            } finally {
                s.scratch.give(b);
            }
            return Errno.SUCCESS;
        } catch (IOException | RuntimeException e) {
            return Errors.errno(e);
        }
    }

    @WasmExport
    public int schedYield(Module caller) {
        states.of(caller).osyield();
        return Errno.SUCCESS;
    }

    /** Flushes the guest's output streams, closes its descriptors and the module, and throws {@link ExitException}. */
    @WasmExport
    public void procExit(Module caller, int rval) {
        WasiState s = states.remove(caller);
        if (s != null) {
            s.fds.flushStreams();
            s.fds.closeAll();
        }
        caller.closeWithExitCode(rval);
        throw new ExitException(rval, caller.name());
    }

    /** {@code ENOSYS}, as in wazero. */
    @WasmExport
    public int procRaise(Module caller, int sig) {
        return Errno.NOSYS;
    }
}
