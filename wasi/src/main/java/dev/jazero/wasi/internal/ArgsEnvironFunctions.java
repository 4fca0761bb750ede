package dev.jazero.wasi.internal;

import static dev.jazero.wasi.internal.GuestMemory.u32;

import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.wasi.Errno;
import dev.jazero.wasi.WasiSnapshotPreview1;

/** {@code args_*} and {@code environ_*}: the guest's arguments and environment variables. */
@HostModule(WasiSnapshotPreview1.MODULE_NAME)
final class ArgsEnvironFunctions {

    private final WasiStates states;

    ArgsEnvironFunctions(WasiStates states) {
        this.states = states;
    }

    @WasmExport
    public int argsGet(Module caller, int argv, int argvBuf) {
        return writeStrings(caller.memory(), states.of(caller).args, argv, argvBuf);
    }

    @WasmExport
    public int argsSizesGet(Module caller, int argc, int argvBufSize) {
        return writeSizes(caller.memory(), states.of(caller).args, argc, argvBufSize);
    }

    @WasmExport
    public int environGet(Module caller, int environ, int environBuf) {
        return writeStrings(caller.memory(), states.of(caller).env, environ, environBuf);
    }

    @WasmExport
    public int environSizesGet(Module caller, int environc, int environBufSize) {
        return writeSizes(caller.memory(), states.of(caller).env, environc, environBufSize);
    }

    /** Writes the strings NUL-terminated one after the other at {@code buf}, and pointers to them at {@code ptrs}. */
    private static int writeStrings(Memory m, byte[][] strings, int ptrs, int buf) {
        long p = u32(ptrs);
        long b = u32(buf);
        for (byte[] s : strings) {
            m.writeInt(p, (int) b);
            p += 4;
            m.write(b, s);
            m.writeByte(b + s.length, (byte) 0);
            b += s.length + 1;
        }
        return Errno.SUCCESS;
    }

    /** Writes the number of strings, and the bytes they take NUL-terminated. */
    private static int writeSizes(Memory m, byte[][] strings, int countPtr, int sizePtr) {
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        m.writeInt(u32(countPtr), strings.length);
        m.writeInt(u32(sizePtr), (int) size);
        return Errno.SUCCESS;
    }
}
