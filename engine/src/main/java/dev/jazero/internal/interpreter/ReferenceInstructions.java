package dev.jazero.internal.interpreter;

import dev.jazero.api.ThrownException;
import dev.jazero.api.TrapKind;
import dev.jazero.internal.ir.Op;
import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.Casts;
import dev.jazero.internal.runtime.Exceptions;
import dev.jazero.internal.runtime.GlobalInstance;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.runtime.TableInstance;
import dev.jazero.internal.runtime.TagInstance;
import dev.jazero.internal.runtime.Traps;

/**
 * The instructions that make, move and test references, outside the main loop. A reference is
 * the object in {@link CallStack#refs} at its slot's index (docs/references.md): the moves here
 * copy the object and the slot, so that the loop's numeric moves never touch the objects, and an
 * {@code i31}, the pair of {@link I31Pairs#TAG} and its value, keeps both halves.
 */
final class ReferenceInstructions {

    private ReferenceInstructions() {
    }

    /** Fills in the number of immediates of each instruction run here. */
    static void countImmediates(byte[] immediates) {
        for (int op : new int[] {Op.TABLE_GET, Op.TABLE_SET, Op.REF_FUNC, Op.TABLE_GROW, Op.TABLE_FILL,
                Op.LOCAL_GET_REF, Op.LOCAL_SET_REF, Op.LOCAL_TEE_REF, Op.GLOBAL_GET_REF, Op.GLOBAL_SET_REF,
                Op.RESULT_REFS, Op.THROW}) {
            immediates[op] = 1;
        }
        immediates[Op.REF_TEST] = 2;
        immediates[Op.REF_CAST] = 2;
        immediates[Op.NULL_LOCALS] = 2;
        GcInstructions.countImmediates(immediates);
    }

    /**
     * Runs {@code op}, whose immediates start at {@code pc}, on the values below {@code sp} in the
     * frame at {@code fp}; returns the new {@code sp}.
     */
    static int execute(int op, int[] code, int pc, CallStack frames, int fp, int sp, ModuleInstance inst) {
        long[] s = frames.values;
        Object[] r = frames.refs;
        switch (op) {
            case Op.REF_NULL -> {
                r[sp] = null;
                s[sp++] = 0;
            }
            case Op.REF_IS_NULL -> s[sp - 1] = r[sp - 1] == null ? 1 : 0;
            case Op.REF_IS_NULL_KEEP -> {
                s[sp] = r[sp - 1] == null ? 1 : 0;
                sp++;
            }
            case Op.REF_AS_NON_NULL -> {
                if (r[sp - 1] == null) {
                    throw Traps.trap(TrapKind.NULL_REFERENCE);
                }
            }
            case Op.REF_FUNC -> r[sp++] = inst.functions[code[pc]];
            case Op.REF_TEST -> {
                s[sp - 1] = Casts.test(r[sp - 1], code[pc], code[pc + 1] != 0, inst) ? 1 : 0;
                r[sp - 1] = null;
            }
            case Op.REF_CAST -> Casts.cast(r[sp - 1], code[pc], code[pc + 1] != 0, inst);
            case Op.LOCAL_GET_REF -> {
                int at = fp + code[pc];
                r[sp] = r[at];
                s[sp++] = s[at];
            }
            case Op.LOCAL_SET_REF -> {
                int at = fp + code[pc];
                sp--;
                r[at] = r[sp];
                s[at] = s[sp];
            }
            case Op.LOCAL_TEE_REF -> {
                int at = fp + code[pc];
                r[at] = r[sp - 1];
                s[at] = s[sp - 1];
            }
            case Op.GLOBAL_GET_REF -> {
                GlobalInstance g = inst.globals[code[pc]];
                r[sp] = g.ref;
                s[sp++] = g.value;
            }
            case Op.GLOBAL_SET_REF -> {
                GlobalInstance g = inst.globals[code[pc]];
                sp--;
                g.ref = r[sp];
                g.value = s[sp];
            }
            case Op.SELECT_REF -> {
                sp -= 2;
                if ((int) s[sp + 1] == 0) {
                    r[sp - 1] = r[sp];
                    s[sp - 1] = s[sp];
                }
            }
            case Op.RESULT_REFS -> System.arraycopy(r, sp - code[pc], r, fp, code[pc]);
            case Op.NULL_LOCALS -> java.util.Arrays.fill(r, fp + code[pc], fp + code[pc + 1], null);
            case Op.TABLE_GET -> {
                TableInstance t = inst.tables[code[pc]];
                Object stored = t.get((int) s[sp - 1]);
                r[sp - 1] = I31Pairs.unboxRef(stored);
                s[sp - 1] = I31Pairs.unboxValue(stored);
            }
            case Op.TABLE_SET -> {
                TableInstance t = inst.tables[code[pc]];
                sp -= 2;
                t.set((int) s[sp], I31Pairs.box(r[sp + 1], s[sp + 1]));
            }
            case Op.TABLE_GROW -> {
                Cancellation.countBulk(inst, Integer.toUnsignedLong((int) s[sp - 1]) * Cancellation.ELEMENT_BYTES);
                sp--;
                s[sp - 1] = inst.tables[code[pc]].grow((int) s[sp], I31Pairs.box(r[sp - 1], s[sp - 1]));
                r[sp - 1] = null;
            }
            case Op.TABLE_FILL -> {
                Cancellation.countBulk(inst, Integer.toUnsignedLong((int) s[sp - 1]) * Cancellation.ELEMENT_BYTES);
                sp -= 3;
                inst.tables[code[pc]].fill((int) s[sp], I31Pairs.box(r[sp + 1], s[sp + 1]), (int) s[sp + 2]);
            }
            case Op.THROW -> {
                TagInstance tag = inst.tags[code[pc]];
                throw Exceptions.create(tag, s, r, sp - tag.type.paramSlots());
            }
            case Op.THROW_REF -> {
                Object exception = r[sp - 1];
                if (exception == null) {
                    throw Traps.trap(TrapKind.NULL_EXCEPTION_REFERENCE);
                }
                throw (ThrownException) exception;
            }
            default -> {
                return GcInstructions.execute(op, code, pc, frames, sp, inst);
            }
        }
        return sp;
    }
}
