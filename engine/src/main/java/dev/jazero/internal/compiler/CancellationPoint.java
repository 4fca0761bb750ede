package dev.jazero.internal.compiler;

import dev.jazero.internal.runtime.Cancellation;
import dev.jazero.internal.runtime.ModuleInstance;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import org.objectweb.asm.Handle;

/**
 * Where a module's cancellable compiled code checks for cancellation: every loop header and
 * function entry is an {@code invokedynamic} bound to one of this module's two call sites, one
 * for loop headers and one for function entries. While no running call of the module is
 * cancelled, their targets do nothing, and HotSpot inlines them to nothing, with a dependency on
 * the target. Cancelling a running call points the loop site at a real check, which makes
 * HotSpot deoptimize every compiled method of the module that has a loop at its next safepoint
 * poll (a loop's back branch has one); the interpreted frames then make the check and stop.
 * {@link #ENTRY_GRACE} later, if the call still runs, the entry site checks too, for recursion
 * without loops. When the cancelled calls have ended, both sites do nothing again.
 *
 * <p>Why the entries wait: deoptimizing a method deoptimizes every frame of it on the stack, and
 * an exception then unwinds through each of them at a few microseconds apiece. A runaway
 * recursion without loops, millions of frames deep on a large stack, took tens of seconds to
 * unwind after a cancellation that way; left alone, it reaches the end of its stack and the trap
 * "call stack exhausted" first, in about 75 ms on an 8 MiB stack, and unwinds without
 * deoptimization. A long shallow recursion (such as a naive {@code fib}) still stops, by the
 * entry check, one grace later; its few frames unwind at once.
 *
 * <p>Each change deoptimizes the module's methods, and HotSpot stops compiling a method that
 * was deoptimized too often ({@code PerMethodRecompilationCutoff}, 400). After
 * {@link #INVALIDATION_LIMIT} cancellations the checks therefore stay: a countdown in the
 * instance that reads the flag every 1,024th time (see docs/architecture.md).
 */
public final class CancellationPoint implements dev.jazero.internal.runtime.CancellationHook {

    static final Handle BOOTSTRAP = JavaMembers.CANCELLATION_BOOTSTRAP.handle();

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

    /** The name of the check at function entries; the loop headers' is any other. */
    static final String ENTRY = "entry";

    private final MutableCallSite loops = new MutableCallSite(NOTHING);
    private final MutableCallSite entries = new MutableCallSite(NOTHING);
    /** Instances whose cancelled calls may still be running. Guarded by this. */
    private int holders;
    /** How often the check was put in place. Guarded by this. */
    private int invalidations;
    /** How often the entry check was put in place. Guarded by this. */
    private int entryInvalidations;

    /** The bootstrap of the check: the call site of the caller's module, by the check's name. */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type)
            throws IllegalAccessException {
        CancellationPoint point = CompiledLoader.classesOf(caller).cancellation();
        return name.equals(ENTRY) ? point.entries : point.loops;
    }

    /**
     * A call that may be running the module's code was cancelled: the loop check is in place when
     * this returns, and every frame of the module's code with a loop has made it or will make it
     * next. Past the limit, the entry check too.
     */
    @Override
    public synchronized void hold() {
        holders++;
        if (loops.getTarget() == NOTHING) {
            invalidations++;
            point(loops, CHECK);
            if (invalidations >= INVALIDATION_LIMIT) {
                checkEntries();
            }
        }
    }

    /** The cancelled calls still run after {@link #ENTRY_GRACE}: function entries check too. */
    @Override
    public synchronized void holdEntries() {
        if (holders > 0) {
            checkEntries();
        }
    }

    private void checkEntries() {
        if (entries.getTarget() == NOTHING) {
            entryInvalidations++;
            point(entries, CHECK);
        }
    }

    /** A cancelled call ended: when it was the last, the checks go again (until the limit). */
    @Override
    public synchronized void release() {
        if (--holders == 0 && invalidations < INVALIDATION_LIMIT) {
            point(loops, NOTHING);
            point(entries, NOTHING);
        }
    }

    private static void point(MutableCallSite site, MethodHandle target) {
        if (site.getTarget() != target) {
            site.setTarget(target);
            // Code that reads the target (the JVM's interpreter) sees the change now too.
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }

    /** How often the check was put in place; for tests. */
    public synchronized int invalidations() {
        return invalidations;
    }

    /** Whether loop headers check now; for tests. */
    public synchronized boolean isChecking() {
        return loops.getTarget() == CHECK;
    }

    /** How often the entry check was put in place; for tests. */
    public synchronized int entryInvalidations() {
        return entryInvalidations;
    }
}
