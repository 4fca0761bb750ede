package dev.jazero.integration.hostmodule;

import dev.jazero.annotations.CString;
import dev.jazero.annotations.HostModule;
import dev.jazero.annotations.PtrLen;
import dev.jazero.annotations.WasmExport;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * A host module with a function of every supported shape, imported by
 * {@code hostmodule/guest.wat}: what a guest's C library or game engine would ask of its host.
 */
@HostModule("toolbox")
public class Toolbox {

    /** Several results: the quotient and remainder of a division. */
    public record DivMod(long quotient, long remainder) {
    }

    /** Several results of every value type: a summary of an i32 array in guest memory. */
    public record Stats(int count, long sum, float meanF32, double mean, boolean empty) {
    }

    final List<String> lines = new ArrayList<>();
    int ticks;

    /** () -> (): counts calls. */
    @WasmExport
    public void tick() {
        ticks++;
    }

    @WasmExport
    public int addI32(int a, int b) {
        return a + b;
    }

    @WasmExport
    public long mulI64(long a, long b) {
        return a * b;
    }

    @WasmExport
    public float half(float x) {
        return x / 2;
    }

    /** Returns its argument: f32 travels as raw bits, NaN payloads included. */
    @WasmExport
    public float sameF32(float x) {
        return x;
    }

    @WasmExport
    public double hypot(double x, double y) {
        return Math.hypot(x, y);
    }

    /** Returns its argument: f64 travels as raw bits, NaN payloads included. */
    @WasmExport
    public double sameF64(double x) {
        return x;
    }

    /** boolean result: i32 1 or 0. */
    @WasmExport
    public boolean isEven(long n) {
        return n % 2 == 0;
    }

    /** boolean parameter: any non-zero i32 is true. */
    @WasmExport
    public int select(boolean condition, int ifTrue, int ifFalse) {
        return condition ? ifTrue : ifFalse;
    }

    /** (ptr, len) string. */
    @WasmExport("log")
    public void log(@PtrLen String message) {
        lines.add(message);
    }

    /** NUL-terminated string; returns its length in chars. */
    @WasmExport
    public int puts(@CString String text) {
        lines.add(text);
        return text.length();
    }

    /** Both string shapes, and an ordinary parameter between them. */
    @WasmExport
    public void logPair(@CString String key, int separator, @PtrLen String value) {
        lines.add(key + (char) separator + value);
    }

    /** The injected memory: writes the square of {@code value} at {@code ptr}. */
    @WasmExport
    public void storeSquare(Memory memory, int ptr, int value) {
        memory.writeInt(Integer.toUnsignedLong(ptr), value * value);
    }

    /** Two i64 results. */
    @WasmExport
    public DivMod divMod(long a, long b) {
        return new DivMod(Math.floorDiv(a, b), Math.floorMod(a, b));
    }

    /** Five results, one of each type, from an array of {@code count} i32 at {@code ptr}. */
    @WasmExport
    public Stats stats(Memory memory, int ptr, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += memory.readInt(Integer.toUnsignedLong(ptr) + 4L * i);
        }
        double mean = count == 0 ? 0 : (double) sum / count;
        return new Stats(count, sum, (float) mean, mean, count == 0);
    }

    /** Throws: the guest traps, with this exception as the trap's cause. */
    @WasmExport
    public int fail(int code) {
        throw new IllegalArgumentException("toolbox cannot handle code " + code);
    }

    /** Reenters the guest: calls the caller's export {@code square} and adds one. */
    @WasmExport
    public int callGuest(Module caller, int n) {
        long[] results = caller.exportedFunction("square").call(n);
        return (int) results[0] + 1;
    }
}
