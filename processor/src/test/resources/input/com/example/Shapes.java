package com.example;

import dev.jazero.annotations.CString;
import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.PtrLen;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;

/** Every supported shape of parameter and result. */
@HostModule("env")
public class Shapes {

    public record DivMod(long quotient, long remainder) {
    }

    public record Mixed(int i, long l, float f, double d, boolean b) {
    }

    @WasmExport
    public void nothing() {
    }

    @WasmExport
    public int addI32(int a, int b) {
        return a + b;
    }

    @WasmExport
    public long addI64(long a, long b) {
        return a + b;
    }

    @WasmExport
    public float negF32(float x) {
        return -x;
    }

    @WasmExport
    public double negF64(double x) {
        return -x;
    }

    @WasmExport
    public boolean not(boolean value) {
        return !value;
    }

    @WasmExport("log")
    public void print(Module caller, Memory memory, @PtrLen String message, int level) {
    }

    @WasmExport
    public int strlen(@CString String text) {
        return text.length();
    }

    @WasmExport
    public DivMod divMod(long a, long b) {
        return new DivMod(a / b, a % b);
    }

    @WasmExport
    public Mixed mixed(int i, long l, float f, double d, boolean b) {
        return new Mixed(i, l, f, d, b);
    }

    @WasmExport
    public int fail(int code) throws IllegalStateException {
        throw new IllegalStateException("code " + code);
    }

    public int notExported(int x) {
        return x;
    }
}
