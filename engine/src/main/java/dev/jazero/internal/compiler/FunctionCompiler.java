package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.ByteReader;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.ir.ArithmeticNaNs;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.FunctionCode;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.WasmModule;
import java.util.Arrays;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Translates one validated function body into the body of a static JVM method
 * {@code f<index>(params..., ModuleInstance)}. WebAssembly locals become JVM locals and
 * the operand stack is the JVM operand stack, so HotSpot sees ordinary code. Every instruction
 * whose semantics differ from the JVM's calls the same method the interpreter uses.
 *
 * <p>A v128 is two {@code long}s wherever a value goes, the low half first: two JVM values on the
 * operand stack, two long locals, two parameters, two slots of a {@code long[]} (the result
 * buffer, the engine's stack). A method returns its result directly only when that result is one
 * slot; otherwise (several results, or a v128) it leaves the result slots in its instance's
 * {@code results} buffer and returns void.
 *
 * <p>The body is known to be valid, so types are tracked only as far as the JVM needs them:
 * to pop, spill and convert values. Code that cannot run (after {@code br}, {@code return},
 * {@code unreachable}) is skipped up to the end of its block.
 */
final class FunctionCompiler {

    static final String INSTANCE = Type.getInternalName(dev.jazero.internal.runtime.ModuleInstance.class);
    static final String MEMORY = Type.getInternalName(dev.jazero.internal.runtime.MemoryInstance.class);
    static final String FUNCTION = Type.getInternalName(dev.jazero.internal.runtime.FunctionInstance.class);
    static final String SUPPORT = Type.getInternalName(CompiledSupport.class);
    static final String NUMERICS = Type.getInternalName(dev.jazero.internal.semantics.Numerics.class);

    /**
     * Thrown for an instruction that the validator accepts and this compiler does not translate
     * (a feature arrives in the interpreter first): the function then runs in the interpreter
     * ({@link ModuleCompiler} catches it).
     */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private final WasmModule module;
    private final int functionIndex;
    private final String className;
    final MethodVisitor mv;
    private final CodeOptions options;
    private final CallEmitter calls;
    private final MemoryEmitter memory;
    private final FuncType type;
    private final FunctionCode body;
    final InstructionReader reader;

    private final ValueType[] localTypes;
    private final int[] localSlots;
    private final int instanceSlot;
    private final int memorySlot;
    private int nextLocal;
    /** Emits the SIMD instructions; made with its scratch locals at the first one. */
    private SimdEmitter simd;

    ValueType[] stack = new ValueType[32];
    int height;

    private ControlFrame[] frames = new ControlFrame[16];
    int frameCount;

    // ---- split functions (see SplitPlan) --------------------------------------------------------

    /**
     * Whether the Wasm locals live in a {@code long[]} frame (one slot each, two for a v128)
     * rather than in JVM locals: so they are in the methods of a split function, which share the
     * frame. After the locals, the frame holds the values that cross between the pieces: the
     * value at operand stack index {@code i} has the slots {@link #stackIndex(int)}.
     */
    private final boolean framed;
    /** The JVM local holding the frame. */
    private final int frameSlot;
    /** Per Wasm local, its first slot in the frame. */
    private final int[] frameIndex;
    /** The first slot of the frame after the locals. */
    final int stackBase;
    /** Slots of the frame, locals and crossing values. */
    private final int frameSize;
    /** In a piece, its region; null in a function's own method. */
    private final SplitPlan.Region region;
    /** The frames outside the piece (0 in a function's method): a branch to one leaves the piece. */
    private int outerCount;
    /** The regions directly inside this method's code, by where they start; null for none. */
    private java.util.Map<Integer, SplitPlan.Region> children;
    /** Pieces whose calls this method made, with what their code starts from. */
    private final java.util.List<PieceState> pending = new java.util.ArrayList<>();
    /** Line number sites, shared by the methods of a function. */
    private final LineSites sites;

    FunctionCompiler(WasmModule module, int functionIndex, String className, MethodVisitor mv, CodeOptions options) {
        this(module, functionIndex, className, mv, options, false, 0, null, new LineSites());
    }

    /**
     * The compiler of a method of a split function: its own method ({@code state} null), which
     * allocates the frame of {@code frameSize} slots, or a piece
     * {@code f<index>$<id>(long[] frame, ModuleInstance) int} starting from
     * {@code state}.
     */
    static FunctionCompiler split(WasmModule module, int functionIndex, String className, MethodVisitor mv,
            CodeOptions options, int frameSize, java.util.List<SplitPlan.Region> children,
            PieceState state, LineSites sites) {
        FunctionCompiler c = new FunctionCompiler(module, functionIndex, className, mv, options, true,
                frameSize, state, sites);
        if (children != null) {
            c.children = new java.util.HashMap<>();
            for (SplitPlan.Region r : children) {
                c.children.put(r.start, r);
            }
        }
        return c;
    }

    /** The descriptor of a piece. */
    static final String PIECE_DESCRIPTOR = "([JL" + INSTANCE + ";)I";

    static String pieceName(int function, int id) {
        return ModuleCompiler.methodName(function) + "$" + id;
    }

    private FunctionCompiler(WasmModule module, int functionIndex, String className, MethodVisitor mv,
            CodeOptions options, boolean framed, int frameSize, PieceState state, LineSites sites) {
        this.framed = framed;
        this.frameSize = frameSize;
        this.region = state == null ? null : state.region;
        this.sites = sites;
        this.module = module;
        this.options = options;
        this.functionIndex = functionIndex;
        this.className = className;
        this.mv = mv;
        this.calls = new CallEmitter(this, mv, module, functionIndex, className, options);
        this.memory = new MemoryEmitter(this, mv);
        this.type = module.functionType(functionIndex);
        this.body = module.codes.get(functionIndex - module.importedFunctionCount());
        this.reader = new InstructionReader(new ByteReader(body.code()));
        ValueType[] params = type.params();
        localTypes = new ValueType[params.length + body.locals().length];
        System.arraycopy(params, 0, localTypes, 0, params.length);
        System.arraycopy(body.locals(), 0, localTypes, params.length, body.locals().length);
        localSlots = new int[localTypes.length];
        frameIndex = new int[localTypes.length];
        int index = 0;
        for (int i = 0; i < localTypes.length; i++) {
            frameIndex[i] = index;
            index += localTypes[i].slots();
        }
        stackBase = index;
        if (state != null) {
            // A piece: (long[] frame, ModuleInstance).
            frameSlot = 0;
            instanceSlot = 1;
            memorySlot = 2;
            nextLocal = 3;
            frames = new ControlFrame[Math.max(16, state.frames.length * 2)];
            System.arraycopy(state.frames, 0, frames, 0, state.frames.length);
            frameCount = outerCount = state.frames.length;
            stack = Arrays.copyOf(state.stack, Math.max(32, state.stack.length * 2));
            height = state.stack.length;
            reader.input().setPosition(state.region.start);
            return;
        }
        int slot = 0;
        for (int i = 0; i < params.length; i++) {
            localSlots[i] = slot;
            slot += JvmTypes.size(params[i]);
        }
        instanceSlot = slot++;
        memorySlot = slot++;
        if (framed) {
            frameSlot = slot++;
        } else {
            frameSlot = -1;
            for (int i = params.length; i < localTypes.length; i++) {
                localSlots[i] = slot;
                slot += JvmTypes.size(localTypes[i]);
            }
        }
        nextLocal = slot;
    }

    /**
     * Surveys the function for splitting: compiles it as one method with its locals in the
     * frame (into {@code mv}, whose class is thrown away) and records every instruction's
     * bytecode size and effects. Returns the function's body as the root item.
     */
    SplitPlan.Item survey() {
        survey = new BlockSurvey(this);
        compile();
        return survey.root;
    }

    /** After {@link #survey()}: the frame slots the function's split methods need. */
    int surveyedFrameSize() {
        return stackBase + survey.maxStackSlots;
    }

    private BlockSurvey survey;

    /** The pieces whose calls this method made, to compile next. */
    java.util.List<PieceState> pending() {
        return pending;
    }

    // ---- types (JvmTypes) ----------------------------------------------------------------------

    void load(ValueType t, int slot) {
        JvmTypes.load(mv, t, slot);
    }

    void store(ValueType t, int slot) {
        JvmTypes.store(mv, t, slot);
    }

    private void popValue(ValueType t) {
        JvmTypes.popValue(mv, t);
    }

    /**
     * Stores the values of {@code types}, held in the locals {@code temps}, into the
     * {@code long[]} on top of the stack from slot 0 on; the array stays on the stack.
     */
    void storeSlots(ValueType[] types, int[] temps) {
        JvmTypes.storeSlots(mv, types, temps);
    }

    /** Pushes the values of {@code types} from the {@code long[]} in local {@code array}, from slot 0 on. */
    void loadSlots(ValueType[] types, int array) {
        JvmTypes.loadSlots(mv, types, array);
    }

    /** Moves the values of {@code types} on top of the stack into new locals, returned in order. */
    int[] spill(ValueType[] types) {
        int[] temps = new int[types.length];
        for (int i = types.length - 1; i >= 0; i--) {
            temps[i] = newLocal(types[i]);
            store(types[i], temps[i]);
        }
        return temps;
    }

    /** A new local of one slot, for a reference. */
    int newReferenceLocal() {
        return nextLocal++;
    }

    /** The local that holds the function's first memory. */
    int memorySlot() {
        return memorySlot;
    }

    int newLocal(ValueType t) {
        int slot = nextLocal;
        nextLocal += JvmTypes.size(t);
        return slot;
    }

    /** Converts the top value to its long slot encoding. */
    private void toLong(ValueType t) {
        JvmTypes.toLong(mv, t);
    }

    /** Converts a long slot encoding on top to the type's JVM value. */
    private void fromLong(ValueType t) {
        JvmTypes.fromLong(mv, t);
    }

    void push(ValueType t) {
        if (height == stack.length) {
            stack = Arrays.copyOf(stack, height * 2);
        }
        stack[height++] = t;
    }

    ValueType pop() {
        return stack[--height];
    }

    void pop(int n) {
        height -= n;
    }

    void iconst(int v) {
        JvmTypes.iconst(mv, v);
    }

    private void lconst(long v) {
        JvmTypes.lconst(mv, v);
    }

    void support(String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, SUPPORT, name, descriptor, false);
    }

    private void numerics(String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, NUMERICS, name, descriptor, false);
    }

    void loadInstance() {
        mv.visitVarInsn(ALOAD, instanceSlot);
    }

    // ---- control -------------------------------------------------------------------------------

    private ControlFrame pushFrame(int opcode, ValueType[] params, ValueType[] results, boolean dead) {
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        ControlFrame f = frames[frameCount];
        if (f == null) {
            f = frames[frameCount] = new ControlFrame();
        }
        frameCount++;
        f.opcode = opcode;
        f.params = params;
        f.results = results;
        f.height = height - params.length;
        f.label = new Label();
        f.elseLabel = null;
        f.unreachable = false;
        f.dead = dead;
        f.isFunction = frameCount == 1;
        f.index = frameCount - 1;
        return f;
    }

    ControlFrame top() {
        return frames[frameCount - 1];
    }

    boolean live() {
        ControlFrame f = top();
        return !f.unreachable && !f.dead;
    }

    private void setUnreachable() {
        ControlFrame f = top();
        height = f.height;
        f.unreachable = true;
    }

    private FuncType blockType(long bt) {
        return module.blockType(bt);
    }

    /**
     * Moves the label's values down over any other values above the label's height, so the stack
     * is what the label expects; the values are on top before and after.
     */
    private void adjustFor(ControlFrame target) {
        ValueType[] values = target.labelTypes();
        int extra = height - target.height - values.length;
        if (extra <= 0 || target.isFunction) {
            return;
        }
        int[] temps = spill(values);
        for (int i = 0; i < extra; i++) {
            popValue(stack[height - values.length - 1 - i]);
        }
        for (int i = 0; i < values.length; i++) {
            load(values[i], temps[i]);
        }
    }

    /** Branches unconditionally to a label, the value stack being the current one. */
    private void branch(ControlFrame target) {
        if (target.index < outerCount) {
            exitTo(target);
            return;
        }
        if (target.isFunction) {
            emitReturn();
            return;
        }
        adjustFor(target);
        mv.visitJumpInsn(GOTO, target.label);
    }

    private void emitReturn() {
        if (outerCount > 0) {
            // In a piece: the function's method returns.
            exitTo(frames[0]);
            return;
        }
        if (options.listening()) {
            listenAfter();
        }
        ValueType[] results = type.results();
        if (results.length == 0) {
            mv.visitInsn(RETURN);
        } else if (JvmTypes.returnsValue(type)) {
            mv.visitInsn(switch (JvmTypes.jvmType(results[0])) {
                case 'I' -> IRETURN;
                case 'F' -> FRETURN;
                case 'D' -> DRETURN;
                default -> LRETURN;
            });
        } else {
            // Several results, or a v128, travel through the instance's result buffer.
            int[] temps = spill(results);
            loadInstance();
            mv.visitFieldInsn(GETFIELD, INSTANCE, "results", "[J");
            storeSlots(results, temps);
            mv.visitInsn(POP);
            mv.visitInsn(RETURN);
        }
    }

    // ---- the walk ------------------------------------------------------------------------------

    /**
     * The JVM line number (an unsigned 16-bit value, 0 meaning none) for the instruction at
     * {@code offset} in the function's code: the offset plus one, or, in a function of 64 KiB of
     * code or more, the instruction's number among those that may trap or call, plus one, with
     * {@link #siteOffsets()} to map it back.
     */
    private int lineNumber(int offset) {
        if (body.code().length < MAX_LINE) {
            return offset + 1;
        }
        if (sites.offsets == null) {
            sites.offsets = new int[64];
        }
        if (sites.count == MAX_LINE) {
            return MAX_LINE; // LineSites past the 65,535th share the last number.
        }
        if (sites.count == sites.offsets.length) {
            sites.offsets = java.util.Arrays.copyOf(sites.offsets, Math.min(sites.count * 2, MAX_LINE));
        }
        sites.offsets[sites.count++] = offset;
        return sites.count;
    }

    private static final int MAX_LINE = 65535;

    /**
     * For a function of 64 KiB of code or more, the offset in its code of each instruction by
     * its line number minus one (see {@link #lineNumber}); null for others, whose line numbers
     * are their offsets plus one.
     */
    int[] siteOffsets() {
        return body.code().length < MAX_LINE ? null
                : sites.offsets == null ? new int[0] : java.util.Arrays.copyOf(sites.offsets, sites.count);
    }

    void compile() {
        mv.visitCode();
        if (region != null) {
            compilePiece();
            return;
        }
        if (framed) {
            iconst(frameSize);
            mv.visitIntInsn(NEWARRAY, T_LONG);
            mv.visitVarInsn(ASTORE, frameSlot);
            for (int i = 0; i < type.params().length; i++) {
                load(localTypes[i], localSlots[i]);
                storeToFrame(localTypes[i], frameIndex[i]);
            }
        } else {
            for (int i = type.params().length; i < localTypes.length; i++) {
                zero(localTypes[i]);
                store(localTypes[i], localSlots[i]);
            }
        }
        loadMemory();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        if (options.listening()) {
            mv.visitTryCatchBlock(start, end, handler, null);
        }
        mv.visitLabel(start);
        if (options.listening()) {
            // The parameters, as the listener sees them.
            iconst(type.paramSlots());
            mv.visitIntInsn(NEWARRAY, T_LONG);
            storeSlots(type.params(), localSlots);
            listening("beforeCompiled", "([J");
        }
        cancelCheck(CancellationPoint.ENTRY);
        pushFrame(Opcode.BLOCK, new ValueType[0], type.results(), false);
        if (survey != null) {
            survey.start();
        }
        walk();
        mv.visitLabel(end);
        if (options.listening()) {
            // Whatever leaves the function by an exception, the listener hears of it.
            mv.visitLabel(handler);
            mv.visitInsn(DUP);
            listening("abortCompiled", "(Ljava/lang/Throwable;");
            mv.visitInsn(ATHROW);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Translates instructions up to the end of the function, or of the piece's region; a region
     * inside becomes a call to its piece.
     */
    private void walk() {
        while (region == null ? frameCount > 0 : reader.input().position() != region.end) {
            if (children != null && live()) {
                SplitPlan.Region r = children.get(reader.input().position());
                if (r != null) {
                    callPiece(r);
                    continue;
                }
            }
            int op = reader.next();
            if (survey != null) {
                survey.before(op);
            }
            if (live()) {
                if (mayTrapOrCall(op)) {
                    // The line number is the instruction's offset in the function's code, plus
                    // one: where a trap, or a call that traps deeper, says it happened.
                    Label here = new Label();
                    mv.visitLabel(here);
                    mv.visitLineNumber(lineNumber(reader.start), here);
                }
                instruction(op);
            } else {
                skipped(op);
            }
            if (survey != null) {
                survey.after(op);
            }
        }
    }

    /**
     * A piece: takes the values above its block's height from the frame, runs its region, and
     * returns 0 with the values above that height in the frame when it falls through, or
     * {@code k + 1} when it branches to frame {@code k} outside it (see {@link #exitTo}).
     */
    private void compilePiece() {
        keepMemory();
        int h0 = top().height;
        int p = stackIndex(h0);
        for (int i = h0; i < height; i++) {
            loadFromFrame(stack[i], p);
            p += stack[i].slots();
        }
        walk();
        if (live()) {
            spillToFrame(h0);
            mv.visitInsn(ICONST_0);
            mv.visitInsn(IRETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The first frame slot of the value at operand stack index {@code index}. */
    int stackIndex(int index) {
        int p = stackBase;
        for (int i = 0; i < index; i++) {
            p += stack[i].slots();
        }
        return p;
    }

    private void loadFromFrame(ValueType t, int index) {
        mv.visitVarInsn(ALOAD, frameSlot);
        iconst(index);
        mv.visitInsn(LALOAD);
        if (t == ValueType.V128) {
            mv.visitVarInsn(ALOAD, frameSlot);
            iconst(index + 1);
            mv.visitInsn(LALOAD);
        } else {
            fromLong(t);
        }
    }

    /** Stores the value on top into the frame. */
    private void storeToFrame(ValueType t, int index) {
        if (t == ValueType.V128) {
            putSlot(index + 1);
            putSlot(index);
        } else {
            toLong(t);
            putSlot(index);
        }
    }

    private void putSlot(int index) {
        mv.visitVarInsn(ALOAD, frameSlot);
        iconst(index);
        support("put", "(J[JI)V");
    }

    /** Moves the values from operand stack index {@code from} up into their frame slots; the tracked stack stays. */
    private void spillToFrame(int from) {
        int p = stackIndex(height);
        for (int i = height - 1; i >= from; i--) {
            p -= stack[i].slots();
            storeToFrame(stack[i], p);
        }
    }

    /** In a piece: leaves it for a frame outside, the label's values on top going into the frame. */
    private void exitTo(ControlFrame target) {
        ValueType[] values = target.labelTypes();
        int p = stackIndex(target.height);
        for (ValueType t : values) {
            p += t.slots();
        }
        for (int i = values.length - 1; i >= 0; i--) {
            p -= values[i].slots();
            storeToFrame(values[i], p);
        }
        iconst(target.index + 1);
        mv.visitInsn(IRETURN);
    }

    /**
     * Calls the piece of a region that starts here: the values above the current block's height
     * go into the frame, and the piece's exit code says where to go on.
     */
    private void callPiece(SplitPlan.Region r) {
        int h0 = top().height;
        ControlFrame[] outside = new ControlFrame[frameCount];
        for (int i = 0; i < frameCount; i++) {
            outside[i] = frames[i].copyOutside();
        }
        pending.add(new PieceState(r, outside, Arrays.copyOf(stack, height)));
        spillToFrame(h0);
        height = h0;
        mv.visitVarInsn(ALOAD, frameSlot);
        loadInstance();
        mv.visitMethodInsn(INVOKESTATIC, className, pieceName(functionIndex, r.id), PIECE_DESCRIPTOR, false);
        java.util.BitSet exits = r.exits;
        int first = exits.nextSetBit(0);
        boolean passOn = first >= 0 && first < outerCount;
        int firstHere = exits.nextSetBit(outerCount);
        if (!passOn && firstHere < 0) {
            mv.visitInsn(POP);
        } else {
            int code = nextLocal++;
            mv.visitVarInsn(ISTORE, code);
            if (passOn) {
                // To a frame outside this piece too: this piece returns the same code.
                Label here = new Label();
                if (r.endLive) {
                    mv.visitVarInsn(ILOAD, code);
                    mv.visitJumpInsn(IFEQ, here);
                }
                mv.visitVarInsn(ILOAD, code);
                iconst(outerCount);
                mv.visitJumpInsn(IF_ICMPGT, here);
                mv.visitVarInsn(ILOAD, code);
                mv.visitInsn(IRETURN);
                mv.visitLabel(here);
            }
            if (firstHere >= 0) {
                int n = exits.get(outerCount, frameCount).cardinality();
                int[] keys = new int[n];
                Label[] labels = new Label[n];
                int k = 0;
                for (int j = firstHere; j >= 0; j = exits.nextSetBit(j + 1)) {
                    keys[k] = j + 1;
                    labels[k++] = new Label();
                }
                Label fallThrough = new Label();
                mv.visitVarInsn(ILOAD, code);
                mv.visitLookupSwitchInsn(fallThrough, keys, labels);
                // Each branch pushes its label's values over the stack's types: restore them after.
                ValueType[] below = Arrays.copyOf(stack, h0);
                for (int i = 0; i < n; i++) {
                    mv.visitLabel(labels[i]);
                    height = h0;
                    branchFromFrame(frames[keys[i] - 1]);
                    System.arraycopy(below, 0, stack, 0, h0);
                }
                mv.visitLabel(fallThrough);
            }
        }
        height = h0;
        if (r.endLive) {
            int p = stackIndex(h0);
            for (ValueType t : r.endTypes) {
                loadFromFrame(t, p);
                p += t.slots();
                push(t);
            }
        } else {
            // The region never falls through.
            mv.visitInsn(ACONST_NULL);
            mv.visitInsn(ATHROW);
            setUnreachable();
        }
        reader.input().setPosition(r.end);
    }

    /** After a piece left for {@code target} in this method: drops what is above it, takes its values from the frame, goes there. */
    private void branchFromFrame(ControlFrame target) {
        for (int i = height - 1; i >= target.height; i--) {
            popValue(stack[i]);
        }
        height = target.height;
        int p = stackIndex(height);
        for (ValueType t : target.labelTypes()) {
            loadFromFrame(t, p);
            p += t.slots();
            push(t);
        }
        if (target.isFunction) {
            emitReturn();
        } else {
            mv.visitJumpInsn(GOTO, target.label);
        }
    }

    private void zero(ValueType t) {
        if (t == ValueType.V128) {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCONST_0);
            return;
        }
        switch (JvmTypes.jvmType(t)) {
            case 'I' -> mv.visitInsn(ICONST_0);
            case 'F' -> mv.visitInsn(FCONST_0);
            case 'D' -> mv.visitInsn(DCONST_0);
            default -> mv.visitInsn(LCONST_0);
        }
    }

    /** Calls a {@code Listening} method whose leading arguments are on the stack, then (instance, index). */
    private void listening(String name, String leadingDescriptor) {
        loadInstance();
        iconst(functionIndex);
        mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(dev.jazero.internal.runtime.Listening.class), name,
                leadingDescriptor + "L" + INSTANCE + ";I)V", false);
    }

    /** With the results on top: tells the listener, leaving them where they are. */
    private void listenAfter() {
        ValueType[] results = type.results();
        int[] temps = spill(results);
        iconst(type.resultSlots());
        mv.visitIntInsn(NEWARRAY, T_LONG);
        storeSlots(results, temps);
        listening("afterCompiled", "([J");
        for (int i = 0; i < results.length; i++) {
            load(results[i], temps[i]);
        }
    }

    /**
     * With cancellation on, the check of a loop header: the module's {@link CancellationPoint},
     * which costs nothing until a running call is cancelled.
     */
    private void cancelCheck() {
        cancelCheck("loop");
    }

    /** The cancellation check named {@code name}: CancellationPoint.ENTRY or a loop's. */
    private void cancelCheck(String name) {
        if (options.cancellable()) {
            loadInstance();
            mv.visitInvokeDynamicInsn(name, "(L" + INSTANCE + ";)V", CancellationPoint.BOOTSTRAP);
        }
    }

    /**
     * Keeps the instance's first memory in its local for the loads and stores, when the function
     * has any: a function without them then does not even test its instance for null (in
     * recursive {@code fib}, a test and a branch per call). A split function (framed) is large,
     * surely has some, and its pieces would each scan it again: it always keeps it.
     */
    private void loadMemory() {
        if (framed || accessesMemory(body.code())) {
            keepMemory();
        }
    }

    private void keepMemory() {
        loadInstance();
        mv.visitFieldInsn(GETFIELD, INSTANCE, "memory0", "L" + MEMORY + ";");
        mv.visitVarInsn(ASTORE, memorySlot);
    }

    /** Whether code has a load or store, the instructions that use the memory's local. */
    private static boolean accessesMemory(byte[] code) {
        InstructionReader scan = new InstructionReader(new ByteReader(code));
        while (scan.input().hasMore()) {
            if (loadsOrStores(scan.next())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code op} is a load or store, scalar or SIMD. */
    private static boolean loadsOrStores(int op) {
        return (op >= 0x28 && op <= 0x3E) || (op >> 8 == Opcode.PREFIX_FD && SimdEmitter.accessesMemory(op & 0xFF));
    }

    /** Instructions that can trap or call: the only ones whose position a stack trace shows. */
    private static boolean mayTrapOrCall(int op) {
        return switch (op) {
            case Opcode.UNREACHABLE, Opcode.CALL, Opcode.CALL_INDIRECT, Opcode.TABLE_GET, Opcode.TABLE_SET,
                    Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U, Opcode.I64_DIV_S,
                    Opcode.I64_DIV_U, Opcode.I64_REM_S, Opcode.I64_REM_U, Opcode.I32_TRUNC_F32_S,
                    Opcode.I32_TRUNC_F32_U, Opcode.I32_TRUNC_F64_S, Opcode.I32_TRUNC_F64_U,
                    Opcode.I64_TRUNC_F32_S, Opcode.I64_TRUNC_F32_U, Opcode.I64_TRUNC_F64_S,
                    Opcode.I64_TRUNC_F64_U -> true;
            default -> loadsOrStores(op) || (op >> 8 == Opcode.PREFIX_FC && (op & 0xFF) >= 8);
        };
    }

    /** Unreachable code: only the block structure matters. */
    private void skipped(int op) {
        switch (op) {
            case Opcode.BLOCK, Opcode.LOOP, Opcode.IF -> {
                FuncType bt = blockType(reader.a);
                ControlFrame f = pushFrame(op, bt.params(), bt.results(), true);
                f.height = height;
            }
            case Opcode.ELSE -> elseInstruction();
            case Opcode.END -> end();
            default -> { }
        }
    }

    private void instruction(int op) {
        switch (op) {
            case Opcode.UNREACHABLE -> {
                mv.visitFieldInsn(GETSTATIC, Type.getInternalName(dev.jazero.api.TrapKind.class), "UNREACHABLE",
                        Type.getDescriptor(dev.jazero.api.TrapKind.class));
                mv.visitMethodInsn(INVOKESTATIC, Type.getInternalName(dev.jazero.internal.runtime.Traps.class), "trap",
                        "(Ldev/jazero/api/TrapKind;)Ldev/jazero/api/TrapException;", false);
                mv.visitInsn(ATHROW);
                setUnreachable();
            }
            case Opcode.NOP -> { }
            case Opcode.BLOCK -> {
                FuncType bt = blockType(reader.a);
                pushFrame(op, bt.params(), bt.results(), false);
            }
            case Opcode.LOOP -> {
                FuncType bt = blockType(reader.a);
                ControlFrame f = pushFrame(op, bt.params(), bt.results(), false);
                mv.visitLabel(f.label);
                cancelCheck();
            }
            case Opcode.IF -> {
                FuncType bt = blockType(reader.a);
                pop();
                ControlFrame f = pushFrame(op, bt.params(), bt.results(), false);
                f.elseLabel = new Label();
                jumpOnCondition(true, f.elseLabel);
            }
            case Opcode.ELSE -> elseInstruction();
            case Opcode.END -> end();
            case Opcode.BR -> {
                if (survey != null) {
                    survey.exit(label(reader.a).index);
                }
                branch(label(reader.a));
                setUnreachable();
            }
            case Opcode.BR_IF -> {
                pop();
                ControlFrame target = label(reader.a);
                if (survey != null) {
                    survey.exit(target.index);
                }
                boolean plain = !target.isFunction && target.index >= outerCount
                        && height - target.height - target.labelTypes().length == 0;
                if (plain) {
                    jumpOnCondition(false, target.label);
                } else {
                    Label skip = new Label();
                    jumpOnCondition(true, skip);
                    branch(target);
                    mv.visitLabel(skip);
                }
            }
            case Opcode.BR_TABLE -> brTable();
            case Opcode.RETURN -> {
                if (survey != null) {
                    survey.exit(0);
                }
                emitReturn();
                setUnreachable();
            }
            case Opcode.CALL -> calls.call((int) reader.a);
            case Opcode.CALL_INDIRECT -> calls.callIndirect((int) reader.a, (int) reader.b);
            case Opcode.DROP -> popValue(pop());
            case Opcode.SELECT, Opcode.SELECT_T -> select();
            case Opcode.LOCAL_GET -> {
                int i = (int) reader.a;
                if (framed) {
                    loadFromFrame(localTypes[i], frameIndex[i]);
                } else {
                    load(localTypes[i], localSlots[i]);
                }
                push(localTypes[i]);
            }
            case Opcode.LOCAL_SET -> {
                int i = (int) reader.a;
                if (framed) {
                    storeToFrame(localTypes[i], frameIndex[i]);
                } else {
                    store(localTypes[i], localSlots[i]);
                }
                pop();
            }
            case Opcode.LOCAL_TEE -> {
                int i = (int) reader.a;
                if (framed) {
                    if (localTypes[i] == ValueType.V128) {
                        storeToFrame(localTypes[i], frameIndex[i]);
                        loadFromFrame(localTypes[i], frameIndex[i]);
                    } else {
                        mv.visitInsn(JvmTypes.size(localTypes[i]) == 2 ? DUP2 : DUP);
                        storeToFrame(localTypes[i], frameIndex[i]);
                    }
                } else if (localTypes[i] == ValueType.V128) {
                    store(localTypes[i], localSlots[i]);
                    load(localTypes[i], localSlots[i]);
                } else {
                    mv.visitInsn(JvmTypes.size(localTypes[i]) == 2 ? DUP2 : DUP);
                    store(localTypes[i], localSlots[i]);
                }
            }
            case Opcode.GLOBAL_GET -> {
                ValueType t = module.allGlobals().get((int) reader.a).valueType();
                loadInstance();
                iconst((int) reader.a);
                support("globalGet", "(L" + INSTANCE + ";I)J");
                fromLong(t);
                if (t == ValueType.V128) {
                    loadInstance();
                    iconst((int) reader.a);
                    support("globalGetHigh", "(L" + INSTANCE + ";I)J");
                }
                push(t);
            }
            case Opcode.GLOBAL_SET -> {
                ValueType t = pop();
                toLong(t);
                loadInstance();
                iconst((int) reader.a);
                if (t == ValueType.V128) {
                    support("globalSetV128", "(JJL" + INSTANCE + ";I)V");
                } else {
                    support("globalSet", "(JL" + INSTANCE + ";I)V");
                }
            }
            case Opcode.TABLE_GET -> {
                ValueType t = module.allTables().get((int) reader.a).elementType();
                pop();
                loadInstance();
                iconst((int) reader.a);
                support("tableGet", "(IL" + INSTANCE + ";I)J");
                push(t);
            }
            case Opcode.TABLE_SET -> {
                pop(2);
                loadInstance();
                iconst((int) reader.a);
                support("tableSet", "(IJL" + INSTANCE + ";I)V");
            }
            case Opcode.I32_LOAD, Opcode.I64_LOAD, Opcode.F32_LOAD, Opcode.F64_LOAD, Opcode.I32_LOAD8_S,
                    Opcode.I32_LOAD8_U, Opcode.I32_LOAD16_S, Opcode.I32_LOAD16_U, Opcode.I64_LOAD8_S,
                    Opcode.I64_LOAD8_U, Opcode.I64_LOAD16_S, Opcode.I64_LOAD16_U, Opcode.I64_LOAD32_S,
                    Opcode.I64_LOAD32_U -> memory.load(op, (int) reader.b);
            case Opcode.I32_STORE, Opcode.I64_STORE, Opcode.F32_STORE, Opcode.F64_STORE, Opcode.I32_STORE8,
                    Opcode.I32_STORE16, Opcode.I64_STORE8, Opcode.I64_STORE16, Opcode.I64_STORE32 -> memory.store(op, (int) reader.b);
            case Opcode.MEMORY_SIZE -> {
                loadInstance();
                support("memorySize", "(L" + INSTANCE + ";)I");
                push(ValueType.I32);
            }
            case Opcode.MEMORY_GROW -> {
                loadInstance();
                support("memoryGrow", "(IL" + INSTANCE + ";)I");
            }
            case Opcode.I32_CONST -> {
                iconst((int) reader.a);
                push(ValueType.I32);
            }
            case Opcode.I64_CONST -> {
                lconst(reader.a);
                push(ValueType.I64);
            }
            case Opcode.F32_CONST -> {
                iconst((int) reader.a);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                push(ValueType.F32);
            }
            case Opcode.F64_CONST -> {
                lconst(reader.a);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                push(ValueType.F64);
            }
            case Opcode.REF_NULL -> {
                mv.visitInsn(LCONST_0);
                push(ValueType.fromCode((int) reader.a));
            }
            case Opcode.REF_IS_NULL -> {
                pop();
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                NumericEmitter.test(mv, IFEQ);
                push(ValueType.I32);
            }
            case Opcode.REF_FUNC -> {
                loadInstance();
                iconst((int) reader.a);
                support("refFunc", "(L" + INSTANCE + ";I)J");
                push(ValueType.FUNCREF);
            }
            default -> {
                if (NumericEmitter.isCondition(op) && branchFollows()) {
                    pendingJump = NumericEmitter.emitCondition(mv, op);
                    applySignature(op);
                } else if (op >= 0x45 && op <= 0xC4) {
                    NumericEmitter.emit(mv, op);
                    applySignature(op);
                    if (options.canonicalNaNs()) {
                        switch (ArithmeticNaNs.plain(op)) {
                            case ArithmeticNaNs.F32 -> mv.visitMethodInsn(INVOKESTATIC, NUMERICS, "canonical", "(F)F", false);
                            case ArithmeticNaNs.F64 -> mv.visitMethodInsn(INVOKESTATIC, NUMERICS, "canonical", "(D)D", false);
                            default -> { }
                        }
                    }
                } else if (op >> 8 == Opcode.PREFIX_FC) {
                    memory.prefixedFc(op & 0xFF, (int) reader.a, (int) reader.b);
                } else if (op >> 8 == Opcode.PREFIX_FD) {
                    prefixedFd(op & 0xFF);
                } else {
                    throw new Unsupported("instruction 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    private void prefixedFd(int sub) {
        if (simd == null) {
            simd = new SimdEmitter(mv, memorySlot, nextLocal);
            nextLocal += SimdEmitter.SCRATCH_SLOTS;
        }
        simd.emit(sub, reader);
        if (options.canonicalNaNs()) {
            simd.canonical(ArithmeticNaNs.simd(sub));
        }
        pop(SimdEmitter.params(sub).length);
        if (SimdEmitter.result(sub) != null) {
            push(SimdEmitter.result(sub));
        }
    }

    /**
     * The JVM jump, taken when the condition holds, of a comparison whose branch comes next
     * (0 for none): the comparison leaves its operands for that jump, and the {@code if} or
     * {@code br_if} jumps on them, with no 0 or 1 made in between.
     */
    private int pendingJump;

    /** Whether the next instruction is an {@code if} or {@code br_if} that this method emits next. */
    private boolean branchFollows() {
        int next = reader.input().position();
        byte[] code = body.code();
        if (next >= code.length || (code[next] != Opcode.IF && code[next] != Opcode.BR_IF)) {
            return false;
        }
        // A piece starting there, or this piece ending there, would come between.
        return (children == null || !children.containsKey(next)) && (region == null || next != region.end);
    }

    /** Emits the jump of a branch on the i32 on top: taken when it is non-zero, or when it is zero with {@code whenZero}. */
    private void jumpOnCondition(boolean whenZero, Label target) {
        int jump = pendingJump != 0 ? pendingJump : IFNE;
        pendingJump = 0;
        mv.visitJumpInsn(whenZero ? NumericEmitter.negate(jump) : jump, target);
    }

    /** Pops the operands and pushes the result of a numeric instruction. */
    private void applySignature(int op) {
        ValueType[] sig = NumericEmitter.signature(op);
        pop(sig[1] == null ? 1 : 2);
        push(sig[2]);
    }

    private ControlFrame label(long depth) {
        return frames[frameCount - 1 - (int) depth];
    }

    private void elseInstruction() {
        ControlFrame f = top();
        if (!f.dead) {
            if (!f.unreachable) {
                mv.visitJumpInsn(GOTO, f.label);
            }
            mv.visitLabel(f.elseLabel);
            f.elseLabel = null;
        }
        height = f.height;
        for (ValueType t : f.params) {
            push(t);
        }
        f.unreachable = false;
        f.opcode = 0x05;
    }

    private void end() {
        ControlFrame f = top();
        frameCount--;
        if (f.isFunction) {
            if (!f.unreachable) {
                emitReturn();
            }
            return;
        }
        if (f.dead) {
            return;
        }
        if (f.elseLabel != null) {
            // An if without else: the false branch falls through to the end with its parameters.
            mv.visitLabel(f.elseLabel);
        }
        if (f.opcode != Opcode.LOOP) {
            mv.visitLabel(f.label);
        }
        height = f.height;
        for (ValueType t : f.results) {
            push(t);
        }
    }

    /**
     * Labels past which a br_table's {@code tableswitch} (four bytes per label) cannot fit in a
     * method of 64 KiB, however the function is split.
     */
    static final int MAX_BR_TABLE_LABELS = 16_000;

    private void brTable() {
        int n = reader.tableSize;
        if (n > MAX_BR_TABLE_LABELS) {
            throw new NotCompilable("a br_table of " + n + " labels");
        }
        int[] labels = Arrays.copyOf(reader.table, n + 1);
        pop();
        // One trampoline per distinct label.
        java.util.Map<Integer, Label> byDepth = new java.util.LinkedHashMap<>();
        Label[] trampolines = new Label[n];
        for (int i = 0; i < n; i++) {
            trampolines[i] = byDepth.computeIfAbsent(labels[i], d -> new Label());
        }
        Label defaultTrampoline = byDepth.computeIfAbsent(labels[n], d -> new Label());
        if (n > 0) {
            mv.visitTableSwitchInsn(0, n - 1, defaultTrampoline, trampolines);
        } else {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, defaultTrampoline);
        }
        int h = height;
        for (var e : byDepth.entrySet()) {
            height = h;
            mv.visitLabel(e.getValue());
            ControlFrame target = label(e.getKey());
            if (survey != null) {
                survey.exit(target.index);
            }
            branch(target);
        }
        setUnreachable();
    }

    private void select() {
        pop();
        ValueType t = pop();
        pop();
        // Stack: a, b, cond. Keep a when cond != 0, else b.
        int b = newLocal(t);
        int cond = newLocal(ValueType.I32);
        mv.visitVarInsn(ISTORE, cond);
        store(t, b);
        Label keep = new Label();
        mv.visitVarInsn(ILOAD, cond);
        mv.visitJumpInsn(IFNE, keep);
        popValue(t);
        load(t, b);
        mv.visitLabel(keep);
        push(t);
    }

}
