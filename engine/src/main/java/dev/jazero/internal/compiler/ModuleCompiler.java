package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.WasmModule;
import java.lang.invoke.MethodType;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * Compiles a validated module's functions to one hidden class: a static method per function, a
 * bridge per function that adapts the engine's stack convention, and a dispatch method
 * implementing {@link CompiledCode}. A hidden class lives in this package's module (so it
 * reaches the engine's internals) and is unloaded when nothing refers to it any more.
 *
 * <p>A function whose bytecode would pass HotSpot's limit for JIT compilation or the JVM's 64 KiB
 * limit is split into several methods ({@link SplitPlan}); one that cannot be split small enough,
 * or whose parameters would pass the JVM's 255 slots, is left out and runs in the interpreter.
 */
public final class ModuleCompiler {

    private static final String CLASS_NAME = "dev/jazero/internal/compiler/WasmCode";
    private static final int DISPATCH_CHUNK = 1024;
    /**
     * Functions per generated class: few enough that no class reaches the constant pool's
     * limits, many enough that most calls stay inside one class as plain invokestatic.
     */
    static final int FUNCTIONS_PER_CLASS = 1000;

    private final WasmModule module;
    private final CodeOptions options;
    private final boolean[] compiled;
    /** Set (from any of the generating threads) when a method passed HotSpot's huge-method limit. */
    private volatile boolean dependsOnHugeMethodLimit;
    /** Per function, the code offsets of its line numbers when they are not offsets (see FunctionCompiler). */
    private final int[][] siteOffsets;
    /** Per function: 0, or the bytecode size its methods aim at when it is split. */
    private final int[] splitTarget;
    private final int[] splitTries;
    /** Functions whose block structure is too deep to split. */
    private final boolean[] unsplittable;
    /** Per split function, its survey, made once. */
    private final Survey[] surveys;

    private record Survey(SplitPlan.Item root, int frameSize) {
    }

    /**
     * The bytecode size past which a method is split: HotSpot's limit, or for tests a smaller one
     * ({@code -Djazero.compiler.splitThreshold=N}), so that many functions are split.
     */
    private static final int SPLIT_THRESHOLD = Integer.getInteger("jazero.compiler.splitThreshold", 0);
    /** Attempts at splitting a function, each aiming lower, before it is left to the interpreter. */
    private static final int SPLIT_TRIES = 5;

    private ModuleCompiler(WasmModule module, CodeOptions options) {
        this.module = module;
        this.options = options;
        this.compiled = new boolean[module.functionCount()];
        this.siteOffsets = new int[module.functionCount()][];
        this.splitTarget = new int[module.functionCount()];
        this.splitTries = new int[module.functionCount()];
        this.unsplittable = new boolean[module.functionCount()];
        this.surveys = new Survey[module.functionCount()];
        for (int f = module.importedFunctionCount(); f < compiled.length; f++) {
            compiled[f] = FunctionCompiler.fitsJvmMethod(module.functionType(f));
            if (compiled[f] && module.codes.get(f - module.importedFunctionCount()).code().length > SURELY_TOO_LARGE
                    && splitsAtHugeMethodLimit()) {
                // Generating it whole first would only find that out, at a high price (ASM's
                // frames, and its second pass over jumps past 32 KiB).
                split(f);
            }
        }
    }

    /**
     * Bytes of WebAssembly code past which a function's method surely passes 8,000 bytes of
     * bytecode (a byte of Wasm makes two to four of bytecode; from about 3,700 bytes some did in
     * the big generated module, from 4,800 all).
     */
    private static final int SURELY_TOO_LARGE = 4_000;

    /** Whether methods are split at HotSpot's huge-method limit (else only at the JVM's 64 KiB). */
    private boolean splitsAtHugeMethodLimit() {
        if (SPLIT_THRESHOLD > 0) {
            return true;
        }
        dependsOnHugeMethodLimit = true;
        return HugeMethods.SKIPPED;
    }

    /** Compiles what it can of a validated module; returns null when nothing could be. */
    public static CompiledClasses compile(WasmModule module, CodeOptions options) {
        return new ModuleCompiler(module, options).run();
    }

    static String methodName(int function) {
        return "f" + function;
    }

    private static final System.Logger LOG = System.getLogger("dev.jazero.compiler");

    private CompiledClasses run() {
        long start = System.nanoTime();
        CompiledClasses result = generate();
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            int defined = compiled.length - module.importedFunctionCount();
            int count = 0;
            StringBuilder left = new StringBuilder();
            for (int f = module.importedFunctionCount(); f < compiled.length; f++) {
                if (compiled[f]) {
                    count++;
                } else if (left.length() < 200) {
                    left.append(left.length() == 0 ? "" : ", ").append(f);
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "module {0}: compiled {1} of {2} functions in {3} ms{4}",
                    module.names.moduleName() == null ? "(unnamed)" : module.names.moduleName(), count, defined, (System.nanoTime() - start) / 1_000_000,
                    left.length() == 0 ? "" : "; interpreted: " + left);
        }
        return result;
    }

    private CompiledClasses generate() {
        // Every function is generated once, in a class of its own, on every core: whether it is
        // too large, and must be split or left out, is then known without generating anything
        // else again. The classes of the module are assembled from these by copying methods.
        byte[][] functions = new byte[compiled.length][];
        boolean[] regenerate = generateFunctions(functions, null);
        while (regenerate != null) {
            regenerate = generateFunctions(functions, regenerate);
        }
        byte[][] classes = new byte[classCount(module)][];
        java.util.stream.IntStream.range(0, classes.length).parallel().forEach(c -> classes[c] = assemble(c, functions));
        if (!anyCompiled()) {
            return null;
        }
        return new CompiledClasses(module, compiled, classes, siteOffsets, dependsOnHugeMethodLimit);
    }

    /**
     * Generates the functions of the given classes (all when null). Returns the classes to
     * generate again, or null: a function calls one of its own class directly, so when a
     * function is left out after another of its class was generated (it could not be split
     * small enough, which is rare), that class's functions are generated again.
     */
    private boolean[] generateFunctions(byte[][] functions, boolean[] chunks) {
        boolean[] before = compiled.clone();
        java.util.stream.IntStream.range(module.importedFunctionCount(), compiled.length).parallel()
                .filter(f -> chunks == null || chunks[chunkOf(module, f)])
                .forEach(f -> functions[f] = generateFunction(f));
        boolean[] changed = new boolean[classCount(module)];
        boolean any = false;
        for (int f = module.importedFunctionCount(); f < compiled.length; f++) {
            if (before[f] != compiled[f]) {
                changed[chunkOf(module, f)] = true;
                any = true;
            }
        }
        return any ? changed : null;
    }

    /**
     * One function's methods (its method, its pieces when split, its bridge) as a class of their
     * own, splitting the function, or splitting it smaller, while a method is too large; null
     * when the function is left to the interpreter.
     */
    private byte[] generateFunction(int f) {
        FuncType type = module.functionType(f);
        while (compiled[f]) {
            ClassWriter cw = classWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            cw.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object", null);
            byte[] bytes;
            try {
                if (splitTarget[f] > 0) {
                    compileSplit(cw, f, type);
                } else {
                    MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, methodName(f), FunctionCompiler.descriptor(type), null, null);
                    FunctionCompiler compiler = new FunctionCompiler(module, f, CLASS_NAME, mv, compiled, options);
                    compiler.compile();
                    siteOffsets[f] = compiler.siteOffsets();
                }
                bridge(cw, f, type);
                cw.visitEnd();
                bytes = cw.toByteArray();
            } catch (MethodTooLargeException e) {
                split(f);
                continue;
            } catch (ClassTooLargeException e) {
                compiled[f] = false;
                return null;
            } catch (StackOverflowError e) {
                // Splitting walks the block structure recursively: a function nested too deeply
                // for that is compiled whole if it fits, else interpreted (which handles any depth).
                if (splitTarget[f] > 0 && !unsplittable[f]) {
                    unsplittable[f] = true;
                    splitTarget[f] = 0;
                    continue;
                }
                compiled[f] = false;
                return null;
            }
            if (splitHugeMethods(bytes)) {
                continue;
            }
            return bytes;
        }
        return null;
    }

    /**
     * A class of the module: its constructor and dispatch, then the methods of its functions
     * copied from their own classes, frames and all, so nothing is computed again.
     */
    private byte[] assemble(int chunk, byte[][] functions) {
        boolean any = false;
        for (int f = chunkStart(chunk); f < chunkEnd(chunk); f++) {
            any |= compiled[f];
        }
        if (!any) {
            return null;
        }
        ClassWriter shell = classWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        shell.visit(V17, ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object",
                new String[] {"dev/jazero/internal/compiler/CompiledCode"});
        MethodVisitor init = shell.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        dispatch(shell, chunkStart(chunk), chunkEnd(chunk));
        shell.visitEnd();
        ClassWriter cw = new ClassWriter(0);
        new ClassReader(shell.toByteArray()).accept(new ClassVisitor(ASM9, cw) {
            @Override
            public void visitEnd() {
                // The functions' methods come first.
            }
        }, 0);
        ClassVisitor methods = new ClassVisitor(ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return cw.visitMethod(access, name, descriptor, signature, exceptions);
            }
        };
        for (int f = chunkStart(chunk); f < chunkEnd(chunk); f++) {
            if (compiled[f]) {
                new ClassReader(functions[f]).accept(methods, 0);
            }
        }
        cw.visitEnd();
        byte[] bytes;
        try {
            bytes = cw.toByteArray();
        } catch (ClassTooLargeException e) {
            leaveOutChunk(chunk);
            return null;
        }
        dump(bytes);
        return bytes;
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

    /** The index range of the functions of one generated class. */
    private int chunkStart(int chunk) {
        return module.importedFunctionCount() + chunk * FUNCTIONS_PER_CLASS;
    }

    private int chunkEnd(int chunk) {
        return Math.min(compiled.length, chunkStart(chunk) + FUNCTIONS_PER_CLASS);
    }

    /** The number of classes the module's defined functions are spread over. */
    public static int classCount(WasmModule module) {
        return (module.functionCount() - module.importedFunctionCount() + FUNCTIONS_PER_CLASS - 1) / FUNCTIONS_PER_CLASS;
    }

    static int chunkOf(WasmModule module, int function) {
        return (function - module.importedFunctionCount()) / FUNCTIONS_PER_CLASS;
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

    /** A function's method, or one of its pieces, is too large: split it, or split it smaller. */
    private void split(int f) {
        if (unsplittable[f]) {
            compiled[f] = false;
        } else if (splitTarget[f] == 0) {
            splitTarget[f] = methodLimit() * 4 / 5;
        } else if (++splitTries[f] >= SPLIT_TRIES) {
            compiled[f] = false;
        } else {
            splitTarget[f] = splitTarget[f] * 3 / 5;
        }
    }

    private void leaveOutChunk(int chunk) {
        for (int f = chunkStart(chunk); f < chunkEnd(chunk); f++) {
            compiled[f] = false;
        }
    }

    /**
     * HotSpot does not JIT-compile a method of more than 8,000 bytes of bytecode unless the JVM
     * runs with {@code -XX:-DontCompileHugeMethods}; the JVM's bytecode interpreter would run such
     * a function far slower than our interpreter does. Such functions are split into smaller
     * methods, again smaller when a piece is still too large. Returns true when it changed any.
     */
    private boolean splitHugeMethods(byte[] bytes) {
        java.util.Set<Integer> toSplit = new java.util.TreeSet<>();
        ClassReader reader = new ClassReader(bytes);
        char[] buffer = new char[reader.getMaxStringLength()];
        // Walk the class file to each method's Code attribute: ASM does not report code lengths.
        int at = reader.header + 6;
        at += 2 + 2 * reader.readUnsignedShort(at);
        int fields = reader.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipMember(reader, at);
        }
        int methods = reader.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            String name = reader.readUTF8(at + 2, buffer);
            int attributes = reader.readUnsignedShort(at + 6);
            int attribute = at + 8;
            for (int a = 0; a < attributes; a++) {
                int length = reader.readInt(attribute + 2);
                int f = functionOf(name);
                if (f >= 0 && reader.readUTF8(attribute, buffer).equals("Code")) {
                    int codeLength = reader.readInt(attribute + 10);
                    if (codeLength > HUGE_METHOD_LIMIT) {
                        dependsOnHugeMethodLimit = true;
                    }
                    if (codeLength > methodLimit() && splitsAtHugeMethodLimit()) {
                        toSplit.add(f);
                    }
                }
                attribute += 6 + length;
            }
            at = attribute;
        }
        for (int f : toSplit) {
            split(f);
        }
        return !toSplit.isEmpty();
    }

    private static int skipMember(ClassReader reader, int at) {
        int attributes = reader.readUnsignedShort(at + 6);
        at += 8;
        for (int a = 0; a < attributes; a++) {
            at += 6 + reader.readInt(at + 2);
        }
        return at;
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

    private boolean anyCompiled() {
        for (boolean b : compiled) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compiles a function too large for one method as its method {@code f<index>} and pieces
     * {@code f<index>$<id>}, as {@link SplitPlan} chooses them for the function's current target.
     */
    private void compileSplit(ClassWriter cw, int f, FuncType type) {
        Survey survey = surveys[f];
        if (survey == null) {
            MethodVisitor scratch = new ClassWriter(0).visitMethod(ACC_STATIC, methodName(f),
                    FunctionCompiler.descriptor(type), null, null);
            FunctionCompiler surveyor = FunctionCompiler.split(module, f, CLASS_NAME, scratch, compiled, options, 0,
                    null, null, new FunctionCompiler.Sites());
            SplitPlan.Item root = surveyor.survey();
            survey = surveys[f] = new Survey(root, surveyor.surveyedFrameSize());
        }
        java.util.List<SplitPlan.Region> regions = SplitPlan.plan(survey.root(), splitTarget[f]);
        FunctionCompiler.Sites sites = new FunctionCompiler.Sites();
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, methodName(f), FunctionCompiler.descriptor(type), null, null);
        FunctionCompiler main = FunctionCompiler.split(module, f, CLASS_NAME, mv, compiled, options, survey.frameSize(),
                regions, null, sites);
        main.compile();
        java.util.ArrayDeque<FunctionCompiler.PieceState> work = new java.util.ArrayDeque<>(main.pending());
        while (!work.isEmpty()) {
            FunctionCompiler.PieceState state = work.poll();
            MethodVisitor piece = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, FunctionCompiler.pieceName(f, state.region.id),
                    FunctionCompiler.PIECE_DESCRIPTOR, null, null);
            FunctionCompiler compiler = FunctionCompiler.split(module, f, CLASS_NAME, piece, compiled, options,
                    survey.frameSize(), state.region.children, state, sites);
            compiler.compile();
            work.addAll(compiler.pending());
        }
        siteOffsets[f] = main.siteOffsets();
    }

    /**
     * {@code b<f>(long[] stack, ModuleInstance)}: unpack the parameters, call, pack the results,
     * in the engine's stack convention (a v128 is two slots, the low half first).
     */
    private void bridge(ClassWriter cw, int function, FuncType type) {
        MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "b" + function,
                "([JL" + FunctionCompiler.INSTANCE + ";)V", null, null);
        mv.visitCode();
        FunctionCompiler.loadSlots(mv, type.params(), 0);
        mv.visitVarInsn(ALOAD, 1);
        // A call from the engine starts a new count of the call depth.
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, methodName(function), FunctionCompiler.descriptor(type), false);
        ValueType[] results = type.results();
        if (FunctionCompiler.returnsValue(type)) {
            FunctionCompiler.toLong(mv, results[0]);
            mv.visitVarInsn(LSTORE, 2);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(LLOAD, 2);
            mv.visitInsn(LASTORE);
        } else if (results.length > 0) {
            mv.visitVarInsn(ALOAD, 1);
            mv.visitFieldInsn(GETFIELD, FunctionCompiler.INSTANCE, "results", "[J");
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitInsn(ICONST_0);
            pushInt(mv, type.resultSlots());
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy", "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code call(function, stack, instance)}, in chunks so no switch grows past the limits. */
    private void dispatch(ClassWriter cw, int first, int end) {
        int chunks = (end + DISPATCH_CHUNK - 1) / DISPATCH_CHUNK;
        String descriptor = "(I[JL" + FunctionCompiler.INSTANCE + ";)V";
        MethodVisitor call = cw.visitMethod(ACC_PUBLIC, "call", descriptor, null, null);
        call.visitCode();
        Label[] chunkLabels = new Label[chunks];
        Label bad = new Label();
        for (int c = 0; c < chunks; c++) {
            chunkLabels[c] = new Label();
        }
        call.visitVarInsn(ILOAD, 1);
        pushInt(call, DISPATCH_CHUNK);
        call.visitInsn(IDIV);
        call.visitTableSwitchInsn(0, chunks - 1, bad, chunkLabels);
        for (int c = 0; c < chunks; c++) {
            call.visitLabel(chunkLabels[c]);
            call.visitVarInsn(ILOAD, 1);
            call.visitVarInsn(ALOAD, 2);
            call.visitVarInsn(ALOAD, 3);
            call.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "d" + c, "(I[JL" + FunctionCompiler.INSTANCE + ";)V", false);
            call.visitInsn(RETURN);
        }
        call.visitLabel(bad);
        throwBadFunction(call, 1);
        call.visitMaxs(0, 0);
        call.visitEnd();
        for (int c = 0; c < chunks; c++) {
            int from = c * DISPATCH_CHUNK;
            int to = Math.min(end, from + DISPATCH_CHUNK) - 1;
            MethodVisitor mv = cw.visitMethod(ACC_STATIC | ACC_PRIVATE, "d" + c, "(I[JL" + FunctionCompiler.INSTANCE + ";)V", null, null);
            mv.visitCode();
            Label[] labels = new Label[to - from + 1];
            Label none = new Label();
            for (int i = 0; i < labels.length; i++) {
                labels[i] = from + i >= first && compiled[from + i] ? new Label() : none;
            }
            mv.visitVarInsn(ILOAD, 0);
            mv.visitTableSwitchInsn(from, to, none, labels);
            for (int i = 0; i < labels.length; i++) {
                if (from + i >= first && compiled[from + i]) {
                    mv.visitLabel(labels[i]);
                    mv.visitVarInsn(ALOAD, 1);
                    mv.visitVarInsn(ALOAD, 2);
                    mv.visitMethodInsn(INVOKESTATIC, CLASS_NAME, "b" + (from + i), "([JL" + FunctionCompiler.INSTANCE + ";)V", false);
                    mv.visitInsn(RETURN);
                }
            }
            mv.visitLabel(none);
            throwBadFunction(mv, 0);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }

    private static void throwBadFunction(MethodVisitor mv, int functionSlot) {
        mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
        mv.visitInsn(DUP);
        mv.visitLdcInsn("function not compiled");
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false);
        mv.visitInsn(ATHROW);
    }

    static MethodType methodType(FuncType type) {
        java.util.List<Class<?>> params = new java.util.ArrayList<>();
        for (ValueType t : type.params()) {
            if (t == ValueType.V128) {
                params.add(long.class);
                params.add(long.class);
            } else {
                params.add(javaType(t));
            }
        }
        params.add(dev.jazero.internal.runtime.ModuleInstance.class);
        params.add(int.class);
        Class<?> result = FunctionCompiler.returnsValue(type) ? javaType(type.results()[0]) : void.class;
        return MethodType.methodType(result, params);
    }

    private static Class<?> javaType(ValueType t) {
        return switch (FunctionCompiler.jvmType(t)) {
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
