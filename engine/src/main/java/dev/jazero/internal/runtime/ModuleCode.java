package dev.jazero.internal.runtime;

import java.lang.invoke.MethodHandle;

/**
 * A tier's code for one compiled module (from {@link Engine#prepare}), shared by its instances
 * and safe to use from any thread: what a new instance's functions start with, and where their
 * running calls are cancelled.
 */
public interface ModuleCode {

    /**
     * The entry into function {@code function}'s compiled code (an index of the function index
     * space) for a new instance, or null when it runs in the interpreter.
     */
    CompiledCode entry(int function);

    /** The compiled method of {@code function}, once its code is defined; else null. */
    MethodHandle entryHandle(int function);

    /** Whether {@code function}'s code was generated already: its internal code is then not needed. */
    boolean isGenerated(int function);

    /** Whether {@code function} is compiled (generating its code now if needed). */
    boolean isCompiled(int function);

    /**
     * Where the interpreter reports the module's hot functions, when its functions start in the
     * interpreter and are compiled once hot; else null.
     */
    default TierUp tierUp() {
        return null;
    }

    /** Where the module's running calls are cancelled. */
    CancellationHook cancellation();

    /**
     * What makes the structs of struct type {@code type} (a type index of the module) so that the
     * module's compiled code reads their fields directly, or null for {@link SlotStruct}s.
     */
    default java.util.function.Function<GcType, StructInstance> structFactory(int type) {
        return null;
    }
}
