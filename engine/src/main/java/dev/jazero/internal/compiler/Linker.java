package dev.jazero.internal.compiler;

import dev.jazero.api.ValueType;
import dev.jazero.internal.runtime.FunctionInstance;
import dev.jazero.internal.runtime.ModuleInstance;
import dev.jazero.internal.wasm.FuncType;
import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.objectweb.asm.Handle;

/**
 * Links calls between the functions of one module. Each function is a class of its own, defined
 * when first needed, so that a class names no other; a call to another function is an
 * {@code invokedynamic} whose bootstrap binds it, once, to a constant call site on the target's
 * method handle (generating the target first if nothing has called it yet), which the JIT then
 * inlines like a direct call. A target that runs in the interpreter gets a slower adapter
 * through the engine.
 */
public final class Linker {

    static final Handle BOOTSTRAP = JavaMembers.LINKER_BOOTSTRAP.handle();

    private static final MethodHandle SLOW_CALL;

    static {
        try {
            SLOW_CALL = MethodHandles.lookup().findStatic(Linker.class, "slowCall",
                    MethodType.methodType(Object.class, int.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Linker() {
    }

    /** The bootstrap of calls between a module's classes. */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int function)
            throws Throwable {
        // Defines the target's class if this is the first call into it.
        CompiledClasses classes = CompiledLoader.classesOf(caller);
        MethodHandle target = classes.handle(function);
        if (target == null) {
            target = MethodHandles.insertArguments(SLOW_CALL, 0, function)
                    .asCollector(Object[].class, type.parameterCount())
                    .asType(type);
        }
        return new ConstantCallSite(target);
    }

    /**
     * A call to a function of the caller's module that runs in the interpreter: arguments boxed
     * (a v128 as two longs, as it is two slots; a reference as its pair's object and number), then
     * the module instance, as the compiled calling convention has them.
     */
    private static Object slowCall(int function, Object[] arguments) {
        ModuleInstance instance = (ModuleInstance) arguments[arguments.length - 1];
        FunctionInstance target = instance.functions[function];
        FuncType type = target.type;
        int size = Math.max(type.paramSlots(), type.resultSlots());
        long[] stack = new long[size];
        Object[] refs = type.hasReferences() ? new Object[size] : null;
        // One JVM argument per slot, and a reference's pair two: its object and its number.
        int slot = 0;
        int argument = 0;
        for (ValueType t : type.params()) {
            for (int half = 0; half < t.slots(); half++, slot++) {
                switch (t.kind()) {
                    case REF -> {
                        refs[slot] = arguments[argument++];
                        stack[slot] = (Integer) arguments[argument];
                    }
                    case I32 -> stack[slot] = (Integer) arguments[argument];
                    case F32 -> stack[slot] = Float.floatToRawIntBits((Float) arguments[argument]);
                    case F64 -> stack[slot] = Double.doubleToRawLongBits((Double) arguments[argument]);
                    default -> stack[slot] = (Long) arguments[argument];
                }
                argument++;
            }
        }
        CompiledSupport.invoke(target, stack, refs, instance);
        ValueType[] results = type.results();
        if (results.length == 0) {
            return null;
        }
        if (!JvmTypes.returnsValue(type)) {
            System.arraycopy(stack, 0, instance.results, 0, type.resultSlots());
            if (refs != null) {
                System.arraycopy(refs, 0, instance.refResults, 0, type.resultSlots());
            }
            return null;
        }
        return switch (results[0].kind()) {
            case REF -> {
                // The object is the result; the number goes where callers read it.
                if (JvmTypes.returnsNumber(type)) {
                    instance.results[0] = stack[0];
                }
                yield refs[0];
            }
            case I32 -> (int) stack[0];
            case F32 -> Float.intBitsToFloat((int) stack[0]);
            case F64 -> Double.longBitsToDouble(stack[0]);
            default -> stack[0];
        };
    }
}
