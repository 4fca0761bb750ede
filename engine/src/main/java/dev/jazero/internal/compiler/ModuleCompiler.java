package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.WasmModule;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Generates the JVM bytecode of a validated module's functions, each function in a class
 * of its own ({@link CompiledLoader#className}): its static method (and its pieces when it is split), a bridge that adapts the
 * engine's stack convention, and an implementation of {@link dev.jazero.internal.runtime.CompiledCode} that calls the bridge.
 * The classes of a module are defined by a {@link CompiledLoader} of their own and unloaded with
 * it when nothing refers to them any more.
 *
 * <p>{@link #compile} generates nothing up front: {@link CompiledClasses} asks for a function when
 * it is first called or linked, so a large program pays only for what it runs.
 * {@link #compileSmall} generates a small module's functions up front but those to split, and
 * {@link #compileAll} every function at once, in parallel, for a compilation cache.
 *
 * <p>A function whose bytecode would pass HotSpot's limit for JIT compilation or the JVM's 64 KiB
 * limit is split into several methods ({@link SplitPlan}); one that cannot be split small enough,
 * or whose parameters would pass the JVM's 255 slots, is left out and runs in the interpreter.
 */
public final class ModuleCompiler {


    private final WasmModule module;
    private final CodeOptions options;
    /** Set (from any of the generating threads) when a method passed HotSpot's huge-method limit. */
    private volatile boolean dependsOnHugeMethodLimit;
    /** Per function: 0, or the bytecode size its methods aim at when it is split. */
    private final int[] splitTarget;
    private final int[] splitTries;
    /** Functions whose block structure is too deep to split. */
    private final boolean[] unsplittable;
    /** Split functions that hold references, whose frame has an {@code Object[]} beside its {@code long[]}. */
    private final boolean[] referenceFrames;
    /** Per split function, its survey, made once and dropped when the function is done. */
    private final Survey[] surveys;
    /**
     * Per defined function, what {@link #compileSmall} generated up front, until
     * {@link #generateNow} hands it out; null for the functions left to generate then.
     */
    private final AtomicReferenceArray<Generated> prepared;
    /** Where generation runs (see {@link GeneratorThreads}); made on first use. */
    private volatile GeneratorThreads threads;

    private record Survey(SplitPlan.Item root, int frameSize) {
    }

    /**
     * What generating a function gave: its class's bytes, or null when the function is left to
     * the interpreter, and the code offsets its line numbers stand for when they are not offsets
     * (see {@link FunctionCompiler#siteOffsets()}).
     */
    record Generated(byte[] bytes, int[] siteOffsets) {
        static final Generated INTERPRETED = new Generated(null, null);
        /** Not generated: the function must be split, or the stack ran out; a generating thread must do it. */
        static final Generated NEEDS_DEEP_STACK = new Generated(null, null);
    }

    /**
     * The bytecode size past which a method is split: HotSpot's limit, or for tests a smaller one
     * ({@code -Djazero.compiler.splitThreshold=N}), so that many functions are split.
     */
    private static final int SPLIT_THRESHOLD = Integer.getInteger("jazero.compiler.splitThreshold", 0);
    /** Attempts at splitting a function, each aiming lower, before it is left to the interpreter. */
    private static final int SPLIT_TRIES = 5;

    private ModuleCompiler(WasmModule module, IrFunction[] code, CodeOptions options) {
        this.module = module;
        this.options = options;
        this.fitsLimits = new boolean[code.length];
        for (int d = 0; d < code.length; d++) {
            IrFunction ir = code[d];
            fitsLimits[d] = fitsLimits(ir.localSlots(), ir.maxStackSlots() - ir.localSlots(), codeLength(module, d));
        }
        int count = module.functionCount();
        this.splitTarget = new int[count];
        this.splitTries = new int[count];
        this.unsplittable = new boolean[count];
        this.referenceFrames = new boolean[count];
        this.surveys = new Survey[count];
        this.prepared = new AtomicReferenceArray<>(count - module.importedFunctionCount());
    }

    /**
     * Bytes of WebAssembly code past which a function's method surely passes 8,000 bytes of
     * bytecode, so that it is split without being generated whole first: a byte of Wasm makes
     * about one to four of bytecode. In CRuby's module, every function of more than 7,000 bytes
     * passed it, and 5 of 98 from 4,000 to 5,000 bytes. Below, a function is generated whole
     * until its bytecode passes the limit ({@link FunctionCompiler#limitSize}).
     */
    private static final int SURELY_TOO_LARGE = 8_000;

    /**
     * Bytes of WebAssembly code past which {@code compileModule} leaves a function to its first
     * call: many such functions are split (a millisecond or more each), and many programs never
     * call them (dlmalloc's {@code malloc}, linked into every C program that allocates).
     */
    private static final int LEFT_FOR_FIRST_CALL = 4_000;

    /**
     * Whether a function generated whole stops once its bytecode passes the method limit
     * ({@link FunctionCompiler#limitSize}): until this JVM turns out to compile methods of any size.
     */
    private volatile boolean sizeLimited = true;

    /** Whether methods are split at HotSpot's huge-method limit (else only at the JVM's 64 KiB). */
    private boolean splitsAtHugeMethodLimit() {
        if (SPLIT_THRESHOLD > 0) {
            return true;
        }
        dependsOnHugeMethodLimit = true;
        return HugeMethods.SKIPPED;
    }

    /**
     * The compiled code of a validated module, whose functions are generated when they are first
     * needed, or with {@code tiered} once they are hot ({@link Tiering}); null when no function
     * can be compiled.
     */
    public static CompiledClasses compile(WasmModule module, IrFunction[] code, CodeOptions options, boolean tiered) {
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            if (mayCompile(module, f)) {
                return new CompiledClasses(module, new ModuleCompiler(module, code, options), tiered);
            }
        }
        return null;
    }

    /**
     * The compiled code of a validated module with every function generated now, as a
     * compilation cache stores it; null when nothing could be compiled. See
     * {@link #generateUpFront} for who generates what.
     */
    public static CompiledClasses compileAll(WasmModule module, IrFunction[] code, CodeOptions options) {
        long start = System.nanoTime();
        ModuleCompiler compiler = new ModuleCompiler(module, code, options);
        int imported = module.importedFunctionCount();
        int defined = module.functionCount() - imported;
        Generated[] generated = compiler.generateUpFront(true);
        byte[][] classes = new byte[defined][];
        int[][] sites = new int[module.functionCount()][];
        boolean any = false;
        for (int d = 0; d < defined; d++) {
            classes[d] = generated[d].bytes();
            sites[imported + d] = generated[d].siteOffsets();
            any |= classes[d] != null;
        }
        compiler.log(classes, start);
        return any ? new CompiledClasses(module, classes, sites, compiler.dependsOnHugeMethodLimit) : null;
    }

    /**
     * The compiled code of a small module ({@link #isSmall}): the functions that need no
     * splitting are generated now, on the calling thread, and the others, which cost a
     * millisecond or more each (splitting generates a function twice and more), when they are
     * first needed, like every function of a large module. Null when no function can be compiled.
     */
    public static CompiledClasses compileSmall(WasmModule module, IrFunction[] code, CodeOptions options) {
        CompiledClasses classes = compile(module, code, options, false);
        if (classes == null) {
            return null;
        }
        ModuleCompiler compiler = classes.compiler();
        Generated[] generated = compiler.generateUpFront(false);
        for (int d = 0; d < generated.length; d++) {
            Generated g = generated[d];
            if (g != null && g != Generated.NEEDS_DEEP_STACK) {
                compiler.prepared.set(d, g);
            }
        }
        return classes;
    }

    /** Whether {@link #compileSmall} generated the function's class, which it has not handed out yet. */
    boolean isPrepared(int function) {
        Generated g = prepared.get(function - module.importedFunctionCount());
        return g != null && g.bytes() != null;
    }

    /**
     * Generates the module's functions, per defined function: the calling thread generates those
     * that need no splitting; generating threads, started only when there is enough work to share
     * or, with {@code all}, a function that must be split (which needs their deep stacks), take
     * the large functions first and then share the rest. Starting a thread costs about as much as
     * generating a small function, so a small module is generated on the calling thread alone.
     * Without {@code all}, functions to split are left out (null), and a function found too large
     * for one method is {@link Generated#NEEDS_DEEP_STACK}.
     */
    private Generated[] generateUpFront(boolean all) {
        int imported = module.importedFunctionCount();
        int defined = module.functionCount() - imported;
        Generated[] generated = new Generated[defined];
        int[] largeWork = all
                ? IntStream.range(0, defined).filter(d -> codeLength(module, d) > SURELY_TOO_LARGE).toArray()
                : new int[0];
        int small = all ? SURELY_TOO_LARGE : LEFT_FOR_FIRST_CALL;
        int[] smallWork = IntStream.range(0, defined).filter(d -> codeLength(module, d) <= small).toArray();
        long smallBytes = Arrays.stream(smallWork).mapToLong(d -> codeLength(module, d)).sum();
        AtomicInteger nextLarge = new AtomicInteger();
        AtomicInteger nextSmall = new AtomicInteger();
        List<Future<?>> waits = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        int helpers = largeWork.length > 0 ? Math.max(1, cores - 1) : smallBytes > SHARED_BYTES ? cores - 1 : 0;
        for (int h = 0; h < helpers; h++) {
            waits.add(threads().submit(() -> {
                generateAll(generated, largeWork, nextLarge);
                generateAll(generated, smallWork, nextSmall);
                return null;
            }));
        }
        for (int i; (i = nextSmall.getAndIncrement()) < smallWork.length; ) {
            int d = smallWork[i];
            Generated g = generate(imported + d, false);
            if (g == Generated.NEEDS_DEEP_STACK && all) {
                waits.add(threads().submit(() -> generated[d] = generate(imported + d, true)));
            } else {
                generated[d] = g;
            }
        }
        for (Future<?> wait : waits) {
            GeneratorThreads.await(wait);
        }
        return generated;
    }

    /** Bytes of small functions' code from which generating threads help the calling thread. */
    private static final long SHARED_BYTES = 16 * 1024;

    /** On a generating thread: generates the functions of {@code work} that no other thread took. */
    private void generateAll(Generated[] generated, int[] work, AtomicInteger next) {
        int imported = module.importedFunctionCount();
        for (int i; (i = next.getAndIncrement()) < work.length; ) {
            generated[work[i]] = generate(imported + work[i], true);
        }
    }

    /** Bytes of WebAssembly code of the {@code d}th defined function. */
    private static int codeLength(WasmModule module, int d) {
        return module.codes.get(d).code().length;
    }

    /**
     * Bytes of function code up to which a module is compiled whole by {@code compileModule}
     * ({@code -Djazero.compiler.eagerBytes=N} for tests). Generating its functions then costs
     * a few milliseconds, and it is done before the program runs: generated on first call, a hot
     * function can become hot while HotSpot's queue is full of the compiler's own methods, and be
     * JIT-compiled early with a thin profile (fib ran 40% slower so).
     */
    private static final long EAGER_BYTES = Long.getLong("jazero.compiler.eagerBytes", 256 * 1024);

    /** Whether a module is small enough to be compiled whole up front. */
    public static boolean isSmall(WasmModule module) {
        long bytes = 0;
        for (var code : module.codes) {
            bytes += code.code().length;
        }
        return bytes <= EAGER_BYTES;
    }

    /**
     * Per defined function, whether its locals and operand stack are within what the compiler
     * takes on ({@link #fitsLimits(int, int, int)}).
     */
    private final boolean[] fitsLimits;

    /** The most slots of locals and operands a function's method may have (see {@link #fitsLimits(int, int, int)}). */
    static final int MAX_FRAME_SLOTS = 4096;
    /** The most operand slots times bytes of code of a function (see {@link #fitsLimits(int, int, int)}). */
    static final long MAX_OPERAND_SLOT_BYTES = 1L << 26;

    /**
     * Whether the compiler takes on a function of {@code localSlots} slots of parameters and
     * locals, an operand stack up to {@code operandSlots} slots deep and {@code codeBytes} bytes of
     * code; the others run in the interpreter, which costs nothing to prepare for them. What it
     * costs to generate a function grows with the product of its size and its frame: ASM computes
     * a frame of every local and operand at each branch target, and splitting records the operand
     * stack's types at each instruction. Without these bounds a hostile function pushing 100,000
     * constants took the compiler minutes and gigabytes; real code stays far below them (a deep
     * stack is a few dozen values, a large function a few hundred locals).
     */
    static boolean fitsLimits(int localSlots, int operandSlots, int codeBytes) {
        return localSlots + operandSlots <= MAX_FRAME_SLOTS && (long) operandSlots * codeBytes <= MAX_OPERAND_SLOT_BYTES;
    }

    /** Whether the function could be compiled at all: a defined function whose type fits a JVM method. */
    static boolean mayCompile(WasmModule module, int function) {
        return function >= module.importedFunctionCount() && JvmTypes.fitsJvmMethod(module.functionType(function));
    }

    /**
     * Generates a function now: on the calling thread when it needs no splitting (handing work
     * to a generating thread and waiting for it costs more than generating a small function, and
     * the first one of a module would start the thread), else on a generating thread, waiting.
     */
    Generated generateNow(int function) {
        Generated g = prepared.getAndSet(function - module.importedFunctionCount(), null);
        if (g != null) {
            return g;
        }
        g = generate(function, false);
        if (g != Generated.NEEDS_DEEP_STACK) {
            return g;
        }
        return GeneratorThreads.await(threads().submit(() -> generate(function, true)));
    }

    private GeneratorThreads threads() {
        GeneratorThreads t = threads;
        if (t == null) {
            synchronized (this) {
                t = threads;
                if (t == null) {
                    t = threads = new GeneratorThreads();
                }
            }
        }
        return t;
    }

    static String methodName(int function) {
        return "f" + function;
    }

    /**
     * The method with the body of a function that tail-calls others, {@code f<index>$t}, beside
     * its method {@code f<index>}, which calls it and then makes the tail calls it leaves pending
     * ({@link #tailCallLoop}). Stack traces read it as a piece of the function.
     */
    static String bodyName(int function) {
        return methodName(function) + "$t";
    }

    /**
     * Logs the functions that generating left to the interpreter, if any. Nothing is asked of the
     * logger when every function was compiled: the first question starts the logging backend,
     * about 10 ms of a command's start.
     */
    private void log(byte[][] classes, long start) {
        int count = 0;
        for (byte[] c : classes) {
            count += c != null ? 1 : 0;
        }
        if (count == classes.length || !CompilerLog.LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return;
        }
        StringBuilder left = new StringBuilder();
        for (int d = 0; d < classes.length && left.length() < 200; d++) {
            if (classes[d] == null) {
                left.append(left.length() == 0 ? "" : ", ").append(module.importedFunctionCount() + d);
            }
        }
        CompilerLog.LOG.log(System.Logger.Level.DEBUG,
                "module {0}: compiled {1} of {2} functions in {3} ms; interpreted: {4}",
                module.names.moduleName() == null ? "(unnamed)" : module.names.moduleName(), count, classes.length,
                (System.nanoTime() - start) / 1_000_000, left);
    }

    /** What the runtime's configuration asks the code to do besides the module's instructions. */
    CodeOptions options() {
        return options;
    }

    /** Whether a function passed HotSpot's limit for JIT compilation so far. */
    boolean dependsOnHugeMethodLimit() {
        return dependsOnHugeMethodLimit;
    }

    /**
     * One function's class, splitting the function, or splitting it smaller, while a method is
     * too large; {@link Generated#INTERPRETED} when the function is left to the interpreter.
     * Called for each function once: on a generating thread, or with {@code mayRecurse} false on
     * any thread, where a function that must be split, or a stack that runs out, gives
     * {@link Generated#NEEDS_DEEP_STACK} (splitting recurses over the block structure: see
     * {@link GeneratorThreads}).
     */
    Generated generate(int f, boolean mayRecurse) {
        FuncType type = module.functionType(f);
        if (!mayCompile(module, f) || !fitsLimits[f - module.importedFunctionCount()]) {
            return Generated.INTERPRETED;
        }
        if (!mayRecurse && splitTarget[f] > 0) {
            // Found too large for one method before: it is split on a generating thread.
            return Generated.NEEDS_DEEP_STACK;
        }
        if (codeLength(module, f - module.importedFunctionCount()) > SURELY_TOO_LARGE
                && splitsAtHugeMethodLimit()) {
            if (!mayRecurse) {
                return Generated.NEEDS_DEEP_STACK;
            }
            // Generating it whole first would only find that out, at a high price (ASM's
            // frames, and its second pass over jumps past 32 KiB).
            split(f);
        }
        try {
            while (true) {
                ClassWriter cw = classWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
                cw.visit(V17, ACC_FINAL | ACC_SUPER, CompiledLoader.className(f), null, "java/lang/Object",
                        new String[] {org.objectweb.asm.Type.getInternalName(dev.jazero.internal.runtime.CompiledCode.class)});
                byte[] bytes;
                int[] sites;
                try {
                    // A split function's tail calls are not compiled (NotCompilable).
                    boolean tails = splitTarget[f] == 0 && FunctionCompiler.leavesTailCalls(module, f, options);
                    if (splitTarget[f] > 0) {
                        sites = compileSplit(cw, f, type);
                    } else {
                        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, tails ? bodyName(f) : methodName(f),
                                JvmTypes.descriptor(type), null, null);
                        FunctionCompiler compiler = new FunctionCompiler(module, f, CompiledLoader.className(f), mv, options);
                        if (sizeLimited) {
                            compiler.limitSize(methodLimit());
                        }
                        compiler.compile();
                        sites = compiler.siteOffsets();
                    }
                    bridge(cw, f, type, methodName(f), "b" + f);
                    if (tails) {
                        tailCallLoop(cw, f, type);
                        bridge(cw, f, type, bodyName(f), "bt" + f);
                    }
                    entry(cw, f, tails);
                    cw.visitEnd();
                    bytes = cw.toByteArray();
                } catch (FunctionCompiler.TooLarge e) {
                    if (!splitsAtHugeMethodLimit()) {
                        // This JVM compiles methods of any size: no function's generation is limited.
                        sizeLimited = false;
                        continue;
                    }
                    if (!split(f)) {
                        return Generated.INTERPRETED;
                    }
                    if (!mayRecurse) {
                        // A generating thread splits it, without generating it whole again.
                        return Generated.NEEDS_DEEP_STACK;
                    }
                    continue;
                } catch (MethodTooLargeException e) {
                    if (!mayRecurse) {
                        return Generated.NEEDS_DEEP_STACK;
                    }
                    if (!split(f)) {
                        return Generated.INTERPRETED;
                    }
                    continue;
                } catch (FunctionCompiler.NeedsReferenceFrame e) {
                    if (referenceFrames[f]) {
                        throw new IllegalStateException(e);
                    }
                    // Found while splitting: again, with the frame's Object[] (surveyed anew).
                    referenceFrames[f] = true;
                    surveys[f] = null;
                    continue;
                } catch (ClassTooLargeException | NotCompilable | FunctionCompiler.Unsupported e) {
                    CompilerLog.LOG.log(System.Logger.Level.DEBUG, "function {0} runs in the interpreter: {1}", f, e.getMessage());
                    return Generated.INTERPRETED;
                } catch (OutOfMemoryError e) {
                    // Generating needed more than the heap could give; interpreting needs far less.
                    return Generated.INTERPRETED;
                } catch (StackOverflowError | SplitPlan.TooDeep e) {
                    if (!mayRecurse) {
                        return Generated.NEEDS_DEEP_STACK;
                    }
                    // Splitting walks the block structure recursively: a function nested too deeply
                    // for that is compiled whole if it fits, else interpreted (which handles any depth).
                    if (splitTarget[f] > 0 && !unsplittable[f]) {
                        unsplittable[f] = true;
                        splitTarget[f] = 0;
                        continue;
                    }
                    return Generated.INTERPRETED;
                }
                if (tooLarge(bytes)) {
                    if (!mayRecurse) {
                        return Generated.NEEDS_DEEP_STACK;
                    }
                    if (!split(f)) {
                        return Generated.INTERPRETED;
                    }
                    continue;
                }
                dump(bytes);
                return new Generated(bytes, sites);
            }
        } finally {
            surveys[f] = null;
        }
    }

    /**
     * Frames are computed by ASM; every reference type merged is one of our own or an array,
     * so the default common-superclass lookup is never needed for unrelated types.
     */
    private static ClassWriter classWriter(int flags) {
        return new ClassWriter(flags) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
    }

    /** The function of a method {@code f<index>} or piece {@code f<index>$<id>}; -1 for other methods. */
    static int functionOf(String method) {
        if (method.length() < 2 || method.charAt(0) != 'f' || !Character.isDigit(method.charAt(1))) {
            return -1;
        }
        int end = method.indexOf('$');
        return Integer.parseInt(method.substring(1, end < 0 ? method.length() : end));
    }

    private static int methodLimit() {
        return SPLIT_THRESHOLD > 0 ? SPLIT_THRESHOLD : HUGE_METHOD_LIMIT;
    }

    /**
     * A function's method, or one of its pieces, is too large: split it, or split it smaller.
     * Returns false when it cannot be, and the function is left to the interpreter.
     */
    private boolean split(int f) {
        if (unsplittable[f]) {
            return false;
        } else if (splitTarget[f] == 0) {
            splitTarget[f] = methodLimit() * 4 / 5;
        } else if (++splitTries[f] >= SPLIT_TRIES) {
            return false;
        } else {
            splitTarget[f] = splitTarget[f] * 3 / 5;
        }
        return true;
    }

    /**
     * HotSpot does not JIT-compile a method of more than 8,000 bytes of bytecode unless the JVM
     * runs with {@code -XX:-DontCompileHugeMethods}; the JVM's bytecode interpreter would run such
     * a function far slower than our interpreter does. Such functions are split into smaller
     * methods, again smaller when a piece is still too large. Returns whether a method of the
     * function's class is too large.
     */
    private boolean tooLarge(byte[] bytes) {
        boolean tooLarge = false;
        for (Map.Entry<String, Integer> method : MethodSizes.of(bytes).entrySet()) {
            if (functionOf(method.getKey()) >= 0) {
                int codeLength = method.getValue();
                if (codeLength > HUGE_METHOD_LIMIT) {
                    dependsOnHugeMethodLimit = true;
                }
                if (codeLength > methodLimit() && splitsAtHugeMethodLimit()) {
                    tooLarge = true;
                }
            }
        }
        return tooLarge;
    }

    /** With {@code -Djazero.compiler.dumpDir=DIR}, each generated class is written there, for javap. */
    private static void dump(byte[] bytes) {
        String dir = System.getProperty("jazero.compiler.dumpDir");
        if (dir != null) {
            try {
                java.nio.file.Path path = java.nio.file.Path.of(dir);
                java.nio.file.Files.createDirectories(path);
                java.nio.file.Files.write(java.nio.file.Files.createTempFile(path, "WasmCode", ".class"), bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final int HUGE_METHOD_LIMIT = 8000;

    /**
     * Returns whether this JVM leaves methods over 8,000 bytes of bytecode to its bytecode
     * interpreter (HotSpot's default), which decides whether such functions are compiled.
     */
    public static boolean hugeMethodsSkipped() {
        return HugeMethods.SKIPPED;
    }

    /** Asked only when a huge method turns up: reading the flag starts JMX, which takes a while. */
    private static final class HugeMethods {
        static final boolean SKIPPED = read();

        private static boolean read() {
            try {
                var bean = java.lang.management.ManagementFactory.getPlatformMXBean(
                        com.sun.management.HotSpotDiagnosticMXBean.class);
                return bean == null || !"false".equals(bean.getVMOption("DontCompileHugeMethods").getValue());
            } catch (RuntimeException | LinkageError e) {
                // Not HotSpot, or the option is unknown: assume HotSpot's default.
                return true;
            }
        }
    }

    /**
     * Compiles a function too large for one method as its method {@code f<index>} and pieces
     * {@code f<index>$<id>}, as {@link SplitPlan} chooses them for the function's current target.
     */
    private int[] compileSplit(ClassWriter cw, int f, FuncType type) {
        Survey survey = surveys[f];
        if (survey == null) {
            MethodVisitor scratch = new ClassWriter(0).visitMethod(ACC_STATIC, methodName(f),
                    JvmTypes.descriptor(type), null, null);
            FunctionCompiler surveyor = FunctionCompiler.split(module, f, CompiledLoader.className(f), scratch, options, 0,
                    null, null, LineSites.of(module, f), referenceFrames[f]);
            SplitPlan.Item root = surveyor.survey();
            SplitPlan.checkDepth(root);
            survey = surveys[f] = new Survey(root, surveyor.surveyedFrameSize());
        }
        List<SplitPlan.Region> regions = SplitPlan.plan(survey.root(), splitTarget[f]);
        LineSites sites = LineSites.of(module, f);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, methodName(f), JvmTypes.descriptor(type), null, null);
        FunctionCompiler main = FunctionCompiler.split(module, f, CompiledLoader.className(f), mv, options, survey.frameSize(),
                regions, null, sites, referenceFrames[f]);
        main.compile();
        ArrayDeque<PieceState> work = new ArrayDeque<>(main.pending());
        while (!work.isEmpty()) {
            PieceState state = work.poll();
            MethodVisitor piece = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, FunctionCompiler.pieceName(f, state.region.id),
                    FunctionCompiler.pieceDescriptor(referenceFrames[f]), null, null);
            FunctionCompiler compiler = FunctionCompiler.split(module, f, CompiledLoader.className(f), piece, options,
                    survey.frameSize(), state.region.children, state, sites, referenceFrames[f]);
            compiler.compile();
            work.addAll(compiler.pending());
        }
        return main.siteOffsets();
    }

    /**
     * {@code f<index>} of a function that tail-calls others: calls its body, and returns what it
     * returns unless it left a tail call pending; then makes that call and those that follow
     * ({@code CompiledSupport.finishTailCalls}) and returns the last one's results. Every caller
     * calls this method as it would any function's, so only tail calls pay for the loop.
     */
    private void tailCallLoop(ClassWriter cw, int function, FuncType type) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, methodName(function), JvmTypes.descriptor(type), null, null);
        mv.visitCode();
        int slot = 0;
        for (ValueType t : type.params()) {
            JvmTypes.load(mv, t, slot);
            slot += JvmTypes.size(t);
        }
        int instance = slot;
        mv.visitVarInsn(ALOAD, instance);
        mv.visitMethodInsn(INVOKESTATIC, CompiledLoader.className(function), bodyName(function), JvmTypes.descriptor(type), false);
        int callee = instance + 1;
        mv.visitVarInsn(ALOAD, instance);
        JavaMembers.INSTANCE_TAIL_CALLEE.get(mv);
        mv.visitVarInsn(ASTORE, callee);
        mv.visitVarInsn(ALOAD, callee);
        Label pending = new Label();
        mv.visitJumpInsn(IFNONNULL, pending);
        boolean value = JvmTypes.returnsValue(type);
        int returnInstruction = value ? JvmTypes.returnInstruction(type.results()[0]) : RETURN;
        mv.visitInsn(returnInstruction);
        mv.visitLabel(pending);
        if (value) {
            mv.visitInsn(JvmTypes.returnSize(type.results()[0]) == 2 ? POP2 : POP);
        }
        // Taken out of the instance before the call (see CompiledSupport.finishTailCalls).
        mv.visitVarInsn(ALOAD, instance);
        mv.visitInsn(ACONST_NULL);
        JavaMembers.INSTANCE_TAIL_CALLEE.put(mv);
        mv.visitVarInsn(ALOAD, instance);
        mv.visitVarInsn(ALOAD, callee);
        JavaMembers.FINISH_TAIL_CALLS.call(mv);
        int stack = instance + 2;
        mv.visitVarInsn(ASTORE, stack);
        ValueType[] results = type.results();
        if (value && results[0].isReference()) {
            // The last callee's reference: its object in the reference buffer, which finishTailCalls
            // left there, its number in the stack, which goes where this method's callers read it.
            if (JvmTypes.returnsNumber(type)) {
                mv.visitVarInsn(ALOAD, instance);
                JavaMembers.INSTANCE_RESULTS.get(mv);
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ALOAD, stack);
                mv.visitInsn(ICONST_0);
                mv.visitInsn(LALOAD);
                mv.visitInsn(LASTORE);
            }
            mv.visitVarInsn(ALOAD, instance);
            JavaMembers.INSTANCE_REF_RESULTS.get(mv);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(AALOAD);
            clearReferenceSlots(mv, instance, results);
        } else if (value) {
            JvmTypes.loadSlots(mv, results, stack);
        } else if (results.length > 0) {
            mv.visitVarInsn(ALOAD, stack);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ALOAD, instance);
            JavaMembers.INSTANCE_RESULTS.get(mv);
            mv.visitInsn(ICONST_0);
            pushInt(mv, type.resultSlots());
            JavaMembers.SYSTEM_ARRAYCOPY.call(mv);
            // References stay in the instance's reference buffer, where callers read them.
        }
        mv.visitInsn(returnInstruction);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@code name(long[] stack, Object[] refs, ModuleInstance)}, a bridge: unpack the parameters,
     * call {@code method} ({@code f<index>}, or the body {@code f<index>$t}), pack the results, in
     * the engine's stack convention (a v128 is two slots, the low half first; references in
     * {@code refs} at their slots).
     */
    private void bridge(ClassWriter cw, int function, FuncType type, String method, String name) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, name, BRIDGE_DESCRIPTOR, null, null);
        mv.visitCode();
        JvmTypes.loadSlots(mv, type.params(), 0, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESTATIC, CompiledLoader.className(function), method, JvmTypes.descriptor(type), false);
        storeResults(mv, type);
    }

    /**
     * A loop entry's bridge, {@code enter(long[] frame, Object[] refs, ModuleInstance)}: calls the
     * entry's method with the interpreter's frame and leaves its results at the frame's first
     * slots, as a bridge does on its stack.
     */
    private static void entryBridge(ClassWriter cw, String className, int function, FuncType type) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, LOOP_ENTRY, BRIDGE_DESCRIPTOR, null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESTATIC, className, methodName(function), FunctionCompiler.loopEntryDescriptor(type), false);
        storeResults(mv, type);
    }

    /** The name of a loop entry's bridge ({@link #generateLoopEntry}). */
    static final String LOOP_ENTRY = "enter";

    /** The internal name of the class of function {@code function}'s entry at its loop at {@code offset}. */
    static String loopEntryClassName(int function, int offset) {
        return CompiledLoader.className(function) + "$L" + offset;
    }

    /**
     * The class of a function's entry at the header of its loop at {@code offset} (an offset in
     * its code), for a call the interpreter started ({@link FunctionCompiler#loopEntry}); null when
     * there is none: for a function that is split, makes tail calls of other functions, or is
     * left to the interpreter, for a loop inside a legacy {@code try} or its {@code catch}, and whenever generating it
     * fails. Its method is named as the function's, so that traps and stack traces name the
     * function.
     */
    byte[] generateLoopEntry(int f, int offset) {
        int d = f - module.importedFunctionCount();
        if (!mayCompile(module, f) || !fitsLimits[d] || splitTarget[f] > 0 || codeLength(module, d) > SURELY_TOO_LARGE
                || options.listening() || FunctionCompiler.leavesTailCalls(module, f, options)) {
            return null;
        }
        FuncType type = module.functionType(f);
        String name = loopEntryClassName(f, offset);
        try {
            ClassWriter cw = classWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
            MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, methodName(f),
                    FunctionCompiler.loopEntryDescriptor(type), null, null);
            FunctionCompiler compiler = FunctionCompiler.loopEntry(module, f, mv, options, offset);
            if (sizeLimited) {
                compiler.limitSize(methodLimit());
            }
            compiler.compile();
            entryBridge(cw, name, f, type);
            cw.visitEnd();
            byte[] bytes = cw.toByteArray();
            if (tooLarge(bytes)) {
                return null;
            }
            dump(bytes);
            return bytes;
        } catch (FunctionCompiler.TooLarge | MethodTooLargeException | ClassTooLargeException | NotCompilable
                | FunctionCompiler.Unsupported | FunctionCompiler.NeedsReferenceFrame | SplitPlan.TooDeep
                | StackOverflowError | OutOfMemoryError e) {
            CompilerLog.LOG.log(System.Logger.Level.DEBUG, "function {0} has no entry at its loop at {1}: {2}", f, offset, e);
            return null;
        }
    }

    /** Leaves the result of the method called just before where a bridge's caller reads it, and returns. */
    private static void storeResults(MethodVisitor mv, FuncType type) {
        ValueType[] results = type.results();
        if (JvmTypes.returnsValue(type) && results[0].isReference()) {
            // The object is the result; the number is in the instance's results[0], or 0.
            mv.visitVarInsn(ASTORE, 3);
            mv.visitVarInsn(ALOAD, 1);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ALOAD, 3);
            mv.visitInsn(AASTORE);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitInsn(ICONST_0);
            if (JvmTypes.returnsNumber(type)) {
                mv.visitVarInsn(ALOAD, 2);
                JavaMembers.INSTANCE_RESULTS.get(mv);
                mv.visitInsn(ICONST_0);
                mv.visitInsn(LALOAD);
            } else {
                mv.visitInsn(LCONST_0);
            }
            mv.visitInsn(LASTORE);
        } else if (JvmTypes.returnsValue(type)) {
            JvmTypes.toLong(mv, results[0]);
            mv.visitVarInsn(LSTORE, 3);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(LLOAD, 3);
            mv.visitInsn(LASTORE);
        } else if (results.length > 0) {
            copyResults(mv, JavaMembers.INSTANCE_RESULTS, 2, 0, type.resultSlots());
            if (JvmTypes.anyReference(results)) {
                copyResults(mv, JavaMembers.INSTANCE_REF_RESULTS, 2, 1, type.resultSlots());
                clearReferenceSlots(mv, 2, results);
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Copies {@code slots} slots of the instance's result buffer {@code buffer} (instance in local {@code instance}) into the array in local {@code target}. */
    private static void copyResults(MethodVisitor mv, JavaField buffer, int instance, int target, int slots) {
        mv.visitVarInsn(ALOAD, instance);
        buffer.get(mv);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ALOAD, target);
        mv.visitInsn(ICONST_0);
        pushInt(mv, slots);
        JavaMembers.SYSTEM_ARRAYCOPY.call(mv);
    }

    /** A bridge's descriptor: {@code (long[] stack, Object[] refs, ModuleInstance)}. */
    private static final String BRIDGE_DESCRIPTOR = "([J[Ljava/lang/Object;L" + FunctionCompiler.INSTANCE + ";)V";

    /**
     * Clears the reference slots of {@code types} in the reference buffer of the instance in local
     * {@code instance}, once read: a result buffer keeps no object alive.
     */
    static void clearReferenceSlots(MethodVisitor mv, int instance, ValueType[] types) {
        int slot = 0;
        for (ValueType t : types) {
            if (t.isReference()) {
                mv.visitVarInsn(ALOAD, instance);
                JavaMembers.INSTANCE_REF_RESULTS.get(mv);
                JvmTypes.iconst(mv, slot);
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(AASTORE);
            }
            slot += t.slots();
        }
    }

    /**
     * The class's constructor and {@code call(function, stack, refs, instance)}, which implements
     * {@link dev.jazero.internal.runtime.CompiledCode} with the bridge; for a function that
     * tail-calls others ({@code tails}) also {@code callAsTail}, with the body's bridge.
     */
    private static void entry(ClassWriter cw, int function, boolean tails) {
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        implement(cw, function, JavaMembers.COMPILED_CODE_CALL, "b" + function);
        if (tails) {
            implement(cw, function, JavaMembers.COMPILED_CODE_CALL_AS_TAIL, "bt" + function);
        }
    }

    /** Implements {@code method} of {@code CompiledCode} by a call of bridge {@code bridge}. */
    private static void implement(ClassWriter cw, int function, JavaMethod method, String bridge) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, method.name(), method.descriptor(), null, null);
        mv.visitCode();
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ALOAD, 3);
        mv.visitVarInsn(ALOAD, 4);
        mv.visitMethodInsn(INVOKESTATIC, CompiledLoader.className(function), bridge, BRIDGE_DESCRIPTOR, false);
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    static MethodType methodType(FuncType type) {
        List<Class<?>> params = new ArrayList<>();
        for (ValueType t : type.params()) {
            if (t == ValueType.V128) {
                params.add(long.class);
                params.add(long.class);
            } else if (t.isReference()) {
                params.add(Object.class);
                params.add(int.class);
            } else {
                params.add(javaType(t));
            }
        }
        params.add(dev.jazero.internal.runtime.ModuleInstance.class);
        Class<?> result = !JvmTypes.returnsValue(type) ? void.class
                : type.results()[0].isReference() ? Object.class : javaType(type.results()[0]);
        return MethodType.methodType(result, params);
    }

    private static Class<?> javaType(ValueType t) {
        return switch (JvmTypes.jvmType(t)) {
            case 'I' -> int.class;
            case 'F' -> float.class;
            case 'D' -> double.class;
            default -> long.class;
        };
    }

    private static void pushInt(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else {
            mv.visitLdcInsn(v);
        }
    }
}
