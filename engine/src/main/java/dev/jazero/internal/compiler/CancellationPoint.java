package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.ModuleInstance;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

/**
 * Where a module's cancellable compiled code checks for cancellation: every function entry and
 * loop header is an {@code invokedynamic} bound to this one call site. While no running call of
 * the module is cancelled, its target does nothing, and HotSpot inlines it to nothing, with a
 * dependency on the target. Cancelling a running call points the site at a real check, which
 * makes HotSpot deoptimize every compiled method of the module at its next safepoint poll (a
 * loop's back branch has one); the interpreted frames then make the check and stop. When the
 * cancelled calls have ended, the site does nothing again.
 *
 * <p>Each change deoptimizes the module's methods, and HotSpot stops compiling a method that
 * was deoptimized too often ({@code PerMethodRecompilationCutoff}, 400). After
 * {@link #INVALIDATION_LIMIT} cancellations the check therefore stays: a countdown in the
 * instance that reads the flag every 1,024th time (see docs/architecture.md).
 */
public final class CancellationPoint {

    static final Handle BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, "dev/jazero/internal/compiler/CancellationPoint",
            "bootstrap", MethodType.methodType(CallSite.class, MethodHandles.Lookup.class, String.class, MethodType.class)
                    .toMethodDescriptorString(), false);

    /** Cancellations of running calls after which the check stays. */
    public static final int INVALIDATION_LIMIT = 32;

    private static final MethodType TYPE = MethodType.methodType(void.class, ModuleInstance.class);
    private static final MethodHandle NOTHING = MethodHandles.empty(TYPE);
    private static final MethodHandle CHECK;

    static {
        try {
            CHECK = MethodHandles.lookup().findStatic(Cancellation.class, "countDown", TYPE);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MutableCallSite site = new MutableCallSite(NOTHING);
    /** Instances whose cancelled calls may still be running. Guarded by this. */
    private int holders;
    /** How often the check was put in place. Guarded by this. */
    private int invalidations;

    /** The bootstrap of the check: the call site of the caller's module. */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type)
            throws IllegalAccessException {
        CompiledClasses classes = MethodHandles.classData(caller, java.lang.constant.ConstantDescs.DEFAULT_NAME,
                CompiledClasses.class);
        return classes.cancellationPoint().site;
    }

    /**
     * A call that may be running the module's code was cancelled: the check is in place when
     * this returns, and every frame of the module's code has made it or will make it next.
     */
    public synchronized void hold() {
        holders++;
        if (site.getTarget() == NOTHING) {
            invalidations++;
            site.setTarget(CHECK);
            // Code that reads the target (the JVM's interpreter) sees the change now too.
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }

    /** A cancelled call ended: when it was the last, the check goes again (until the limit). */
    public synchronized void release() {
        if (--holders == 0 && invalidations < INVALIDATION_LIMIT) {
            site.setTarget(NOTHING);
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }

    /** How often the check was put in place; for tests. */
    public synchronized int invalidations() {
        return invalidations;
    }

    /** Whether the code checks now; for tests. */
    public synchronized boolean isChecking() {
        return site.getTarget() == CHECK;
    }
}
