package dev.jazero.internal.compiler;

import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.I31Pairs;
import dev.jazero.internal.wasm.WasmModule;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Emits one function's instructions on its instance's globals and tables, and {@code ref.func}:
 * calls of {@link CompiledSupport} with the instance and the index, which read and write the
 * same objects as the interpreter and the embedder.
 */
final class InstanceEmitter {

    private final FunctionCompiler c;
    private final MethodVisitor mv;
    private final WasmModule module;

    InstanceEmitter(FunctionCompiler c, MethodVisitor mv, WasmModule module) {
        this.c = c;
        this.mv = mv;
        this.module = module;
    }

    /** Pushes the instance and {@code index}: the last two arguments of each call here. */
    private void instanceAnd(int index) {
        c.loadInstance();
        c.iconst(index);
    }

    void globalGet(int global) {
        ValueType t = module.allGlobals().get(global).valueType();
        instanceAnd(global);
        if (t.isReference()) {
            // A global keeps a pair: its object, and its number in the value.
            JavaMembers.GLOBAL_GET_REF.call(mv);
            if (I31Pairs.mayHold(t)) {
                instanceAnd(global);
                JavaMembers.GLOBAL_GET.call(mv);
                mv.visitInsn(Opcodes.L2I);
            } else {
                mv.visitInsn(Opcodes.ICONST_0);
            }
            c.push(t);
            return;
        }
        JavaMembers.GLOBAL_GET.call(mv);
        JvmTypes.fromLong(mv, t);
        if (t == ValueType.V128) {
            instanceAnd(global);
            JavaMembers.GLOBAL_GET_HIGH.call(mv);
        }
        c.push(t);
    }

    void globalSet(int global) {
        ValueType t = c.pop();
        if (t.isReference()) {
            if (I31Pairs.mayHold(t)) {
                mv.visitInsn(Opcodes.I2L);
                instanceAnd(global);
                JavaMembers.GLOBAL_SET.call(mv);
            } else {
                mv.visitInsn(Opcodes.POP);
            }
            instanceAnd(global);
            JavaMembers.GLOBAL_SET_REF.call(mv);
            return;
        }
        JvmTypes.toLong(mv, t);
        instanceAnd(global);
        (t == ValueType.V128 ? JavaMembers.GLOBAL_SET_V128 : JavaMembers.GLOBAL_SET).call(mv);
    }

    void tableGet(int table) {
        c.pop();
        instanceAnd(table);
        JavaMembers.TABLE_GET.call(mv);
        ValueType t = module.allTables().get(table).elementType();
        JvmTypes.fromStored(mv, t);
        c.push(t);
    }

    void tableSet(int table) {
        c.pop(2);
        JvmTypes.toStored(mv, module.allTables().get(table).elementType());
        instanceAnd(table);
        JavaMembers.TABLE_SET.call(mv);
    }

    void refFunc(int function) {
        instanceAnd(function);
        JavaMembers.REF_FUNC.call(mv);
        mv.visitInsn(Opcodes.ICONST_0);
        c.push(ValueType.FUNCREF);
    }


}
