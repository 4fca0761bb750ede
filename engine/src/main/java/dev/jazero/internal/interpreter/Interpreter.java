package dev.jazero.internal.interpreter;

import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmException;
import dev.jazero.internal.cache.RefusedEntry;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.ir.Op;
import dev.jazero.internal.semantics.Numerics;
import dev.jazero.internal.runtime.CallTargets;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.Engine;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.HostCalls;
import dev.jazero.internal.runtime.Listening;
import dev.jazero.internal.runtime.MemoryInstance;
import dev.jazero.internal.runtime.ModuleCode;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.Traps;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.WasmModule;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;

/**
 * Runs internal code ({@link IrFunction}). Calls between WebAssembly functions do not recurse in
 * Java: frames live in a {@link CallStack}, so deep recursion ends in the "call stack exhausted"
 * trap at the configured depth rather than in a {@link StackOverflowError}. Values live in one
 * {@code long[]} per call: each frame's locals, then its operands.
 *
 * <p>The main loop is one method that HotSpot must be able to JIT-compile, so it stays under the
 * 8,000 bytes of bytecode that HotSpot compiles by default: instructions with long bodies call
 * small static methods, which the JIT inlines.
 */
public final class Interpreter implements Engine {

    static {
        // A trap made under this loop with compiled frames around it waits for its frames (CallStack.locate).
        dev.jazero.internal.runtime.CompiledFrames.registerInterpreterLoop(Interpreter.class, "execute");
    }

    /** The most value slots one call may use, 128 MiB of longs. */
    static final int MAX_STACK_SLOTS = 1 << 24;

    private final int maxDepth;
    /**
     * Cancellation checks passed between two reads of the flag, which are also where the compiler
     * tier's interpreter samples hot code ({@code TierUp}); {@code -Djazero.interpreter.pollInterval=0}
     * reads it, and samples, at every check (for tests).
     */
    private static final int POLL_INTERVAL = Integer.getInteger("jazero.interpreter.pollInterval", 1024);

    public Interpreter(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** The interpreter runs the internal code as it is. */
    @Override
    public ModuleCode prepare(WasmModule module, IrFunction[] code, CodeOptions options, boolean eager) {
        return null;
    }

    /** Never called: {@link #prepare} makes no code of the tier's own. */
    @Override
    public void writeCode(ModuleCode code, DataOutputStream out) {
        throw new IllegalStateException("the interpreter has no code of its own to write");
    }

    @Override
    public ModuleCode readCode(WasmModule module, ByteBuffer in) throws RefusedEntry {
        throw new RefusedEntry("an entry with compiled classes, for the interpreter");
    }

    @Override
    public boolean runsInternalCode() {
        return true;
    }

    @Override
    public void invoke(FunctionInstance function, long[] stack, Object[] refs) {
        if (function.code == null) {
            HostCalls.call(function, function.module, stack, refs);
            return;
        }
        IrFunction ir = function.code;
        CallStack frames = new CallStack(Math.max(256, ir.maxStackSlots() * 2), maxDepth);
        System.arraycopy(stack, 0, frames.values, 0, ir.paramSlots());
        if (refs != null) {
            System.arraycopy(refs, 0, frames.refs, 0, ir.paramSlots());
        }
        execute(frames, function);
        System.arraycopy(frames.values, 0, stack, 0, ir.resultSlots());
        if (refs != null) {
            System.arraycopy(frames.refs, 0, refs, 0, ir.resultSlots());
        }
    }

    /**
     * Calls a function that this loop does not run (a host function, or in the compiler tier a
     * compiled one) from WebAssembly code: its parameters are the top slots.
     */
    private static int callHostFromStack(FunctionInstance callee, ModuleInstance caller, CallStack frames, int sp) {
        long[] s = frames.values;
        FuncType type = callee.type;
        int n = type.paramSlots();
        int base = sp - n;
        int size = Math.max(n, type.resultSlots());
        long[] stack = new long[size];
        Object[] refs = null;
        if (type.hasReferences()) {
            refs = new Object[size];
            System.arraycopy(frames.refs, base, refs, 0, n);
        }
        int slot = 0;
        for (ValueType t : type.params()) {
            long v = s[base + slot];
            // The host ABI zero-extends 32-bit values; inside, they are kept sign-extended.
            stack[slot] = t == ValueType.I32 || t == ValueType.F32 ? v & 0xFFFF_FFFFL : v;
            if (t.slots() == 2) {
                stack[slot + 1] = s[base + slot + 1];
            }
            slot += t.slots();
        }
        HostCalls.call(callee, caller, stack, refs);
        System.arraycopy(stack, 0, s, base, type.resultSlots());
        if (refs != null) {
            System.arraycopy(refs, 0, frames.refs, base, type.resultSlots());
            // The arguments above the results hold nothing now.
            java.util.Arrays.fill(frames.refs, base + type.resultSlots(), Math.max(sp, base + type.resultSlots()), null);
        }
        return base + type.resultSlots();
    }

    private static void execute(CallStack frames, FunctionInstance entry) {
        FunctionInstance fn = entry;
        IrFunction ir = fn.code;
        int[] code = ir.code();
        long[] s = frames.values;
        int fp = 0;
        int sp = ir.localSlots();
        int pc = 0;
        ModuleInstance inst = fn.module;
        MemoryInstance mem = inst.memory0;
        // Cancellation checks left before the flag is read. A volatile read at every loop
        // iteration made loops half again as slow. The countdown is written out at each check:
        // in this huge method HotSpot may not inline a helper, and a call per iteration cost as much.
        int poll = 0;
        try {
            while (true) {
                try {
                    while (true) {
                        switch (code[pc++]) {
                            case Op.UNREACHABLE -> throw Traps.trap(TrapKind.UNREACHABLE);
                            case Op.CANCEL_CHECK -> {
                                if (--poll < 0) {
                                    poll = POLL_INTERVAL;
                                    if (inst.cancelled) {
                                        Cancellation.stop(inst);
                                    }
                                    if (inst.tierUp != null) {
                                        // Sampled code (CodeOptions.sampled): while compiled code runs the
                                        // rest of the call, the frame neither catches nor names a place.
                                        int at = pc;
                                        pc = -1;
                                        int n = inst.tierUp.sample(fn, s, frames.refs, fp, sp, at);
                                        if (n < 0) {
                                            pc = at;
                                        } else {
                                            // The results are in place; the final RETURN returns them.
                                            sp = fp + n;
                                            pc = code.length - 1;
                                        }
                                    }
                                }
                            }
                            case Op.LISTEN_BEFORE -> Listening.beforeInterpreted(fn, s, fp);
                            case Op.LISTEN_AFTER -> Listening.afterInterpreted(fn, s, sp);
                            case Op.BR -> pc = code[pc];
                            case Op.BR_ADJUST -> {
                                sp = adjust(frames, sp, fp + code[pc + 1], code[pc + 2]);
                                pc = code[pc];
                            }
                            case Op.BR_IF -> pc = (int) s[--sp] != 0 ? code[pc] : pc + 1;
                            case Op.BR_LOOP -> {
                                if (--poll < 0) {
                                    poll = POLL_INTERVAL;
                                    if (inst.cancelled) {
                                        Cancellation.stop(inst);
                                    }
                                }
                                pc = code[pc];
                            }
                            case Op.BR_IF_LOOP -> {
                                if ((int) s[--sp] != 0) {
                                    if (--poll < 0) {
                                        poll = POLL_INTERVAL;
                                        if (inst.cancelled) {
                                            Cancellation.stop(inst);
                                        }
                                    }
                                    pc = code[pc];
                                } else {
                                    pc++;
                                }
                            }
                            case Op.BR_IF_ADJUST -> {
                                if ((int) s[--sp] != 0) {
                                    sp = adjust(frames, sp, fp + code[pc + 1], code[pc + 2]);
                                    pc = code[pc];
                                } else {
                                    pc += 3;
                                }
                            }
                            case Op.BR_UNLESS -> pc = (int) s[--sp] == 0 ? code[pc] : pc + 1;
                            case Op.BR_TABLE -> {
                                int n = code[pc];
                                int i = (int) s[--sp];
                                int entryAt = pc + 1 + 3 * (Integer.compareUnsigned(i, n) < 0 ? i : n);
                                int height = code[entryAt + 1];
                                if (height >= 0) {
                                    sp = adjust(frames, sp, fp + height, code[entryAt + 2]);
                                }
                                pc = code[entryAt];
                            }
                            case Op.RETURN, Op.RETURN_CLEARING -> {
                                int n = ir.resultSlots();
                                if (code[pc - 1] == Op.RETURN_CLEARING) {
                                    frames.clearReferences(fp + n, fp + ir.maxStackSlots());
                                }
                                if (n == 1) {
                                    s[fp] = s[sp - 1];
                                } else if (n > 1) {
                                    System.arraycopy(s, sp - n, s, fp, n);
                                }
                                sp = fp + n;
                                if (frames.depth == 0) {
                                    return;
                                }
                                int d = --frames.depth;
                                pc = frames.pcs[d];
                                fp = frames.fps[d];
                                fn = frames.functions[d];
                                frames.functions[d] = null;
                                ir = fn.code;
                                code = ir.code();
                                inst = fn.module;
                                mem = inst.memory0;
                            }
                            case Op.CALL -> {
                                FunctionInstance callee = inst.functions[code[pc++]];
                                if (callee.code == null || callee.compiled != null || frames.overflowsToCompiled(callee)) {
                                    sp = callHostFromStack(callee, inst, frames, sp);
                                    // A host function may take any time: the next check reads the flag.
                                    poll = 0;
                                } else {
                                    fp = frames.enter(callee, pc, fp, fn, sp);
                                    s = frames.values;
                                    fn = callee;
                                    ir = fn.code;
                                    code = ir.code();
                                    sp = fp + ir.localSlots();
                                    inst = fn.module;
                                    mem = inst.memory0;
                                    pc = 0;
                                }
                            }
                            case Op.CALL_INDIRECT, Op.RETURN_CALL, Op.RETURN_CALL_INDIRECT, Op.CALL_REF, Op.RETURN_CALL_REF -> {
                                // One case for the three: the loop must stay under HotSpot's limit for
                                // compiling a method (see RareInstructions), and every byte of it counts.
                                int op = code[pc - 1];
                                FunctionInstance callee;
                                if (op == Op.RETURN_CALL) {
                                    callee = inst.functions[code[pc++]];
                                } else if (op >= Op.CALL_REF) {
                                    callee = CallTargets.referenced(frames.refs[--sp]);
                                    pc++;
                                } else {
                                    callee = CallTargets.indirect(inst, code[pc + 1], code[pc], (int) s[--sp]);
                                    pc += 2;
                                }
                                if (callee.code == null || callee.compiled != null
                                        || (op == Op.CALL_INDIRECT || op == Op.CALL_REF) && frames.overflowsToCompiled(callee)) {
                                    // A host function, or a compiled one. After a tail call of one, the RETURN that follows
                                    // returns its results; what it throws leaves this frame uncaught (IrFunction.LEAVES_FRAME).
                                    sp = callHostFromStack(callee, inst, frames, sp);
                                    poll = 0;
                                } else {
                                    // A tail call's callee takes the caller's frame.
                                    fp = op == Op.CALL_INDIRECT || op == Op.CALL_REF ? frames.enter(callee, pc, fp, fn, sp)
                                            : frames.replace(callee, fp, sp);
                                    s = frames.values;
                                    fn = callee;
                                    ir = fn.code;
                                    code = ir.code();
                                    sp = fp + ir.localSlots();
                                    inst = fn.module;
                                    mem = inst.memory0;
                                    pc = 0;
                                }
                            }
                            case Op.DROP -> sp--;
                            case Op.DROP2 -> sp -= 2;
                            case Op.SELECT -> {
                                sp -= 2;
                                if ((int) s[sp + 1] == 0) {
                                    s[sp - 1] = s[sp];
                                }
                            }
                            case Op.SELECT2 -> {
                                sp -= 3;
                                if ((int) s[sp + 2] == 0) {
                                    s[sp - 2] = s[sp];
                                    s[sp - 1] = s[sp + 1];
                                }
                            }
                            case Op.LOCAL_GET -> s[sp++] = s[fp + code[pc++]];
                            case Op.LOCAL_SET -> s[fp + code[pc++]] = s[--sp];
                            case Op.LOCAL_TEE -> s[fp + code[pc++]] = s[sp - 1];
                            case Op.LOCAL_GET2 -> {
                                int at = fp + code[pc++];
                                s[sp] = s[at];
                                s[sp + 1] = s[at + 1];
                                sp += 2;
                            }
                            case Op.LOCAL_SET2 -> {
                                int at = fp + code[pc++];
                                sp -= 2;
                                s[at] = s[sp];
                                s[at + 1] = s[sp + 1];
                            }
                            case Op.LOCAL_TEE2 -> {
                                int at = fp + code[pc++];
                                s[at] = s[sp - 2];
                                s[at + 1] = s[sp - 1];
                            }
                            case Op.LOCAL_GET_GET -> {
                                s[sp] = s[fp + code[pc]];
                                s[sp + 1] = s[fp + code[pc + 1]];
                                sp += 2;
                                pc += 2;
                            }
                            case Op.LOCAL_ADD_IMM -> {
                                s[sp++] = (int) s[fp + code[pc]] + code[pc + 1];
                                pc += 2;
                            }
                            case Op.I32_ADD_IMM -> s[sp - 1] = (int) s[sp - 1] + code[pc++];
                            case Op.I32_MUL_IMM -> s[sp - 1] = (int) s[sp - 1] * code[pc++];
                            case Op.I32_AND_IMM -> s[sp - 1] = (int) s[sp - 1] & code[pc++];
                            case Op.I32_OR_IMM -> s[sp - 1] = (int) s[sp - 1] | code[pc++];
                            case Op.I32_XOR_IMM -> s[sp - 1] = (int) s[sp - 1] ^ code[pc++];
                            case Op.I32_SHL_IMM -> s[sp - 1] = (int) s[sp - 1] << code[pc++];
                            case Op.I32_SHR_S_IMM -> s[sp - 1] = (int) s[sp - 1] >> code[pc++];
                            case Op.I32_SHR_U_IMM -> s[sp - 1] = (int) s[sp - 1] >>> code[pc++];
                            case Op.I32_EQ_IMM -> s[sp - 1] = (int) s[sp - 1] == code[pc++] ? 1 : 0;
                            case Op.I32_NE_IMM -> s[sp - 1] = (int) s[sp - 1] != code[pc++] ? 1 : 0;
                            case Op.I32_LT_S_IMM -> s[sp - 1] = (int) s[sp - 1] < code[pc++] ? 1 : 0;
                            case Op.I32_LT_U_IMM -> s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], code[pc++]) < 0 ? 1 : 0;
                            case Op.I32_GT_S_IMM -> s[sp - 1] = (int) s[sp - 1] > code[pc++] ? 1 : 0;
                            case Op.I32_GT_U_IMM -> s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], code[pc++]) > 0 ? 1 : 0;
                            case Op.GLOBAL_GET -> s[sp++] = inst.globals[code[pc++]].value;
                            case Op.GLOBAL_SET -> inst.globals[code[pc++]].value = s[--sp];
                            case Op.GLOBAL_GET2 -> {
                                var g = inst.globals[code[pc++]];
                                s[sp] = g.value;
                                s[sp + 1] = g.high;
                                sp += 2;
                            }
                            case Op.GLOBAL_SET2 -> {
                                var g = inst.globals[code[pc++]];
                                sp -= 2;
                                g.value = s[sp];
                                g.high = s[sp + 1];
                            }
                            case Opcode.I32_LOAD -> s[sp - 1] = MemoryInstance.loadI32((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I64_LOAD -> s[sp - 1] = MemoryInstance.loadI64((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.F32_LOAD -> s[sp - 1] = MemoryInstance.loadI32((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.F64_LOAD -> s[sp - 1] = MemoryInstance.loadI64((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I32_LOAD8_S, Opcode.I64_LOAD8_S -> s[sp - 1] = MemoryInstance.loadI8((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I32_LOAD8_U -> s[sp - 1] = MemoryInstance.loadU8((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I32_LOAD16_S, Opcode.I64_LOAD16_S -> s[sp - 1] = MemoryInstance.loadI16((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I32_LOAD16_U -> s[sp - 1] = MemoryInstance.loadU16((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I64_LOAD8_U -> s[sp - 1] = MemoryInstance.loadU8((int) s[sp - 1], mem, code[pc++]) & 0xFFL;
                            case Opcode.I64_LOAD16_U -> s[sp - 1] = MemoryInstance.loadU16((int) s[sp - 1], mem, code[pc++]) & 0xFFFFL;
                            case Opcode.I64_LOAD32_S -> s[sp - 1] = MemoryInstance.loadI32((int) s[sp - 1], mem, code[pc++]);
                            case Opcode.I64_LOAD32_U -> s[sp - 1] = MemoryInstance.loadI32((int) s[sp - 1], mem, code[pc++]) & 0xFFFF_FFFFL;
                            case Opcode.I32_STORE, Opcode.F32_STORE, Opcode.I64_STORE32 -> {
                                sp -= 2;
                                MemoryInstance.storeI32((int) s[sp], (int) s[sp + 1], mem, code[pc++]);
                            }
                            case Opcode.I64_STORE, Opcode.F64_STORE -> {
                                sp -= 2;
                                MemoryInstance.storeI64((int) s[sp], s[sp + 1], mem, code[pc++]);
                            }
                            case Opcode.I32_STORE8, Opcode.I64_STORE8 -> {
                                sp -= 2;
                                MemoryInstance.storeI8((int) s[sp], (int) s[sp + 1], mem, code[pc++]);
                            }
                            case Opcode.I32_STORE16, Opcode.I64_STORE16 -> {
                                sp -= 2;
                                MemoryInstance.storeI16((int) s[sp], (int) s[sp + 1], mem, code[pc++]);
                            }
                            case Op.MEMORY_SIZE -> s[sp++] = mem.size() / MemoryInstance.PAGE_SIZE;
                            case Op.MEMORY_GROW -> s[sp - 1] = RareInstructions.memoryGrow(inst, mem, s[sp - 1]);
                            case Op.I32_CONST, Op.F32_CONST -> s[sp++] = code[pc++];
                            case Op.I64_CONST, Op.F64_CONST -> {
                                s[sp++] = (code[pc] & 0xFFFF_FFFFL) | (long) code[pc + 1] << 32;
                                pc += 2;
                            }

                            case Opcode.I32_EQZ -> s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0;
                            case Opcode.I32_EQ -> sp = cmp(s, sp, (int) s[sp - 2] == (int) s[sp - 1]);
                            case Opcode.I32_NE -> sp = cmp(s, sp, (int) s[sp - 2] != (int) s[sp - 1]);
                            case Opcode.I32_LT_S -> sp = cmp(s, sp, (int) s[sp - 2] < (int) s[sp - 1]);
                            case Opcode.I32_LT_U -> sp = cmp(s, sp, Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) < 0);
                            case Opcode.I32_GT_S -> sp = cmp(s, sp, (int) s[sp - 2] > (int) s[sp - 1]);
                            case Opcode.I32_GT_U -> sp = cmp(s, sp, Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) > 0);
                            case Opcode.I32_LE_S -> sp = cmp(s, sp, (int) s[sp - 2] <= (int) s[sp - 1]);
                            case Opcode.I32_LE_U -> sp = cmp(s, sp, Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) <= 0);
                            case Opcode.I32_GE_S -> sp = cmp(s, sp, (int) s[sp - 2] >= (int) s[sp - 1]);
                            case Opcode.I32_GE_U -> sp = cmp(s, sp, Integer.compareUnsigned((int) s[sp - 2], (int) s[sp - 1]) >= 0);
                            case Opcode.I64_EQZ -> s[sp - 1] = s[sp - 1] == 0 ? 1 : 0;
                            case Opcode.I64_EQ -> sp = cmp(s, sp, s[sp - 2] == s[sp - 1]);
                            case Opcode.I64_NE -> sp = cmp(s, sp, s[sp - 2] != s[sp - 1]);
                            case Opcode.I64_LT_S -> sp = cmp(s, sp, s[sp - 2] < s[sp - 1]);
                            case Opcode.I64_LT_U -> sp = cmp(s, sp, Long.compareUnsigned(s[sp - 2], s[sp - 1]) < 0);
                            case Opcode.I64_GT_S -> sp = cmp(s, sp, s[sp - 2] > s[sp - 1]);
                            case Opcode.I64_GT_U -> sp = cmp(s, sp, Long.compareUnsigned(s[sp - 2], s[sp - 1]) > 0);
                            case Opcode.I64_LE_S -> sp = cmp(s, sp, s[sp - 2] <= s[sp - 1]);
                            case Opcode.I64_LE_U -> sp = cmp(s, sp, Long.compareUnsigned(s[sp - 2], s[sp - 1]) <= 0);
                            case Opcode.I64_GE_S -> sp = cmp(s, sp, s[sp - 2] >= s[sp - 1]);
                            case Opcode.I64_GE_U -> sp = cmp(s, sp, Long.compareUnsigned(s[sp - 2], s[sp - 1]) >= 0);
                            case Opcode.F32_EQ -> sp = cmp(s, sp, f32(s[sp - 2]) == f32(s[sp - 1]));
                            case Opcode.F32_NE -> sp = cmp(s, sp, f32(s[sp - 2]) != f32(s[sp - 1]));
                            case Opcode.F32_LT -> sp = cmp(s, sp, f32(s[sp - 2]) < f32(s[sp - 1]));
                            case Opcode.F32_GT -> sp = cmp(s, sp, f32(s[sp - 2]) > f32(s[sp - 1]));
                            case Opcode.F32_LE -> sp = cmp(s, sp, f32(s[sp - 2]) <= f32(s[sp - 1]));
                            case Opcode.F32_GE -> sp = cmp(s, sp, f32(s[sp - 2]) >= f32(s[sp - 1]));
                            case Opcode.F64_EQ -> sp = cmp(s, sp, f64(s[sp - 2]) == f64(s[sp - 1]));
                            case Opcode.F64_NE -> sp = cmp(s, sp, f64(s[sp - 2]) != f64(s[sp - 1]));
                            case Opcode.F64_LT -> sp = cmp(s, sp, f64(s[sp - 2]) < f64(s[sp - 1]));
                            case Opcode.F64_GT -> sp = cmp(s, sp, f64(s[sp - 2]) > f64(s[sp - 1]));
                            case Opcode.F64_LE -> sp = cmp(s, sp, f64(s[sp - 2]) <= f64(s[sp - 1]));
                            case Opcode.F64_GE -> sp = cmp(s, sp, f64(s[sp - 2]) >= f64(s[sp - 1]));

                            case Opcode.I32_CLZ -> s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]);
                            case Opcode.I32_CTZ -> s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]);
                            case Opcode.I32_POPCNT -> s[sp - 1] = Integer.bitCount((int) s[sp - 1]);
                            case Opcode.I32_ADD -> s[--sp - 1] = (int) s[sp - 1] + (int) s[sp];
                            case Opcode.I32_SUB -> s[--sp - 1] = (int) s[sp - 1] - (int) s[sp];
                            case Opcode.I32_MUL -> s[--sp - 1] = (int) s[sp - 1] * (int) s[sp];
                            case Opcode.I32_DIV_S -> s[--sp - 1] = Numerics.i32DivS((int) s[sp - 1], (int) s[sp]);
                            case Opcode.I32_DIV_U -> s[--sp - 1] = Numerics.i32DivU((int) s[sp - 1], (int) s[sp]);
                            case Opcode.I32_REM_S -> s[--sp - 1] = Numerics.i32RemS((int) s[sp - 1], (int) s[sp]);
                            case Opcode.I32_REM_U -> s[--sp - 1] = Numerics.i32RemU((int) s[sp - 1], (int) s[sp]);
                            case Opcode.I32_AND -> s[--sp - 1] = (int) s[sp - 1] & (int) s[sp];
                            case Opcode.I32_OR -> s[--sp - 1] = (int) s[sp - 1] | (int) s[sp];
                            case Opcode.I32_XOR -> s[--sp - 1] = (int) s[sp - 1] ^ (int) s[sp];
                            case Opcode.I32_SHL -> s[--sp - 1] = (int) s[sp - 1] << (int) s[sp];
                            case Opcode.I32_SHR_S -> s[--sp - 1] = (int) s[sp - 1] >> (int) s[sp];
                            case Opcode.I32_SHR_U -> s[--sp - 1] = (int) s[sp - 1] >>> (int) s[sp];
                            case Opcode.I32_ROTL -> s[--sp - 1] = Integer.rotateLeft((int) s[sp - 1], (int) s[sp]);
                            case Opcode.I32_ROTR -> s[--sp - 1] = Integer.rotateRight((int) s[sp - 1], (int) s[sp]);
                            case Opcode.I64_CLZ -> s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]);
                            case Opcode.I64_CTZ -> s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]);
                            case Opcode.I64_POPCNT -> s[sp - 1] = Long.bitCount(s[sp - 1]);
                            case Opcode.I64_ADD -> s[--sp - 1] = s[sp - 1] + s[sp];
                            case Opcode.I64_SUB -> s[--sp - 1] = s[sp - 1] - s[sp];
                            case Opcode.I64_MUL -> s[--sp - 1] = s[sp - 1] * s[sp];
                            case Opcode.I64_DIV_S -> s[--sp - 1] = Numerics.i64DivS(s[sp - 1], s[sp]);
                            case Opcode.I64_DIV_U -> s[--sp - 1] = Numerics.i64DivU(s[sp - 1], s[sp]);
                            case Opcode.I64_REM_S -> s[--sp - 1] = Numerics.i64RemS(s[sp - 1], s[sp]);
                            case Opcode.I64_REM_U -> s[--sp - 1] = Numerics.i64RemU(s[sp - 1], s[sp]);
                            case Opcode.I64_AND -> s[--sp - 1] = s[sp - 1] & s[sp];
                            case Opcode.I64_OR -> s[--sp - 1] = s[sp - 1] | s[sp];
                            case Opcode.I64_XOR -> s[--sp - 1] = s[sp - 1] ^ s[sp];
                            case Opcode.I64_SHL -> s[--sp - 1] = s[sp - 1] << s[sp];
                            case Opcode.I64_SHR_S -> s[--sp - 1] = s[sp - 1] >> s[sp];
                            case Opcode.I64_SHR_U -> s[--sp - 1] = s[sp - 1] >>> s[sp];
                            case Opcode.I64_ROTL -> s[--sp - 1] = Long.rotateLeft(s[sp - 1], (int) s[sp]);
                            case Opcode.I64_ROTR -> s[--sp - 1] = Long.rotateRight(s[sp - 1], (int) s[sp]);

                            case Opcode.F32_ABS -> s[sp - 1] = (int) s[sp - 1] & 0x7FFF_FFFF;
                            case Opcode.F32_NEG -> s[sp - 1] = (int) s[sp - 1] ^ 0x8000_0000;
                            case Opcode.F32_SQRT -> s[sp - 1] = bits((float) Math.sqrt(f32(s[sp - 1])));
                            case Opcode.F32_ADD -> s[--sp - 1] = bits(f32(s[sp - 1]) + f32(s[sp]));
                            case Opcode.F32_SUB -> s[--sp - 1] = bits(f32(s[sp - 1]) - f32(s[sp]));
                            case Opcode.F32_MUL -> s[--sp - 1] = bits(f32(s[sp - 1]) * f32(s[sp]));
                            case Opcode.F32_DIV -> s[--sp - 1] = bits(f32(s[sp - 1]) / f32(s[sp]));
                            case Opcode.F32_MIN -> s[--sp - 1] = bits(Numerics.fmin(f32(s[sp - 1]), f32(s[sp])));
                            case Opcode.F32_MAX -> s[--sp - 1] = bits(Numerics.fmax(f32(s[sp - 1]), f32(s[sp])));
                            case Opcode.F32_COPYSIGN -> s[--sp - 1] = Numerics.copysign((int) s[sp - 1], (int) s[sp]);
                            case Opcode.F64_ABS -> s[sp - 1] = s[sp - 1] & 0x7FFF_FFFF_FFFF_FFFFL;
                            case Opcode.F64_NEG -> s[sp - 1] = s[sp - 1] ^ 0x8000_0000_0000_0000L;
                            case Opcode.F64_SQRT -> s[sp - 1] = bits(Math.sqrt(f64(s[sp - 1])));
                            case Opcode.F64_ADD -> s[--sp - 1] = bits(f64(s[sp - 1]) + f64(s[sp]));
                            case Opcode.F64_SUB -> s[--sp - 1] = bits(f64(s[sp - 1]) - f64(s[sp]));
                            case Opcode.F64_MUL -> s[--sp - 1] = bits(f64(s[sp - 1]) * f64(s[sp]));
                            case Opcode.F64_DIV -> s[--sp - 1] = bits(f64(s[sp - 1]) / f64(s[sp]));
                            case Opcode.F64_MIN -> s[--sp - 1] = bits(Numerics.fmin(f64(s[sp - 1]), f64(s[sp])));
                            case Opcode.F64_MAX -> s[--sp - 1] = bits(Numerics.fmax(f64(s[sp - 1]), f64(s[sp])));
                            case Opcode.F64_COPYSIGN -> s[--sp - 1] = Numerics.copysign(s[sp - 1], s[sp]);

                            case Opcode.I32_WRAP_I64 -> s[sp - 1] = (int) s[sp - 1];
                            case Opcode.I64_EXTEND_I32_S -> s[sp - 1] = (int) s[sp - 1];
                            case Opcode.I64_EXTEND_I32_U -> s[sp - 1] = s[sp - 1] & 0xFFFF_FFFFL;
                            case Opcode.F32_CONVERT_I32_S -> s[sp - 1] = bits((float) (int) s[sp - 1]);
                            case Opcode.F32_CONVERT_I32_U -> s[sp - 1] = bits((float) (s[sp - 1] & 0xFFFF_FFFFL));
                            case Opcode.F32_CONVERT_I64_S -> s[sp - 1] = bits((float) s[sp - 1]);
                            case Opcode.F32_DEMOTE_F64 -> s[sp - 1] = bits((float) f64(s[sp - 1]));
                            case Opcode.F64_CONVERT_I32_S -> s[sp - 1] = bits((double) (int) s[sp - 1]);
                            case Opcode.F64_CONVERT_I32_U -> s[sp - 1] = bits((double) (s[sp - 1] & 0xFFFF_FFFFL));
                            case Opcode.F64_CONVERT_I64_S -> s[sp - 1] = bits((double) s[sp - 1]);
                            case Opcode.F64_PROMOTE_F32 -> s[sp - 1] = bits((double) f32(s[sp - 1]));
                            // Reinterpretations: i32 and f32 share the slot encoding, and so do i64 and f64.
                            case Opcode.I32_REINTERPRET_F32, Opcode.I64_REINTERPRET_F64, Opcode.F32_REINTERPRET_I32,
                                    Opcode.F64_REINTERPRET_I64 -> { }
                            case Opcode.I32_EXTEND8_S -> s[sp - 1] = (byte) s[sp - 1];
                            case Opcode.I32_EXTEND16_S -> s[sp - 1] = (short) s[sp - 1];
                            case Opcode.I64_EXTEND8_S -> s[sp - 1] = (long) (byte) s[sp - 1];
                            case Opcode.I64_EXTEND16_S -> s[sp - 1] = (long) (short) s[sp - 1];
                            case Opcode.I64_EXTEND32_S -> s[sp - 1] = (long) (int) s[sp - 1];

                            case Op.CANONICAL_F32 -> s[sp - 1] = Numerics.canonicalF32(s[sp - 1]);
                            case Op.CANONICAL_F64 -> s[sp - 1] = Numerics.canonicalF64(s[sp - 1]);

                            case Op.MEMORY_SELECT -> mem = inst.memories[code[pc++]];
                            case Op.MEMORY_COPY -> sp = RareInstructions.memoryCopy(inst, mem, s, sp);
                            case Op.MEMORY_FILL -> sp = RareInstructions.memoryFill(inst, mem, s, sp);
                            default -> {
                                // SIMD (Op.SIMD_BASE + sub-opcode) and rare instructions, run outside the
                                // loop to keep it small.
                                int op = code[pc - 1];
                                if (op >= Op.SIMD_BASE) {
                                    sp = SimdInterpreter.execute(op, code, pc, s, sp, mem);
                                    pc += SimdInterpreter.IMMEDIATES[op - Op.SIMD_BASE];
                                } else {
                                    sp = RareInstructions.execute(op, code, pc, frames, fp, sp, inst, mem);
                                    pc += RareInstructions.immediates(op);
                                }
                            }
                        }
                    }
                } catch (ThrownException e) {
                    // An exception the guest may catch: in this frame, or a caller's on this stack.
                    pc = frames.handle(e, fn, pc, fp);
                    if (pc < 0) {
                        throw e;
                    }
                    fn = frames.catchingFunction;
                    fp = frames.catchingFp;
                    sp = frames.catchingSp;
                    s = frames.values;
                    ir = fn.code;
                    code = ir.code();
                    inst = fn.module;
                    mem = inst.memory0;
                }
            }
        } catch (TrapException e) {
            TrapException located = frames.locate(e, fn, pc);
            frames.abortListened(fn, located);
            throw located;
        } catch (RuntimeException | Error e) {
            frames.abortListened(fn, e);
            throw e;
        }
    }

    // Small helpers the JIT inlines; they keep the loop's bytecode short. RareInstructions uses
    // them too.

    static float f32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    static double f64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    static long bits(float value) {
        return Float.floatToRawIntBits(value);
    }

    static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    /** Pops two operands and pushes the comparison's i32 result. */
    private static int cmp(long[] s, int sp, boolean result) {
        s[sp - 2] = result ? 1 : 0;
        return sp - 1;
    }

    /**
     * Moves the top {@code arity} slots down to {@code height} and returns the new top; their
     * references too when the arity has {@link Op#WITH_REFS}.
     */
    private static int adjust(CallStack frames, int sp, int height, int arity) {
        long[] s = frames.values;
        if (arity == 1) {
            s[height] = s[sp - 1];
        } else if (arity > 1) {
            if (arity >= Op.WITH_REFS) {
                arity -= Op.WITH_REFS;
                System.arraycopy(frames.refs, sp - arity, frames.refs, height, arity);
            }
            System.arraycopy(s, sp - arity, s, height, arity);
        }
        return height + arity;
    }
}
