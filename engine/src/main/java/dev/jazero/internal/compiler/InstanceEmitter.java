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
        JvmTypes.toLong(mv, t);
        instanceAnd(global);
        (t == ValueType.V128 ? JavaMembers.GLOBAL_SET_V128 : JavaMembers.GLOBAL_SET).call(mv);
    }


}
