package dev.jazero.internal.runtime;

import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Global;
import dev.jazero.api.Memory;
import dev.jazero.api.MemoryDefinition;
import dev.jazero.api.Module;
import dev.jazero.internal.wasm.Export;
import dev.jazero.internal.wasm.ExternKind;
import dev.jazero.sys.ExitException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instantiated module: its functions, tables, memories and globals (imported ones shared with
 * their owners), and its segments. The fields are public for the execution engines.
 */
public final class ModuleInstance implements Module {

    final RuntimeImpl runtime;
    final CompiledModuleImpl compiled;
    private final String name;

    public FunctionInstance[] functions;
    public TableInstance[] tables;
    public MemoryInstance[] memories;
    /** The first memory, or null: the one WebAssembly 2.0 instructions use. */
    public MemoryInstance memory0;
    /** The memory host functions use ({@link #memory()}), chosen once at instantiation. */
    MemoryInstance hostMemory;
    public GlobalInstance[] globals;
    /** The tags, imported and defined. */
    public TagInstance[] tags;
    /** The runtime-wide type number of each of the module's types. */
    public int[] typeIds;
    /** Each struct and array type of the module as its objects use it; null for function types. */
    public GcType[] gcTypes;
    /** Element segments' values; an empty array once dropped. */
    public Object[][] elements;
    /** Data segments' bytes; an empty array once dropped. */
    public byte[][] datas;
    /**
     * Where compiled functions whose results take more than one slot (several results, or a
     * v128) leave them for their caller, in slots as on the engine's stack.
     */
    public long[] results;
    /**
     * The references among the results in {@link #results}, at their slots; null when no
     * function type of the module has references.
     */
    public Object[] refResults;
    /**
     * A tail call that compiled code left for its caller's loop to make (see
     * {@code CompiledSupport.finishTailCalls}): the function, or null when none is pending; its
     * arguments are in {@link #tailStack}, which is large enough for any type of the module.
     */
    public FunctionInstance tailCallee;
    /** The arguments of {@link #tailCallee}, in the engine's stack convention. */
    public long[] tailStack;
    /** The references among the arguments in {@link #tailStack}, at their slots; null as {@link #refResults}. */
    public Object[] tailRefs;
    /**
     * What the tail call loop passes the callee: the arguments copied from {@link #tailStack},
     * then its results. Apart, because the callee may leave a tail call of its own in
     * {@link #tailStack} before it returns.
     */
    public long[] tailCallStack;
    /** The references beside {@link #tailCallStack}; null as {@link #refResults}. */
    public Object[] tailCallRefs;
    /**
     * The frames that the last calls of functions split in compiled code gave back, two slots per
     * function (its {@code long[]}, its references' {@code Object[]}), or null; null until a split
     * function first returns ({@code compiler.SplitFrames}).
     */
    public volatile Object[] splitFrames;
    /**
     * Where the interpreter's sampled code reports hot functions in the compiler tier
     * ({@link TierUp}); null when the interpreter runs everything, or when the compiler tier
     * compiles each function at its first call or up front (no tiered compilation).
     */
    public TierUp tierUp;
    /** Set when the module is closed with cancellation on, so that code running in it stops. */
    public volatile boolean cancelled;
    /**
     * Cancellable compiled code's count of checks left before it reads {@link #cancelled}, while
     * its module's {@link CancellationPoint} checks (see {@link Cancellation#countDown}). Plain,
     * and racy when threads share the instance: a lost update only moves the next read.
     */
    public int checksBeforeRead;
    /** The configuration it was instantiated with, for system interfaces such as WASI. */
    public dev.jazero.ModuleConfig config = dev.jazero.ModuleConfig.defaults();

    private final Map<String, Export> exports = new LinkedHashMap<>();
    private final Map<String, Function> functionCache = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile int exitCode;
    /** Calls into this instance from outside Wasm (the embedder, host functions) that are running. */
    private final AtomicInteger runningCalls = new AtomicInteger();
    /**
     * Set when another instance imports from this one, or this one imports a table or a reference
     * global, so that its code may run in calls made to other instances. Guarded by this.
     */
    private boolean linked;
    /** Whether this instance's cancellation holds its compiled module's check in place. Guarded by this. */
    private boolean holdsCheck;

    ModuleInstance(RuntimeImpl runtime, CompiledModuleImpl compiled, String name) {
        this.runtime = runtime;
        this.compiled = compiled;
        this.name = name;
        for (Export e : compiled.module.exports) {
            exports.put(e.name(), e);
        }
    }

    public RuntimeImpl runtime() {
        return runtime;
    }

    /** The internal code of a defined function (an index of the function space), made again if it was not kept. */
    public dev.jazero.internal.ir.IrFunction internalCode(int function) {
        return compiled.internalCode(function - compiled.module.importedFunctionCount());
    }

    @Override
    public String name() {
        return name;
    }

    /** Returns the export with that name, or null. */
    public Export export(String exportName) {
        return exports.get(exportName);
    }

    @Override
    public Function exportedFunction(String exportName) {
        Export e = exports.get(exportName);
        if (e == null || e.kind() != ExternKind.FUNC) {
            return null;
        }
        return functionCache.computeIfAbsent(exportName, n -> new ExportedFunction(this, functions[e.index()]));
    }

    @Override
    public Map<String, FunctionDefinition> exportedFunctionDefinitions() {
        return compiled.exportedFunctions();
    }

    @Override
    public Memory exportedMemory(String exportName) {
        Export e = exports.get(exportName);
        return e == null || e.kind() != ExternKind.MEMORY ? null : memories[e.index()];
    }

    @Override
    public Map<String, MemoryDefinition> exportedMemoryDefinitions() {
        return compiled.exportedMemories();
    }

    @Override
    public Global exportedGlobal(String exportName) {
        Export e = exports.get(exportName);
        return e == null || e.kind() != ExternKind.GLOBAL ? null : globals[e.index()];
    }

    @Override
    public dev.jazero.api.Tag exportedTag(String exportName) {
        Export e = exports.get(exportName);
        return e == null || e.kind() != ExternKind.TAG ? null : tags[e.index()];
    }

    @Override
    public Memory memory() {
        return hostMemory;
    }

    /** Chooses {@link #memory()}: with several memories, the one exported as {@code memory}, else the first. */
    void chooseHostMemory() {
        Memory named = memories.length > 1 ? exportedMemory("memory") : null;
        hostMemory = named != null ? (MemoryInstance) named : memory0;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The exit code given when the module was closed. */
    public int exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        closeWithExitCode(0);
    }

    @Override
    public void closeWithExitCode(int code) {
        if (closed) {
            return;
        }
        exitCode = code;
        closed = true;
        if (runtime.config().closeOnCancel()) {
            cancelled = true;
            // After setting the flag: a call that starts now sees it (enterCall).
            holdCheckIfRunning();
        }
        runtime.removeModule(this);
    }

    /**
     * Marks the start of a call into this instance from outside Wasm, with cancellation on; the
     * caller calls {@link #exitCall} when it ends, however it ends.
     *
     * @throws ExitException when the instance is closed
     */
    void enterCall() {
        runningCalls.incrementAndGet();
        // After counting the call: a close from now on sees it (closeWithExitCode).
        if (cancelled) {
            exitCall();
            throw new ExitException(exitCode, name);
        }
    }

    void exitCall() {
        if (runningCalls.decrementAndGet() == 0 && cancelled) {
            releaseCheck();
        }
    }

    /** Another instance imports from this one, or this one shares a table or reference global. */
    synchronized void markLinked() {
        linked = true;
    }

    /**
     * With compiled code, cancels the calls that may be running it: a linked instance's code may
     * run in any call, even after it is closed, so its check stays for good. A host function
     * that closes the module of the one call running, on its own thread (WASI's
     * {@code proc_exit}), needs no check: compiled code stops when the host function returns
     * ({@link Cancellation#afterHostCall}).
     */
    private synchronized void holdCheckIfRunning() {
        CancellationHook point = compiled.compiledCode == null ? null : compiled.compiledCode.cancellation();
        if (point == null || holdsCheck) {
            return;
        }
        int running = runningCalls.get();
        if (!linked && (running == 0 || running == 1 && runtime.innermostCall(Thread.currentThread()) == this)) {
            return;
        }
        holdsCheck = true;
        point.hold();
        if (!runtime.scheduleIfOpen(this::holdEntryChecks, CancellationHook.ENTRY_GRACE)) {
            // The runtime is closing, and its timer with it: no grace.
            point.holdEntries();
        }
        if (!linked && runningCalls.get() == 0) {
            // The calls ended before the check was in place, and none released it.
            releaseCheck();
        }
    }

    /** The grace after a cancellation has passed: if this instance still holds the check, entries check too. */
    private synchronized void holdEntryChecks() {
        if (holdsCheck) {
            compiled.compiledCode.cancellation().holdEntries();
        }
    }

    private synchronized void releaseCheck() {
        if (holdsCheck && !linked && runningCalls.get() == 0) {
            holdsCheck = false;
            compiled.compiledCode.cancellation().release();
        }
    }

    @Override
    public String toString() {
        return "Module[" + name + "]";
    }
}
