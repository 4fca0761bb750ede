package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.WasmModule;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the calls of one function: to a function of its own module straight into that
 * function's method (an {@code invokestatic} to itself, else an {@code invokedynamic} that
 * {@link Linker} binds); to imports and through tables by way of the callee's
 * {@code FunctionInstance}, into its compiled method when it has one, else through the engine.
 */
final class CallEmitter {

    private final FunctionCompiler c;
    private final MethodVisitor mv;
    private final WasmModule module;
    private final int functionIndex;
    private final String className;
    private final CodeOptions options;

    CallEmitter(FunctionCompiler c, MethodVisitor mv, WasmModule module, int functionIndex, String className,
            CodeOptions options) {
        this.c = c;
        this.mv = mv;
        this.module = module;
        this.functionIndex = functionIndex;
        this.className = className;
        this.options = options;
    }

    /** A call of function {@code function} of the module's index space. */
    void call(int function) {
        FuncType callee = module.functionType(function);
        if (function >= module.importedFunctionCount() && JvmTypes.fitsJvmMethod(callee)) {
            c.loadInstance();
            if (function == functionIndex && c.callsItselfDirectly()) {
                mv.visitMethodInsn(INVOKESTATIC, className, ModuleCompiler.methodName(function), JvmTypes.descriptor(callee), false);
            } else {
                // Every function has a class of its own: linked on first call to a constant call
                // site, which generates the callee if nothing has called it yet.
                mv.visitInvokeDynamicInsn(ModuleCompiler.methodName(function), JvmTypes.descriptor(callee), Linker.BOOTSTRAP, function);
            }
            c.pop(callee.params().length);
            pushResults(callee);
            return;
        }
        int[] args = storeArguments(callee);
        c.loadInstance();
        c.iconst(function);
        JavaMembers.SUPPORT_FUNCTION.call(mv);
        callFunctionInstance(callee, args);
    }

    /** A {@code call_indirect} of type {@code typeIndex} through table {@code table}. */
    void callIndirect(int typeIndex, int table) {
        FuncType callee = module.funcType(typeIndex);
        int[] args = indirectCallee(callee, typeIndex, table);
        callFunctionInstance(callee, args);
    }

    /**
     * With an int table index on top and the arguments under it: moves the arguments into new
     * locals (returned), and pushes the FunctionInstance at the index, its type checked.
     */
    private int[] indirectCallee(FuncType callee, int typeIndex, int table) {
        c.pop();
        int index = c.newLocal(ValueType.I32);
        mv.visitVarInsn(ISTORE, index);
        int[] args = storeArguments(callee);
        c.loadInstance();
        c.iconst(table);
        c.iconst(typeIndex);
        mv.visitVarInsn(ILOAD, index);
        JavaMembers.SUPPORT_INDIRECT.call(mv);
        return args;
    }

    /** A {@code call_ref} of type {@code typeIndex}: the reference on top, the arguments under it. */
    void callRef(int typeIndex) {
        FuncType callee = module.funcType(typeIndex);
        int[] args = referencedCallee(callee);
        callFunctionInstance(callee, args);
    }

    /** A {@code return_call_ref}, left pending as {@link #leaveTailCall}. */
    void leaveTailCallRef(int typeIndex) {
        FuncType callee = module.funcType(typeIndex);
        leave(callee, referencedCallee(callee));
    }

    /**
     * With a function reference on top and the arguments under it: moves the arguments into new
     * locals (returned), and pushes the FunctionInstance referred to, trapping on null.
     */
    private int[] referencedCallee(FuncType callee) {
        c.pop();
        mv.visitInsn(POP);
        int ref = c.newLocal(ValueType.FUNCREF);
        mv.visitVarInsn(ASTORE, ref);
        int[] args = storeArguments(callee);
        mv.visitVarInsn(ALOAD, ref);
        JavaMembers.REFERENCED_FUNCTION.call(mv);
        return args;
    }

    /** Moves the call's arguments from the stack into new locals, returned in order. */
    private int[] storeArguments(FuncType callee) {
        int[] temps = c.spill(callee.params());
        c.pop(callee.params().length);
        return temps;
    }

    /**
     * A tail call of function {@code function} that the function's method makes once this body
     * returns: the arguments into the instance's tail call stack, the callee into its
     * {@code tailCallee} ({@code CompiledSupport.finishTailCalls}).
     */
    void leaveTailCall(int function) {
        FuncType callee = module.functionType(function);
        int[] args = storeArguments(callee);
        c.loadInstance();
        c.iconst(function);
        JavaMembers.SUPPORT_FUNCTION.call(mv);
        leave(callee, args);
    }

    /** A tail call through a table, left pending as {@link #leaveTailCall}; the index on top is an int. */
    void leaveTailCallIndirect(int typeIndex, int table) {
        FuncType callee = module.funcType(typeIndex);
        leave(callee, indirectCallee(callee, typeIndex, table));
    }

    /**
     * With the callee's FunctionInstance on the stack: the arguments in locals {@code args} into
     * the instance's tail call stack, and the callee into its {@code tailCallee}.
     */
    private void leave(FuncType callee, int[] args) {
        c.loadInstance();
        JavaMembers.INSTANCE_TAIL_STACK.get(mv);
        c.storeSlots(callee.params(), args);
        mv.visitInsn(POP);
        if (JvmTypes.anyReference(callee.params())) {
            c.loadInstance();
            JavaMembers.INSTANCE_TAIL_REFS.get(mv);
            JvmTypes.storeReferenceSlots(mv, callee.params(), args);
            mv.visitInsn(POP);
        }
        c.loadInstance();
        JavaMembers.LEAVE_TAIL_CALL.call(mv);
    }

    /**
     * With a FunctionInstance on the stack, calls it with the arguments in {@code args} and
     * pushes its results: straight into its compiled method when it has one (any module's), else
     * through the engine with the stack convention (host functions, interpreted functions).
     */
    private void callFunctionInstance(FuncType callee, int[] args) {
        int target = c.newReferenceLocal();
        mv.visitVarInsn(ASTORE, target);
        Label done = new Label();
        if (JvmTypes.fitsJvmMethod(callee)) {
            callCompiled(callee, args, target, done);
        }
        callGeneric(callee, args, target);
        mv.visitLabel(done);
        for (ValueType t : callee.results()) {
            c.push(t);
        }
    }

    /**
     * When the FunctionInstance in local {@code target} has a compiled method, calls it, pushes
     * the results and jumps to {@code done}; else goes on.
     */
    private void callCompiled(FuncType callee, int[] args, int target, Label done) {
        ValueType[] params = callee.params();
        Label generic = new Label();
        mv.visitVarInsn(ALOAD, target);
        JavaMembers.FUNCTION_HANDLE.get(mv);
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, generic);
        for (int i = 0; i < params.length; i++) {
            c.load(params[i], args[i]);
        }
        mv.visitVarInsn(ALOAD, target);
        JavaMembers.FUNCTION_MODULE.get(mv);
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", JvmTypes.descriptor(callee), false);
        ValueType[] results = callee.results();
        if (results.length > 0 && !JvmTypes.returnsValue(callee)) {
            int module = c.newReferenceLocal();
            mv.visitVarInsn(ALOAD, target);
            JavaMembers.FUNCTION_MODULE.get(mv);
            mv.visitVarInsn(ASTORE, module);
            loadBufferedResults(results, module);
        } else if (results.length > 0 && results[0].isReference()) {
            pushNumber(callee, () -> {
                mv.visitVarInsn(ALOAD, target);
                JavaMembers.FUNCTION_MODULE.get(mv);
            });
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(generic);
        mv.visitInsn(POP);
    }

    /** Calls the FunctionInstance in local {@code target} through the engine, and pushes the results. */
    private void callGeneric(FuncType callee, int[] args, int target) {
        int array = c.newReferenceLocal();
        int size = Math.max(callee.paramSlots(), callee.resultSlots());
        c.iconst(size);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        c.storeSlots(callee.params(), args);
        mv.visitVarInsn(ASTORE, array);
        int refs = -1;
        if (callee.hasReferences()) {
            refs = c.newReferenceLocal();
            c.iconst(size);
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            JvmTypes.storeReferenceSlots(mv, callee.params(), args);
            mv.visitVarInsn(ASTORE, refs);
        }
        mv.visitVarInsn(ALOAD, target);
        mv.visitVarInsn(ALOAD, array);
        if (refs >= 0) {
            mv.visitVarInsn(ALOAD, refs);
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        c.loadInstance();
        JavaMembers.SUPPORT_INVOKE.call(mv);
        if (options.cancellable()) {
            // The callee may be a host function that closed this module (see Cancellation.afterHostCall).
            c.loadInstance();
            JavaMembers.AFTER_HOST_CALL.call(mv);
        }
        JvmTypes.loadSlots(mv, callee.results(), array, refs);
    }

    /** After a call into this module's code: the results, from the result buffers when they are there. */
    private void pushResults(FuncType callee) {
        ValueType[] results = callee.results();
        if (results.length > 0 && !JvmTypes.returnsValue(callee)) {
            int module = c.newReferenceLocal();
            c.loadInstance();
            mv.visitVarInsn(ASTORE, module);
            loadBufferedResults(results, module);
        } else if (results.length > 0 && results[0].isReference()) {
            pushNumber(callee, c::loadInstance);
        }
        for (ValueType t : results) {
            c.push(t);
        }
    }

    /**
     * After a method returned a reference's object: pushes the number of its pair, from the
     * {@code results[0]} of the callee's instance, which {@code loadCalleeInstance} pushes, when
     * the type may be an {@code i31} ({@link JvmTypes#returnsNumber}); else 0, which nothing reads.
     */
    private void pushNumber(FuncType callee, Runnable loadCalleeInstance) {
        if (!JvmTypes.returnsNumber(callee)) {
            mv.visitInsn(ICONST_0);
            return;
        }
        loadCalleeInstance.run();
        JavaMembers.INSTANCE_RESULTS.get(mv);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(LALOAD);
        mv.visitInsn(L2I);
    }

    /**
     * Pushes results that a method left in the result buffers of the instance in local
     * {@code module}, clearing the references it read there.
     */
    private void loadBufferedResults(ValueType[] results, int module) {
        int array = c.newReferenceLocal();
        mv.visitVarInsn(ALOAD, module);
        JavaMembers.INSTANCE_RESULTS.get(mv);
        mv.visitVarInsn(ASTORE, array);
        int refs = -1;
        if (JvmTypes.anyReference(results)) {
            refs = c.newReferenceLocal();
            mv.visitVarInsn(ALOAD, module);
            JavaMembers.INSTANCE_REF_RESULTS.get(mv);
            mv.visitVarInsn(ASTORE, refs);
        }
        JvmTypes.loadSlots(mv, results, array, refs);
        if (refs >= 0) {
            ModuleCompiler.clearReferenceSlots(mv, module, results);
        }
    }
}
