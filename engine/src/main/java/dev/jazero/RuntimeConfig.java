package dev.jazero;

import dev.jazero.api.CoreFeatures;
import dev.jazero.experimental.FunctionListenerFactory;
import java.util.Objects;

/**
 * How a {@link Runtime} compiles and runs modules. Immutable: each {@code withX} method returns a
 * changed copy. Like wazero's {@code RuntimeConfig}.
 */
public final class RuntimeConfig {

    /** The largest number of pages a 32-bit memory can have (4 GiB). */
    public static final long MAX_MEMORY_PAGES = 65536;

    private final CoreFeatures coreFeatures;
    private final long memoryLimitPages;
    private final boolean memoryCapacityFromMax;
    private final boolean customSections;
    private final int maxCallDepth;
    private final boolean compiler;
    private final boolean closeOnCancel;
    private final FunctionListenerFactory listenerFactory;
    private final boolean debugInfo;

    private RuntimeConfig(boolean compiler, CoreFeatures coreFeatures, long memoryLimitPages, boolean memoryCapacityFromMax,
            boolean customSections, int maxCallDepth, boolean closeOnCancel, FunctionListenerFactory listenerFactory,
            boolean debugInfo) {
        this.debugInfo = debugInfo;
        this.compiler = compiler;
        this.closeOnCancel = closeOnCancel;
        this.listenerFactory = listenerFactory;
        this.coreFeatures = coreFeatures;
        this.memoryLimitPages = memoryLimitPages;
        this.memoryCapacityFromMax = memoryCapacityFromMax;
        this.customSections = customSections;
        this.maxCallDepth = maxCallDepth;
    }

    /**
     * Returns the default configuration: WebAssembly 2.0 features and the compiler (see
     * {@link #compiler()}), like wazero's {@code NewRuntimeConfig}.
     */
    public static RuntimeConfig defaults() {
        return compiler();
    }

    /**
     * Returns the default configuration with the interpreter as the engine: no bytecode is
     * generated, so modules compile faster and use no metaspace, and run slower.
     */
    public static RuntimeConfig interpreter() {
        return new RuntimeConfig(false, CoreFeatures.V2, MAX_MEMORY_PAGES, false, false, 50_000, false, null, true);
    }

    /**
     * Returns the default configuration with the compiler as the engine: functions become JVM
     * bytecode that HotSpot compiles to machine code, and those it cannot compile yet run in the
     * interpreter (see docs/compiler.md).
     */
    public static RuntimeConfig compiler() {
        return new RuntimeConfig(true, CoreFeatures.V2, MAX_MEMORY_PAGES, false, false, 50_000, false, null, true);
    }

    /** Returns true when the engine is the compiler. */
    public boolean isCompiler() {
        return compiler;
    }

    /** Returns a copy that accepts modules using the given features and no others. */
    public RuntimeConfig withCoreFeatures(CoreFeatures features) {
        return new RuntimeConfig(compiler, Objects.requireNonNull(features), memoryLimitPages, memoryCapacityFromMax,
                customSections, maxCallDepth, closeOnCancel, listenerFactory, debugInfo);
    }

    /**
     * Returns a copy that limits every memory to {@code pages} pages of 64 KiB: a module whose
     * memory declares a larger minimum fails to compile, and {@code memory.grow} past the limit
     * fails (returns -1).
     */
    public RuntimeConfig withMemoryLimitPages(long pages) {
        if (pages < 0 || pages > MAX_MEMORY_PAGES) {
            throw new IllegalArgumentException("memory limit must be between 0 and " + MAX_MEMORY_PAGES + " pages: " + pages);
        }
        return new RuntimeConfig(compiler, coreFeatures, pages, memoryCapacityFromMax, customSections, maxCallDepth, closeOnCancel, listenerFactory, debugInfo);
    }

    /**
     * Returns a copy that reserves a memory's declared maximum up front, so that growing it never
     * copies. Costs memory; off by default.
     */
    public RuntimeConfig withMemoryCapacityFromMax(boolean enabled) {
        return new RuntimeConfig(compiler, coreFeatures, memoryLimitPages, enabled, customSections, maxCallDepth, closeOnCancel, listenerFactory, debugInfo);
    }

    /** Returns a copy that keeps custom sections, for {@link CompiledModule#customSections()}. */
    public RuntimeConfig withCustomSections(boolean enabled) {
        return new RuntimeConfig(compiler, coreFeatures, memoryLimitPages, memoryCapacityFromMax, enabled, maxCallDepth, closeOnCancel, listenerFactory, debugInfo);
    }

    /**
     * Returns a copy that allows at most {@code depth} nested WebAssembly calls; one more is the
     * trap "call stack exhausted".
     */
    public RuntimeConfig withMaxCallDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("call depth must be positive: " + depth);
        }
        return new RuntimeConfig(compiler, coreFeatures, memoryLimitPages, memoryCapacityFromMax, customSections, depth, closeOnCancel, listenerFactory, debugInfo);
    }

    /**
     * Returns a copy in which running calls can be cancelled, like wazero's
     * {@code WithCloseOnContextDone}: by {@link dev.jazero.api.Module#close()} from another
     * thread, by interrupting the calling thread, or by the deadline of
     * {@link dev.jazero.api.Function#call(java.time.Duration, long...)}. The code checks at every
     * loop iteration and function entry, which costs a little speed, so it is off by default. A
     * cancelled call ends with a {@link dev.jazero.sys.ExitException} (the module's exit code, or
     * {@link dev.jazero.sys.ExitException#CONTEXT_CANCELED} for an interrupt and
     * {@link dev.jazero.sys.ExitException#DEADLINE_EXCEEDED} for a deadline), and the module is
     * closed; the runtime stays usable.
     */
    public RuntimeConfig withCloseOnCancel(boolean enabled) {
        return new RuntimeConfig(compiler, coreFeatures, memoryLimitPages, memoryCapacityFromMax, customSections,
                maxCallDepth, enabled, listenerFactory, debugInfo);
    }

    /**
     * Returns a copy whose modules call the listeners that {@code factory} chooses for their
     * functions (experimental; see {@link FunctionListenerFactory}); null for none, the default.
     * A runtime with a factory compiles listening code into every function, which costs speed.
     */
    public RuntimeConfig withFunctionListenerFactory(FunctionListenerFactory factory) {
        return new RuntimeConfig(compiler, coreFeatures, memoryLimitPages, memoryCapacityFromMax, customSections,
                maxCallDepth, closeOnCancel, factory, debugInfo);
    }

    /**
     * Returns a copy that gives trap messages source positions, like wazero's
     * {@code WithDebugInfoEnabled}: when a module carries DWARF line tables (a {@code .debug_line}
     * custom section, as {@code clang -g} and other LLVM-based compilers emit), each frame of a
     * trap's WebAssembly stack trace is followed by its {@code file:line:column}. On by default,
     * as in wazero. It costs nothing to run: a compiled module keeps the bytes of
     * {@code .debug_line} and of the string sections it refers to ({@code .debug_line_str},
     * {@code .debug_str}), not the rest of the debug information, and reads them into a table the
     * first time one of its traps is reported. Turn it off to drop those bytes too.
     */
    public RuntimeConfig withDebugInfoEnabled(boolean enabled) {
        return new RuntimeConfig(compiler, coreFeatures, memoryLimitPages, memoryCapacityFromMax, customSections,
                maxCallDepth, closeOnCancel, listenerFactory, enabled);
    }

    /** Returns whether trap messages show source positions from DWARF line tables. */
    public boolean debugInfoEnabled() {
        return debugInfo;
    }

    /** Returns the function listener factory, or null. */
    public FunctionListenerFactory functionListenerFactory() {
        return listenerFactory;
    }

    /** Returns whether running calls can be cancelled. */
    public boolean closeOnCancel() {
        return closeOnCancel;
    }

    /** Returns the enabled core features. */
    public CoreFeatures coreFeatures() {
        return coreFeatures;
    }

    /** Returns the memory limit in pages. */
    public long memoryLimitPages() {
        return memoryLimitPages;
    }

    /** Returns whether memories reserve their maximum up front. */
    public boolean memoryCapacityFromMax() {
        return memoryCapacityFromMax;
    }

    /** Returns whether custom sections are kept. */
    public boolean customSections() {
        return customSections;
    }

    /** Returns the largest number of nested WebAssembly calls. */
    public int maxCallDepth() {
        return maxCallDepth;
    }
}
