package dev.jazero.internal.compiler;

import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.CompiledCode;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.GlobalInstance;
import dev.jazero.internal.runtime.MemoryInstance;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.TableInstance;
import dev.jazero.internal.runtime.Traps;

/**
 * What generated code calls for instructions too long to inline, with exactly the semantics the
 * interpreter has (both use the same runtime classes). Static and small, so that the JIT inlines
 * the hot ones.
 */
public final class CompiledSupport {

    private static final Object[] DROPPED_ELEMENTS = new Object[0];
    private static final byte[] DROPPED_DATA = new byte[0];

    private CompiledSupport() {
    }

    // Float sign operations are bit operations: NaN payloads must survive them.

    public static float fneg(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x8000_0000);
    }

    public static float fabs(float a) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFF_FFFF);
    }

    public static float fcopysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & 0x7FFF_FFFF) | (Float.floatToRawIntBits(b) & 0x8000_0000));
    }

    public static double dneg(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ Long.MIN_VALUE);
    }

    public static double dabs(double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Long.MAX_VALUE);
    }

    public static double dcopysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & Long.MAX_VALUE)
                | (Double.doubleToRawLongBits(b) & Long.MIN_VALUE));
    }

    public static float fsqrt(float a) {
        return (float) Math.sqrt(a);
    }

    public static int bool(boolean b) {
        return b ? 1 : 0;
    }

    /** Stores a slot of a split function's frame: a local, or a value passed between its methods. */
    public static void put(long value, long[] frame, int index) {
        frame[index] = value;
    }

    /** Stores a reference slot of a split function's frame. */
    public static void putRef(Object value, Object[] frame, int index) {
        frame[index] = value;
    }

    // ---- calls that leave the module's compiled code ----

    /**
     * Calls any function with the engine's stack convention, its references in {@code refs}
     * (null when its type has none): imports, fallbacks, indirect calls.
     */
    public static void invoke(FunctionInstance function, long[] stack, Object[] refs, ModuleInstance caller) {
        if (function.host != null) {
            ValueType[] params = function.type.params();
            int slot = 0;
            for (ValueType t : params) {
                if (t == ValueType.I32 || t == ValueType.F32) {
                    stack[slot] &= 0xFFFF_FFFFL;
                }
                slot += t.slots();
            }
            dev.jazero.internal.runtime.HostCalls.call(function, caller, stack, refs);
        } else {
            if (function.compiled == null && function.module.tierUp != null) {
                // What compiled code calls runs compiled, as its direct calls are linked (Linker):
                // a hot caller's callees are hot too, and a call into the interpreter costs more.
                function.module.tierUp.compile(function);
            }
            function.module.runtime().engine().invoke(function, stack, refs);
        }
    }

    /**
     * A tail call that compiled code leaves pending: {@code callee}, its arguments already in
     * {@code inst.tailStack}. The function's method returns next, and the loop of
     * {@link #finishTailCalls} makes the call.
     */
    public static void leaveTailCall(FunctionInstance callee, ModuleInstance inst) {
        inst.tailCallee = callee;
    }

    /**
     * Makes the tail call of {@code callee} that a function of {@code inst} left pending (the
     * caller has taken it out of {@code inst.tailCallee}), then each one its callee leaves in
     * turn, from this one frame, until a callee returns: so tail calls never deepen the JVM stack,
     * however many there are. Returns the array that holds the last callee's results. A callee
     * that is not compiled (a host function, an interpreted one) cannot leave one. A pending call
     * is taken out of its instance before anything is called, so that a trap or a stack overflow
     * in between never leaves one behind for a later call to make.
     */
    public static long[] finishTailCalls(ModuleInstance inst, FunctionInstance first) {
        ModuleInstance pending = inst;
        FunctionInstance callee = first;
        while (true) {
            long[] stack = pending.tailCallStack;
            System.arraycopy(pending.tailStack, 0, stack, 0, callee.type.paramSlots());
            Object[] refs = null;
            if (callee.type.hasReferences()) {
                refs = pending.tailCallRefs;
                System.arraycopy(pending.tailRefs, 0, refs, 0, callee.type.paramSlots());
                // Dropped, so that the arguments live no longer than the callee needs them.
                java.util.Arrays.fill(pending.tailRefs, 0, callee.type.paramSlots(), null);
            }
            CompiledCode code = callee.compiled;
            if (code != null) {
                code.callAsTail(callee.index, stack, refs, callee.module);
            } else {
                invoke(callee, stack, refs, pending);
            }
            pending = callee.module;
            FunctionInstance last = callee;
            callee = pending.tailCallee;
            if (refs != null) {
                if (callee == null && JvmTypes.anyReference(last.type.results())) {
                    // The last callee's references, where the method that made the first call reads them.
                    System.arraycopy(refs, 0, inst.refResults, 0, last.type.resultSlots());
                }
                java.util.Arrays.fill(refs, null);
            }
            if (callee == null) {
                return stack;
            }
            pending.tailCallee = null;
            // Cancellable code checks at the entry of each callee's method.
        }
    }

    // ---- references: objects (docs/references.md) ----

    /** {@code ref.as_non_null}: the reference, or the trap "null reference". */
    public static Object asNonNull(Object ref) {
        if (ref == null) {
            throw Traps.trap(TrapKind.NULL_REFERENCE);
        }
        return ref;
    }

    public static int isNull(Object ref) {
        return ref == null ? 1 : 0;
    }

    /** {@code ref.eq} of two reference pairs. */
    public static int refEq(Object a, int aValue, Object b, int bValue) {
        return dev.jazero.internal.runtime.Casts.same(a, aValue, b, bValue) ? 1 : 0;
    }

    public static Object refFunc(ModuleInstance inst, int index) {
        return inst.functions[index];
    }

    public static Object globalGetRef(ModuleInstance inst, int index) {
        return inst.globals[index].ref;
    }

    public static void globalSetRef(Object value, ModuleInstance inst, int index) {
        inst.globals[index].ref = value;
    }

    public static Object tableGet(int index, ModuleInstance inst, int table) {
        return inst.tables[table].get(index);
    }

    public static void tableSet(int index, Object value, ModuleInstance inst, int table) {
        inst.tables[table].set(index, value);
    }

    public static int tableGrow(Object init, int delta, ModuleInstance inst, int table) {
        Cancellation.countBulk(inst, Integer.toUnsignedLong(delta) * Cancellation.ELEMENT_BYTES);
        return inst.tables[table].grow(delta, init);
    }

    public static void tableFill(int start, Object value, int n, ModuleInstance inst, int table) {
        Cancellation.countBulk(inst, Integer.toUnsignedLong(n) * Cancellation.ELEMENT_BYTES);
        inst.tables[table].fill(start, value, n);
    }

    public static FunctionInstance function(ModuleInstance inst, int index) {
        return inst.functions[index];
    }

    // ---- exceptions (docs/references.md) ----

    /** {@code throw}: an exception of the instance's tag {@code tag} with the values (and references) given. */
    public static dev.jazero.api.ThrownException exception(long[] values, Object[] refs, ModuleInstance inst, int tag) {
        return dev.jazero.internal.runtime.Exceptions.create(inst.tags[tag], values, refs, 0);
    }

    /** {@code throw_ref}: the exception, or the trap "null exception reference". */
    public static dev.jazero.api.ThrownException rethrown(Object exnref) {
        if (exnref == null) {
            throw Traps.trap(TrapKind.NULL_EXCEPTION_REFERENCE);
        }
        return (dev.jazero.api.ThrownException) exnref;
    }

    /** Whether a caught exception is of the instance's tag {@code tag}: the same tag object. */
    public static boolean hasTag(dev.jazero.api.ThrownException e, ModuleInstance inst, int tag) {
        return e.tag() == inst.tags[tag];
    }

    // ---- globals ----

    public static long globalGet(ModuleInstance inst, int index) {
        return inst.globals[index].value;
    }

    public static void globalSet(long value, ModuleInstance inst, int index) {
        inst.globals[index].value = value;
    }

    /** The high half of a v128 global; {@link #globalGet} gives the low half. */
    public static long globalGetHigh(ModuleInstance inst, int index) {
        return inst.globals[index].high;
    }

    public static void globalSetV128(long low, long high, ModuleInstance inst, int index) {
        GlobalInstance g = inst.globals[index];
        g.value = low;
        g.high = high;
    }

    // ---- memory ----

    /** Memory {@code index} of the instance: the first from its own field, which costs no array load. */
    private static MemoryInstance memory(ModuleInstance inst, int index) {
        return index == 0 ? inst.memory0 : inst.memories[index];
    }

    /** {@code memory.size}: the page count (an int on a 32-bit memory, which the caller narrows). */
    public static long memorySize(ModuleInstance inst, int memory) {
        return memory(inst, memory).size() / dev.jazero.api.Memory.PAGE_SIZE;
    }

    /** {@code memory.grow} by {@code delta} pages, unsigned: the old page count, or -1. */
    public static long memoryGrow(long delta, ModuleInstance inst, int memory) {
        Cancellation.countGrowth(inst, delta);
        return memory(inst, memory).grow(delta);
    }

    public static void memoryInit(long dst, int src, int n, ModuleInstance inst, int segment, int memory) {
        Cancellation.countBulk(inst, Integer.toUnsignedLong(n));
        memory(inst, memory).init(inst.datas[segment], dst, Integer.toUnsignedLong(src), Integer.toUnsignedLong(n));
    }

    public static void dataDrop(ModuleInstance inst, int segment) {
        inst.datas[segment] = DROPPED_DATA;
    }

    /** {@code memory.copy}: the addresses and count unsigned (a 32-bit memory's zero-extended). */
    public static void memoryCopy(long dst, long src, long n, ModuleInstance inst, int dstMemory, int srcMemory) {
        Cancellation.countBulk(inst, n);
        memory(inst, dstMemory).copyFrom(memory(inst, srcMemory), dst, src, n);
    }

    /** {@code memory.fill}: the address and count unsigned (a 32-bit memory's zero-extended). */
    public static void memoryFill(long dst, int value, long n, ModuleInstance inst, int memory) {
        Cancellation.countBulk(inst, n);
        memory(inst, memory).fill(dst, value, n);
    }

    // ---- references and tables ----

    public static int tableSize(ModuleInstance inst, int table) {
        return inst.tables[table].size();
    }

    public static void tableInit(int dst, int src, int n, ModuleInstance inst, int segment, int table) {
        Cancellation.countBulk(inst, Integer.toUnsignedLong(n) * Cancellation.ELEMENT_BYTES);
        inst.tables[table].init(inst.elements[segment], dst, src, n);
    }

    public static void elemDrop(ModuleInstance inst, int segment) {
        inst.elements[segment] = DROPPED_ELEMENTS;
    }

    public static void tableCopy(int dst, int src, int n, ModuleInstance inst, int dstTable, int srcTable) {
        Cancellation.countBulk(inst, Integer.toUnsignedLong(n) * Cancellation.ELEMENT_BYTES);
        inst.tables[dstTable].copy(dst, inst.tables[srcTable], src, n);
    }
}
