package dev.jazero;

import dev.jazero.api.CoreFeatures;
import dev.jazero.experimental.FunctionListenerFactory;
import java.util.Objects;

/**
 * How a {@link Runtime} compiles and runs modules. Immutable: each {@code withX} method returns a
 * changed copy. Like wazero's {@code RuntimeConfig}.
 */
public final class RuntimeConfig {

    /** The largest number of pages a 32-bit memory can have (4 GiB), and the default memory limit. */
    public static final long MAX_MEMORY_PAGES = 65536;

    /**
     * The largest memory limit a runtime accepts, in pages: 2^48, all that a 64-bit memory can
     * address. A 32-bit memory stops at {@link #MAX_MEMORY_PAGES} whatever the limit; a 64-bit
     * one may grow up to the limit, as far as the JVM's heap holds it.
     */
    public static final long MAX_MEMORY64_PAGES = 1L << 48;

    /** The default limit on a table's elements (a table is a Java array: 10,000,000 take 40 to 80 MB). */
    public static final long DEFAULT_TABLE_LIMIT_ELEMENTS = 10_000_000;

    /** The largest table limit a runtime accepts: the largest Java array. */
    public static final long MAX_TABLE_LIMIT_ELEMENTS = Integer.MAX_VALUE - 8;

    /**
     * The settings, written only while a copy is made: reached through a final field, they are
     * safely published with the config, whichever thread reads it.
     */
    private static final class Settings implements Cloneable {
        boolean compiler;
        CoreFeatures coreFeatures = CoreFeatures.V3;
        long memoryLimitPages = MAX_MEMORY_PAGES;
        long tableLimitElements = DEFAULT_TABLE_LIMIT_ELEMENTS;
        boolean memoryCapacityFromMax;
        boolean customSections;
        int maxCallDepth = 50_000;
        boolean closeOnCancel;
        FunctionListenerFactory listenerFactory;
        CompilationCache compilationCache;
        boolean debugInfo = true;
        boolean canonicalNaNs;
        boolean tieredCompilation;

        @Override
        protected Settings clone() {
            try {
                return (Settings) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Settings s;

    private RuntimeConfig(Settings settings) {
        this.s = settings;
    }

    /** Returns a copy with one change. */
    private RuntimeConfig with(java.util.function.Consumer<Settings> change) {
        Settings copy = s.clone();
        change.accept(copy);
        return new RuntimeConfig(copy);
    }

    /**
     * Returns the default configuration: WebAssembly 3.0's features that Jazero has
     * ({@link CoreFeatures#V3}) and the compiler (see
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
        return new RuntimeConfig(new Settings());
    }

    /**
     * Returns the default configuration with the compiler as the engine: functions become JVM
     * bytecode that HotSpot compiles to machine code, and those it cannot compile yet run in the
     * interpreter (see docs/compiler.md).
     */
    public static RuntimeConfig compiler() {
        Settings settings = new Settings();
        settings.compiler = true;
        return new RuntimeConfig(settings);
    }

    /** Returns true when the engine is the compiler. */
    public boolean isCompiler() {
        return s.compiler;
    }

    /**
     * Returns a copy that accepts modules using the given features and no others;
     * {@link CoreFeatures#V3} by default, {@link CoreFeatures#V2} for WebAssembly 2.0's rules exactly.
     */
    public RuntimeConfig withCoreFeatures(CoreFeatures features) {
        return with(c -> c.coreFeatures = Objects.requireNonNull(features));
    }

    /**
     * Returns a copy that limits every memory to {@code pages} pages of 64 KiB: a module whose
     * memory declares a larger minimum fails to compile, and {@code memory.grow} past the limit
     * fails (returns -1). Default {@link #MAX_MEMORY_PAGES} (4 GiB); a limit above it lets 64-bit
     * memories grow further, up to {@link #MAX_MEMORY64_PAGES}.
     */
    public RuntimeConfig withMemoryLimitPages(long pages) {
        if (pages < 0 || pages > MAX_MEMORY64_PAGES) {
            throw new IllegalArgumentException("memory limit must be between 0 and " + MAX_MEMORY64_PAGES + " pages: " + pages);
        }
        return with(c -> c.memoryLimitPages = pages);
    }

    /**
     * Returns a copy that limits every table to {@code elements} elements: a module whose table
     * declares a larger minimum fails to compile, and {@code table.grow} past the limit fails
     * (returns -1). Default {@link #DEFAULT_TABLE_LIMIT_ELEMENTS}.
     */
    public RuntimeConfig withTableLimitElements(long elements) {
        if (elements < 0 || elements > MAX_TABLE_LIMIT_ELEMENTS) {
            throw new IllegalArgumentException("table limit must be between 0 and " + MAX_TABLE_LIMIT_ELEMENTS + " elements: " + elements);
        }
        return with(c -> c.tableLimitElements = elements);
    }

    /** Returns the table limit in elements. */
    public long tableLimitElements() {
        return s.tableLimitElements;
    }

    /**
     * Returns a copy that reserves a memory's declared maximum up front, so that growing it never
     * copies. Costs memory; off by default.
     */
    public RuntimeConfig withMemoryCapacityFromMax(boolean enabled) {
        return with(c -> c.memoryCapacityFromMax = enabled);
    }

    /** Returns a copy that keeps custom sections, for {@link CompiledModule#customSections()}. */
    public RuntimeConfig withCustomSections(boolean enabled) {
        return with(c -> c.customSections = enabled);
    }

    /**
     * Returns a copy in which the interpreter allows at most {@code depth} nested WebAssembly calls
     * (50,000 by default); one more is the trap "call stack exhausted". The interpreter keeps its
     * frames on the heap, so this is what bounds them. In the compiler tier with
     * {@link #withTieredCompilation tiered compilation}, the call that would pass it runs compiled
     * instead when its callee can be compiled.
     *
     * <p>Compiled code keeps its frames on the calling thread's stack, and that stack's size is its
     * limit: past it, the call ends in the same trap, and the module stays usable. To allow
     * compiled code less depth, call it from a thread made with a smaller stack
     * ({@link Thread#Thread(ThreadGroup, Runnable, String, long)}); to allow it more, a larger one.
     * Counting calls would cost every compiled call a parameter and a compare (see
     * docs/compiler.md).
     */
    public RuntimeConfig withMaxCallDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("call depth must be positive: " + depth);
        }
        return with(c -> c.maxCallDepth = depth);
    }

    /**
     * Returns a copy in which running calls can be cancelled, like wazero's
     * {@code WithCloseOnContextDone}: by {@link dev.jazero.api.Module#close()} from another
     * thread, by interrupting the calling thread, or by the deadline of
     * {@link dev.jazero.api.Function#call(java.time.Duration, long...)}. The code checks at every
     * loop iteration and function entry. In the interpreter that costs a little speed; compiled
     * code pays only when a running call is cancelled, when the JVM deoptimizes and later
     * recompiles the code of every instance of that compiled module (docs/architecture.md). Off
     * by default. A cancelled call ends with a {@link dev.jazero.sys.ExitException} (the module's exit code, or
     * {@link dev.jazero.sys.ExitException#CONTEXT_CANCELED} for an interrupt and
     * {@link dev.jazero.sys.ExitException#DEADLINE_EXCEEDED} for a deadline), and the module is
     * closed; the runtime stays usable.
     */
    public RuntimeConfig withCloseOnCancel(boolean enabled) {
        return with(c -> c.closeOnCancel = enabled);
    }

    /**
     * Returns a copy whose modules call the listeners that {@code factory} chooses for their
     * functions (experimental; see {@link FunctionListenerFactory}); null for none, the default.
     * A runtime with a factory compiles listening code into every function, which costs speed.
     */
    public RuntimeConfig withFunctionListenerFactory(FunctionListenerFactory factory) {
        return with(c -> c.listenerFactory = factory);
    }

    /**
     * Returns a copy that takes compiled modules from {@code cache} and puts what it compiles
     * there, like wazero's {@code WithCompilationCache}; null for none, the default. Several
     * runtimes can share one cache. Entries are keyed by the module's bytes, Jazero's build and
     * every setting here that changes the compiled code, so a runtime finds only code compiled
     * for the same settings.
     */
    public RuntimeConfig withCompilationCache(CompilationCache cache) {
        return with(c -> c.compilationCache = cache);
    }

    /** Returns the compilation cache, or null. */
    public CompilationCache compilationCache() {
        return s.compilationCache;
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
        return with(c -> c.debugInfo = enabled);
    }

    /** Returns whether trap messages show source positions from DWARF line tables. */
    public boolean debugInfoEnabled() {
        return s.debugInfo;
    }

    /**
     * Returns a copy in which every floating-point instruction that makes a NaN makes the
     * canonical one: positive, quiet, with an empty payload ({@code 0x7fc00000} for f32,
     * {@code 0x7ff8000000000000} for f64, and so in each lane of a vector). Off by default.
     *
     * <p>WebAssembly lets arithmetic on NaNs return any quiet NaN, and the JVM uses that freedom:
     * its JIT may swap the operands of an addition or a multiplication, and then the result
     * carries the other operand's payload or sign. A module that looks at those bits (through
     * {@code reinterpret}, a store, or a NaN-boxing scheme) may then see different values from
     * run to run, from tier to tier, and from what a native runtime shows. With canonical NaNs its
     * results are the same everywhere, as in the deterministic profile of WebAssembly 3.0 and
     * wasmtime's NaN canonicalization. The price is a compare after each such instruction
     * (docs/determinism.md). Instructions that only move bits ({@code neg}, {@code abs},
     * {@code copysign}, loads, stores, {@code reinterpret}, {@code select}) keep a NaN's bits as
     * the specification requires.
     */
    public RuntimeConfig withCanonicalNaNs(boolean enabled) {
        return with(c -> c.canonicalNaNs = enabled);
    }

    /** Returns whether every NaN that floating-point instructions make is the canonical NaN. */
    public boolean canonicalNaNs() {
        return s.canonicalNaNs;
    }

    /**
     * Returns a copy in which the compiler tier starts each function in the interpreter and
     * compiles it once it is hot, or (the default) compiles each function when it is first called
     * (a small module's functions when it is compiled). Starting in the interpreter saves
     * generating code that runs only a few times, which is most of a short program's: the
     * {@code jazero} command turns it on, and a hello world in C takes about 0.3 s rather than
     * 0.5 s. A call that is in a long loop when its function turns hot carries on in compiled
     * code from the loop's header. Without function listeners only: with them, every function is
     * compiled when first called. No effect in the interpreter tier, or with a compilation cache,
     * which compiles everything up front (docs/compiler.md, "Tiered execution").
     */
    public RuntimeConfig withTieredCompilation(boolean enabled) {
        return with(c -> c.tieredCompilation = enabled);
    }

    /** Returns whether the compiler tier starts functions in the interpreter and compiles them once hot. */
    public boolean tieredCompilation() {
        return s.tieredCompilation;
    }

    /** Returns the function listener factory, or null. */
    public FunctionListenerFactory functionListenerFactory() {
        return s.listenerFactory;
    }

    /** Returns whether running calls can be cancelled. */
    public boolean closeOnCancel() {
        return s.closeOnCancel;
    }

    /** Returns the enabled core features. */
    public CoreFeatures coreFeatures() {
        return s.coreFeatures;
    }

    /** Returns the memory limit in pages. */
    public long memoryLimitPages() {
        return s.memoryLimitPages;
    }

    /** Returns whether memories reserve their maximum up front. */
    public boolean memoryCapacityFromMax() {
        return s.memoryCapacityFromMax;
    }

    /** Returns whether custom sections are kept. */
    public boolean customSections() {
        return s.customSections;
    }

    /** Returns the largest number of nested WebAssembly calls in the interpreter. */
    public int maxCallDepth() {
        return s.maxCallDepth;
    }
}
