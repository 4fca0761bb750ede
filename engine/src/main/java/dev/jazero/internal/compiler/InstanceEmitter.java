package dev.jazero.internal.compiler;

import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.WasmModule;
import org.objectweb.asm.MethodVisitor;

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
            JavaMembers.GLOBAL_GET_REF.call(mv);
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
        c.push(module.allTables().get(table).elementType());
    }

    void tableSet(int table) {
        c.pop(2);
        instanceAnd(table);
        JavaMembers.TABLE_SET.call(mv);
    }

    void refFunc(int function) {
        instanceAnd(function);
        JavaMembers.REF_FUNC.call(mv);
        c.push(ValueType.FUNCREF);
    }


}
