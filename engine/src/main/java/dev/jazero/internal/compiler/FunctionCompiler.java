package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.*;

import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.ByteReader;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.ir.ArithmeticNaNs;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.RelaxedSimd;
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
    /** What a {@code try_table}'s handler catches: WebAssembly exceptions, never traps. */
    private static final String THROWN_EXCEPTION = Type.getInternalName(dev.jazero.api.ThrownException.class);

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

    /**
     * Thrown while a function is generated as one method when its bytecode has passed the
     * size limit it was given ({@link #limitSize}): it is split instead, and generating the rest
     * whole would be wasted.
     */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("past the method size limit", null, false, false);
        }
    }

    private final WasmModule module;
    final int functionIndex;
    /** Bytes of bytecode past which generating stops with {@link TooLarge}; 0 for no limit. */
    private int sizeLimit;
    /** The start of the function's code after its parameters: where a tail call of itself goes. */
    private final Label restart = new Label();
    final String className;
    final MethodVisitor mv;
    private final CodeOptions options;
    private final CallEmitter calls;
    private final MemoryEmitter memory;
    private final InstanceEmitter instance;
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
    /** Emits the struct and array instructions; made at the first one. */
    private GcEmitter gc;

    ValueType[] stack = new ValueType[32];
    int height;
    /** The local that keeps each operand stack value under a free loop ({@link ControlFrame#freeLoop}), by index. */
    private int[] keptLocal = new int[32];

    ControlFrame[] frames = new ControlFrame[16];
    int frameCount;

    /**
     * In the methods of a split function, what they do with the frame they share (its Wasm
     * locals live there rather than in JVM locals); null in a whole function's method.
     */
    private final SplitEmitter split;
    /** Slots of a split function's frame, locals and crossing values. */
    private final int frameSize;
    /** Line number sites, shared by the methods of a function. */
    private final LineSites sites;
    /** For a loop entry ({@link #loopEntry}), the offset of its loop in the function's code; else -1. */
    private final int entryLoop;
    /** Where a loop entry's prologue starts. */
    private final Label entryPrologue = new Label();
    /** A loop entry's loop header, once the walk reached it; null before. */
    private Label entryHeader;
    /** The types of the operands at a loop entry's header, and the local that holds each there. */
    private ValueType[] entryTypes;
    private int[] entryLocals;
    /** Pairs (operand index, local) of the copies that enclosing {@code try_table}s keep for their handlers. */
    private int[] entryCopies;

    FunctionCompiler(WasmModule module, int functionIndex, String className, MethodVisitor mv, CodeOptions options) {
        this(module, functionIndex, className, mv, options, false, 0, null, LineSites.of(module, functionIndex), null,
                false, -1);
    }

    /**
     * The compiler of a function's entry at the header of its loop at {@code loopOffset} (an
     * offset in its code), for a call that the interpreter started: a method
     * {@code (long[] frame, Object[] refs, ModuleInstance) result} whose frame holds the
     * interpreter's (locals, then the operands at the header), and which runs the rest of the call
     * from there. Its code is the function's, with a prologue that loads the frame into the
     * locals that hold each value at the header and jumps there. {@link #compile()} throws
     * {@link NotCompilable} when the loop cannot be entered so (see {@link #captureEntry}).
     */
    static FunctionCompiler loopEntry(WasmModule module, int functionIndex, MethodVisitor mv, CodeOptions options,
            int loopOffset) {
        return new FunctionCompiler(module, functionIndex, CompiledLoader.className(functionIndex), mv, options, false,
                0, null, LineSites.of(module, functionIndex), null, false, loopOffset);
    }

    /** The descriptor of a loop entry's method ({@link #loopEntry}). */
    static String loopEntryDescriptor(FuncType type) {
        String d = JvmTypes.descriptor(type);
        return "([J[Ljava/lang/Object;L" + INSTANCE + ";" + d.substring(d.indexOf(')'));
    }

    /** Whether a call of the function itself may name its method directly: not from another class. */
    boolean callsItselfDirectly() {
        return entryLoop < 0;
    }

    /**
     * The compiler of a method of a split function: its own method ({@code state} null), which
     * allocates the frame of {@code frameSize} slots, or a piece
     * {@code f<index>$<id>(long[] frame, ModuleInstance) int} starting from
     * {@code state}.
     */
    static FunctionCompiler split(WasmModule module, int functionIndex, String className, MethodVisitor mv,
            CodeOptions options, int frameSize, java.util.List<SplitPlan.Region> children,
            PieceState state, LineSites sites, boolean references) {
        return new FunctionCompiler(module, functionIndex, className, mv, options, true, frameSize, state, sites,
                children, references, -1);
    }

    /** The descriptor of a piece: with {@code references}, the frame's {@code Object[]} follows its {@code long[]}. */
    static String pieceDescriptor(boolean references) {
        return references ? "([J[Ljava/lang/Object;L" + INSTANCE + ";)I" : "([JL" + INSTANCE + ";)I";
    }

    /**
     * Thrown when a split function holds a reference and its frame has no {@code Object[]} for it:
     * {@link ModuleCompiler} compiles it again with one (numeric functions go without).
     */
    static final class NeedsReferenceFrame extends RuntimeException {
        NeedsReferenceFrame() {
            super("a reference in a split function's frame", null, false, false);
        }
    }

    static String pieceName(int function, int id) {
        return ModuleCompiler.methodName(function) + "$" + id;
    }

    private FunctionCompiler(WasmModule module, int functionIndex, String className, MethodVisitor mv,
            CodeOptions options, boolean framed, int frameSize, PieceState state, LineSites sites,
            java.util.List<SplitPlan.Region> children, boolean references, int entryLoop) {
        this.entryLoop = entryLoop;
        this.frameSize = frameSize;
        this.sites = sites;
        this.module = module;
        this.options = options;
        this.functionIndex = functionIndex;
        this.className = className;
        this.mv = mv;
        this.calls = new CallEmitter(this, mv, module, functionIndex, className, options);
        this.memory = new MemoryEmitter(this, mv);
        this.instance = new InstanceEmitter(this, mv, module);
        this.type = module.functionType(functionIndex);
        this.body = module.codes.get(functionIndex - module.importedFunctionCount());
        this.reader = new InstructionReader(new ByteReader(body.code()), module.encoding);
        ValueType[] params = type.params();
        localTypes = new ValueType[params.length + body.locals().length];
        System.arraycopy(params, 0, localTypes, 0, params.length);
        System.arraycopy(body.locals(), 0, localTypes, params.length, body.locals().length);
        localSlots = new int[localTypes.length];
        if (state != null) {
            // A piece: (long[] frame, [Object[] references,] ModuleInstance).
            split = new SplitEmitter(this, 0, references ? 1 : -1, localTypes, state, children);
            instanceSlot = references ? 2 : 1;
            memorySlot = instanceSlot + 1;
            nextLocal = memorySlot + 1;
            frames = new ControlFrame[Math.max(16, state.frames.length * 2)];
            System.arraycopy(state.frames, 0, frames, 0, state.frames.length);
            frameCount = state.frames.length;
            stack = Arrays.copyOf(state.stack, Math.max(32, state.stack.length * 2));
            height = state.stack.length;
            reader.input().setPosition(state.region.start);
            return;
        }
        if (entryLoop >= 0) {
            // (long[] frame, Object[] refs, ModuleInstance): every Wasm local is a JVM local.
            instanceSlot = 2;
            memorySlot = 3;
            split = null;
            int slot = 4;
            for (int i = 0; i < localTypes.length; i++) {
                localSlots[i] = slot;
                slot += JvmTypes.size(localTypes[i]);
            }
            nextLocal = slot;
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
            int frame = slot++;
            split = new SplitEmitter(this, frame, references ? slot++ : -1, localTypes, null, children);
        } else {
            split = null;
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

    /**
     * Stops generating with {@link TooLarge} once the method passes {@code bytes} of bytecode
     * (checked where an instruction that may trap or call starts, which most stretches of code
     * have).
     */
    void limitSize(int bytes) {
        sizeLimit = bytes;
    }

    /** After {@link #survey()}: the frame slots the function's split methods need. */
    int surveyedFrameSize() {
        return split.stackBase + survey.maxStackSlots;
    }

    private BlockSurvey survey;

    /** The pieces whose calls this method made, to compile next. */
    java.util.List<PieceState> pending() {
        return split.pending;
    }

    // ---- types (JvmTypes) ----------------------------------------------------------------------

    void load(ValueType t, int slot) {
        JvmTypes.load(mv, t, slot);
    }

    void store(ValueType t, int slot) {
        JvmTypes.store(mv, t, slot);
    }

    void popValue(ValueType t) {
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

    /** Whether memory {@code index} of the module is indexed by {@code i64}. */
    boolean memory64(int index) {
        return module.allMemories().get(index).address64();
    }

    /** The element type of table {@code index} of the module, as which its values are stored. */
    ValueType tableType(int index) {
        return module.allTables().get(index).elementType();
    }

    /** Whether table {@code index} of the module is indexed by {@code i64}. */
    boolean table64(int index) {
        return module.allTables().get(index).address64();
    }

    /**
     * Converts the top {@code conversions.length()} operands in place, the deepest first, where
     * the runtime's methods take another type than the instruction's: 'L' zero-extends an i32 to
     * an i64 (a 32-bit memory's address or count, where the memory takes longs), 'T' makes a
     * 64-bit table's i64 index or count the int that tables take ({@code TableInstance.index}),
     * 'R' makes a reference pair the one object that stores it ({@link JvmTypes#toStored}), '-'
     * keeps the operand. The operands above the deepest one converted pass through locals.
     */
    void convertOperands(String conversions) {
        convertOperands(conversions, null);
    }

    /** {@link #convertOperands(String)}, with 'R' storing a reference as {@code storedAs} when it is not null, else as its operand's type. */
    void convertOperands(String conversions, ValueType storedAs) {
        int n = conversions.length();
        int first = 0;
        while (first < n && conversions.charAt(first) == '-') {
            first++;
        }
        if (first == n) {
            return;
        }
        int k = n - first;
        int bottom = height - k;
        ValueType[] above = Arrays.copyOfRange(stack, bottom + 1, height);
        int[] temps = spill(above);
        for (int i = 0; i < k; i++) {
            if (i > 0) {
                load(above[i - 1], temps[i - 1]);
            }
            switch (conversions.charAt(first + i)) {
                case 'L' -> {
                    mv.visitInsn(I2L);
                    mv.visitLdcInsn(0xFFFF_FFFFL);
                    mv.visitInsn(LAND);
                    stack[bottom + i] = ValueType.I64;
                }
                case 'T' -> {
                    JavaMembers.TABLE_INDEX.call(mv);
                    stack[bottom + i] = ValueType.I32;
                }
                // One JVM value now, which the runtime's method takes at once.
                case 'R' -> JvmTypes.toStored(mv, storedAs != null ? storedAs : stack[bottom + i]);
                default -> { }
            }
        }
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

    void push(ValueType t) {
        if (split != null && t.isReference() && split.refFrameSlot < 0) {
            throw new NeedsReferenceFrame();
        }
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
        f.catchCount = 0;
        f.dispatch = null;
        f.legacyCount = 0;
        f.rangeEnd = null;
        f.freeLoop = false;
        f.paramTemps = null;
        return f;
    }

    ControlFrame top() {
        return frames[frameCount - 1];
    }

    boolean live() {
        ControlFrame f = top();
        return !f.unreachable && !f.dead;
    }

    void setUnreachable() {
        ControlFrame f = top();
        height = f.height;
        f.unreachable = true;
    }

    private FuncType blockType() {
        return reader.blockType(module);
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

    /**
     * Branches unconditionally to a label, the value stack being the current one. A branch that
     * leaves free loops ({@link ControlFrame#freeLoop}) puts back on the operand stack the values
     * their locals keep under the target's height; one to a free loop's header leaves the operand
     * stack empty, its values in the loop's parameter locals.
     */
    private void branch(ControlFrame target) {
        if (target.index < outerCount()) {
            split.exitTo(target);
            return;
        }
        if (target.isFunction) {
            emitReturn();
            return;
        }
        int base = jvmStackBase();
        int targetBase = target.freeLoop ? target.height : baseBelow(target.index);
        if (!target.freeLoop && targetBase >= base) {
            adjustFor(target);
            mv.visitJumpInsn(GOTO, target.label);
            return;
        }
        ValueType[] values = target.labelTypes();
        int[] temps = spill(values);
        for (int i = height - values.length - 1; i >= base; i--) {
            popValue(stack[i]);
        }
        for (int k = targetBase; k < Math.min(target.height, base); k++) {
            load(stack[k], keptLocal[k]);
        }
        for (int i = 0; i < values.length; i++) {
            load(values[i], temps[i]);
            if (target.freeLoop) {
                store(values[i], target.paramTemps[i]);
            }
        }
        mv.visitJumpInsn(GOTO, target.label);
    }

    /**
     * Starts a loop. When values are on the operand stack (its parameters, or values under it),
     * they go to locals first and the parameters come back after the header, so that the header,
     * where every iteration comes back, has an empty operand stack: HotSpot compiles a loop that
     * runs long in a method called once (on stack replacement) only from such a header.
     */
    private void loop() {
        FuncType bt = blockType();
        int base = jvmStackBase();
        // A split function's pieces move values between methods by operand stack index.
        boolean free = height > base && split == null;
        int[] temps = free ? spill(Arrays.copyOfRange(stack, base, height)) : null;
        ControlFrame f = pushFrame(Opcode.LOOP, bt.params(), bt.results(), false);
        if (free) {
            f.freeLoop = true;
            f.paramTemps = Arrays.copyOfRange(temps, temps.length - bt.params().length, temps.length);
            if (keptLocal.length < f.height) {
                keptLocal = Arrays.copyOf(keptLocal, Math.max(f.height, 2 * keptLocal.length));
            }
            for (int k = base; k < f.height; k++) {
                keptLocal[k] = temps[k - base];
            }
        }
        if (reader.start == entryLoop) {
            captureEntry(f);
        }
        mv.visitLabel(f.label);
        if (free) {
            for (int i = 0; i < bt.params().length; i++) {
                load(bt.params()[i], f.paramTemps[i]);
            }
        }
        cancelCheck();
    }

    /**
     * At a loop entry's loop, about to place its header: records where each value is there. The
     * operand stack is empty at the header (the values under a free loop and its parameters wait
     * in locals, and a loop that is not free has no values under it but those enclosing free
     * loops keep), so the prologue fills in locals only. Not inside a legacy {@code try}: its
     * catch bodies keep the exception in a local of the handler's, and its body's handler the
     * values under it in locals the prologue does not fill in.
     */
    private void captureEntry(ControlFrame loop) {
        for (int i = 1; i < frameCount; i++) {
            int op = frames[i].opcode;
            if (op != Opcode.BLOCK && op != Opcode.LOOP && op != Opcode.IF && op != Opcode.ELSE && op != Opcode.TRY_TABLE) {
                return;
            }
        }
        entryTypes = Arrays.copyOf(stack, height);
        entryLocals = new int[height];
        for (int k = 0; k < loop.height; k++) {
            entryLocals[k] = keptLocal[k];
        }
        for (int j = 0; j < height - loop.height; j++) {
            entryLocals[loop.height + j] = loop.paramTemps[j];
        }
        int[] copies = new int[0];
        for (int i = 1; i < frameCount; i++) {
            ControlFrame f = frames[i];
            if (f.kept == null || f.catchCount == 0) {
                continue;
            }
            for (int k = 0; k < f.kept.length; k++) {
                if (f.kept[k] >= 0) {
                    copies = Arrays.copyOf(copies, copies.length + 2);
                    copies[copies.length - 2] = k;
                    copies[copies.length - 1] = f.kept[k];
                }
            }
        }
        entryCopies = copies;
        entryHeader = loop.label;
    }

    /**
     * A loop entry's prologue: each Wasm local from the frame's slots, then each operand at the
     * header from the slots after them (in the interpreter's layout), into the locals that
     * {@link #captureEntry} recorded, and a jump to the header.
     */
    private void entryPrologue() {
        if (entryHeader == null) {
            throw new NotCompilable("no loop to enter at offset " + entryLoop);
        }
        mv.visitLabel(entryPrologue);
        int slot = 0;
        for (int i = 0; i < localTypes.length; i++) {
            JvmTypes.loadSlot(mv, localTypes[i], 0, 1, slot);
            store(localTypes[i], localSlots[i]);
            slot += localTypes[i].slots();
        }
        loadMemory();
        for (int k = 0; k < entryTypes.length; k++) {
            ValueType t = entryTypes[k];
            JvmTypes.loadSlot(mv, t, 0, 1, slot);
            store(t, entryLocals[k]);
            for (int c = 0; c < entryCopies.length; c += 2) {
                if (entryCopies[c] == k) {
                    JvmTypes.loadSlot(mv, t, 0, 1, slot);
                    store(t, entryCopies[c + 1]);
                }
            }
            slot += t.slots();
        }
        mv.visitJumpInsn(GOTO, entryHeader);
    }

    /**
     * The end of a free loop that falls through: puts back the values under it, from their locals,
     * under its results.
     */
    private void endFreeLoop(ControlFrame f) {
        int[] temps = spill(f.results);
        for (int k = jvmStackBase(); k < f.height; k++) {
            load(stack[k], keptLocal[k]);
        }
        for (int i = 0; i < f.results.length; i++) {
            load(f.results[i], temps[i]);
        }
    }

    void emitReturn() {
        if (outerCount() > 0) {
            // In a piece: the function's method returns.
            split.exitTo(frames[0]);
            return;
        }
        if (options.listening()) {
            listenAfter();
        }
        if (split != null) {
            split.giveFrames();
        }
        ValueType[] results = type.results();
        if (results.length == 0) {
            mv.visitInsn(RETURN);
        } else if (JvmTypes.returnsValue(type)) {
            if (results[0].isReference()) {
                leaveNumber();
            }
            mv.visitInsn(JvmTypes.returnInstruction(results[0]));
        } else {
            // Several results, or a v128, travel through the instance's result buffers.
            int[] temps = spill(results);
            loadInstance();
            JavaMembers.INSTANCE_RESULTS.get(mv);
            storeSlots(results, temps);
            mv.visitInsn(POP);
            if (JvmTypes.anyReference(results)) {
                loadInstance();
                JavaMembers.INSTANCE_REF_RESULTS.get(mv);
                JvmTypes.storeReferenceSlots(mv, results, temps);
                mv.visitInsn(POP);
            }
            mv.visitInsn(RETURN);
        }
    }

    // ---- the walk ------------------------------------------------------------------------------

    /** See {@link LineSites#siteOffsets()}. */
    int[] siteOffsets() {
        return sites.siteOffsets();
    }

    void compile() {
        if (split != null && split.refFrameSlot < 0) {
            for (ValueType t : localTypes) {
                if (t.isReference()) {
                    throw new NeedsReferenceFrame();
                }
            }
        }
        mv.visitCode();
        if (split != null && split.region != null) {
            compilePiece();
            return;
        }
        if (split != null) {
            split.takeFrames(frameSize);
            for (int i = 0; i < type.params().length; i++) {
                load(localTypes[i], localSlots[i]);
                split.storeLocal(localTypes[i], i);
            }
        } else {
            if (entryLoop >= 0) {
                // The function's own start runs only when it tail-calls itself.
                mv.visitJumpInsn(GOTO, entryPrologue);
            }
            // A tail call of the function itself stores its arguments and comes back here.
            mv.visitLabel(restart);
            for (int i = type.params().length; i < localTypes.length; i++) {
                zero(localTypes[i]);
                store(localTypes[i], localSlots[i]);
            }
        }
        loadMemory();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitLabel(start);
        if (options.listening()) {
            // The parameters, as the listener sees them.
            iconst(type.paramSlots());
            mv.visitIntInsn(NEWARRAY, T_LONG);
            storeSlots(type.params(), localSlots);
            listening(JavaMembers.BEFORE_COMPILED);
        }
        cancelCheck(CancellationPoint.ENTRY);
        pushFrame(Opcode.BLOCK, new ValueType[0], type.results(), false);
        if (survey != null) {
            survey.start();
        }
        walk();
        if (escape != null) {
            mv.visitLabel(escape);
            mv.visitInsn(ATHROW);
        }
        if (entryLoop >= 0) {
            entryPrologue();
        }
        mv.visitLabel(end);
        if (options.listening()) {
            mv.visitTryCatchBlock(start, end, handler, null);
            // Whatever leaves the function by an exception, the listener hears of it.
            mv.visitLabel(handler);
            mv.visitInsn(DUP);
            listening(JavaMembers.ABORT_COMPILED);
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
        SplitPlan.Region region = split == null ? null : split.region;
        while (region == null ? frameCount > 0 : reader.input().position() != region.end) {
            if (split != null && live()) {
                SplitPlan.Region r = split.pieceAt(reader.input().position());
                if (r != null) {
                    split.callPiece(r);
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
                    mv.visitLineNumber(sites.lineNumber(reader.start), here);
                    if (sizeLimit > 0 && here.getOffset() > sizeLimit) {
                        throw new TooLarge();
                    }
                }
                // A load or store on a memory other than the first finds it in the memory's local,
                // as one on the first does, for the length of the instruction.
                boolean onOtherMemory = reader.memory != 0 && loadsOrStores(op);
                if (onOtherMemory) {
                    selectMemory(reader.memory);
                }
                instruction(op);
                if (onOtherMemory) {
                    selectMemory(0);
                }
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
     * {@code k + 1} when it branches to frame {@code k} outside it (see {@link SplitEmitter}).
     */
    private void compilePiece() {
        selectMemory(0);
        split.loadCrossing();
        walk();
        if (live()) {
            split.fallThrough();
        }
        if (escape != null) {
            mv.visitLabel(escape);
            mv.visitInsn(ATHROW);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** The frames outside the method's code: a piece's; 0 in a function's own method. */
    private int outerCount() {
        return split == null ? 0 : split.outerCount;
    }

    /** The first frame slot of the value at operand stack index {@code index}, in a split function. */
    int stackIndex(int index) {
        return split.stackIndex(index);
    }

    /** The first frame slot after the locals, in a split function. */
    int stackBase() {
        return split.stackBase;
    }

    /** Pushes Wasm local {@code i}: from its JVM local, or from the frame of a split function. */
    private void loadLocal(int i) {
        if (split != null) {
            split.loadLocal(localTypes[i], i);
        } else {
            load(localTypes[i], localSlots[i]);
        }
    }

    /** Stores the value on top into Wasm local {@code i}. */
    private void storeLocal(int i) {
        if (split != null) {
            split.storeLocal(localTypes[i], i);
        } else {
            store(localTypes[i], localSlots[i]);
        }
    }

    private void zero(ValueType t) {
        JvmTypes.zero(mv, t);
    }

    /** Calls a {@code Listening} method whose leading arguments are on the stack, then (instance, index). */
    private void listening(JavaMethod method) {
        loadInstance();
        iconst(functionIndex);
        method.call(mv);
    }

    /** With the results on top: tells the listener, leaving them where they are. */
    private void listenAfter() {
        ValueType[] results = type.results();
        int[] temps = spill(results);
        iconst(type.resultSlots());
        mv.visitIntInsn(NEWARRAY, T_LONG);
        storeSlots(results, temps);
        listening(JavaMembers.AFTER_COMPILED);
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
        if (split != null || accessesMemory(body.code())) {
            selectMemory(0);
        }
    }

    /** Keeps memory {@code index} of the instance in the memory's local. */
    private void selectMemory(int index) {
        loadInstance();
        if (index == 0) {
            JavaMembers.INSTANCE_MEMORY0.get(mv);
        } else {
            JavaMembers.INSTANCE_MEMORIES.get(mv);
            iconst(index);
            mv.visitInsn(AALOAD);
        }
        mv.visitVarInsn(ASTORE, memorySlot);
    }

    /** Whether code has a load or store, the instructions that use the memory's local. */
    private boolean accessesMemory(byte[] code) {
        InstructionReader scan = new InstructionReader(new ByteReader(code), module.encoding);
        while (scan.input().hasMore()) {
            if (loadsOrStores(scan.next())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code op} is a load or store, scalar or SIMD. */
    private static boolean loadsOrStores(int op) {
        return (op >= 0x28 && op <= 0x3E) || (Opcode.prefix(op) == Opcode.PREFIX_FD && SimdEmitter.accessesMemory(Opcode.sub(op)));
    }

    // ---- tail calls ----------------------------------------------------------------------------

    /**
     * Whether function {@code f} is compiled as a body that leaves its tail calls pending, and a
     * method that makes them ({@code ModuleCompiler.tailCallLoop}): when it tail-calls another
     * function, or through a table. A tail call of itself is a jump, which needs neither;
     * listening code calls and returns instead.
     */
    static boolean leavesTailCalls(WasmModule module, int f, CodeOptions options) {
        if (options.listening()) {
            return false;
        }
        byte[] code = module.codes.get(f - module.importedFunctionCount()).code();
        InstructionReader scan = new InstructionReader(new ByteReader(code), module.encoding);
        while (scan.input().hasMore()) {
            int op = scan.next();
            if (op == Opcode.RETURN_CALL_INDIRECT || op == Opcode.RETURN_CALL_REF || (op == Opcode.RETURN_CALL && scan.a != f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code return_call}: of the function itself, its arguments become its parameters and it
     * starts again; of another, the call is left pending for the function's method to make
     * (see {@link #leavesTailCalls}). Listening code calls and returns, so that the listener
     * hears each call end.
     */
    private void returnCall(int function) {
        if (function == functionIndex && !options.listening() && split == null) {
            tailCallItself();
            setUnreachable();
            return;
        }
        tailCall(() -> calls.call(function), () -> calls.leaveTailCall(function));
    }

    /** {@code return_call_indirect}, its table index already an int: as {@link #returnCall}. */
    private void returnCallIndirect(int typeIndex, int table) {
        tailCall(() -> calls.callIndirect(typeIndex, table), () -> calls.leaveTailCallIndirect(typeIndex, table));
    }

    /**
     * A tail call of another function, which {@code call} emits as an ordinary call and
     * {@code leave} as one left pending: listening code calls and returns; a split function's
     * tail calls are not compiled; else the call is left for the function's method to make.
     */
    private void tailCall(Runnable call, Runnable leave) {
        if (options.listening() && insideCatchingBlock()) {
            // Made as a call, inside the block's range of the exception table: its callee's
            // exceptions would be caught, where a tail call has left the frame.
            throw new Unsupported("a listened tail call inside try_table");
        }
        if (options.listening()) {
            call.run();
            emitReturn();
        } else if (split != null) {
            throw new NotCompilable("a tail call in a split function");
        } else {
            leave.run();
            returnPending();
        }
        setUnreachable();
    }

    /** Whether the current instruction is in the range of a handler: a {@code try_table}'s with clauses, or a legacy {@code try}'s body. */
    private boolean insideCatchingBlock() {
        for (int i = 0; i < frameCount; i++) {
            if (catches(frames[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether code in frame {@code f} now is in the range of its handler. */
    private static boolean catches(ControlFrame f) {
        return !f.dead && (f.catchCount > 0 || f.opcode == Opcode.TRY);
    }

    /** A tail call of this function: the arguments into the parameters, the stack emptied, a jump to the start. */
    private void tailCallItself() {
        ValueType[] params = type.params();
        int[] temps = spill(params);
        pop(params.length);
        // What is on the JVM's operand stack; under a free loop, the rest is in locals.
        int base = jvmStackBase();
        while (height > base) {
            popValue(pop());
        }
        for (int i = 0; i < params.length; i++) {
            load(params[i], temps[i]);
            store(params[i], localSlots[i]);
        }
        mv.visitJumpInsn(GOTO, restart);
    }

    /**
     * With a reference pair on top, which the method returns: leaves its number where the caller
     * reads it ({@link JvmTypes#returnsNumber}) and its object on top.
     */
    private void leaveNumber() {
        if (!JvmTypes.returnsNumber(type)) {
            mv.visitInsn(POP);
            return;
        }
        int number = newLocal(ValueType.I32);
        mv.visitVarInsn(ISTORE, number);
        loadInstance();
        JavaMembers.INSTANCE_RESULTS.get(mv);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ILOAD, number);
        mv.visitInsn(I2L);
        mv.visitInsn(LASTORE);
    }

    /** Returns from a body that left a tail call pending: a placeholder the function's method drops. */
    private void returnPending() {
        if (JvmTypes.returnsValue(type)) {
            ValueType t = type.results()[0];
            if (t.isReference()) {
                mv.visitInsn(ACONST_NULL);
            } else {
                zero(t);
            }
            mv.visitInsn(JvmTypes.returnInstruction(t));
        } else {
            mv.visitInsn(RETURN);
        }
    }

    /** Instructions that can trap or call: the only ones whose position a stack trace shows. */
    private static boolean mayTrapOrCall(int op) {
        return switch (op) {
            case Opcode.UNREACHABLE, Opcode.THROW, Opcode.THROW_REF, Opcode.RETHROW, Opcode.CALL, Opcode.CALL_INDIRECT, Opcode.RETURN_CALL,
                    Opcode.RETURN_CALL_INDIRECT, Opcode.CALL_REF, Opcode.RETURN_CALL_REF, Opcode.REF_AS_NON_NULL,
                    Opcode.TABLE_GET, Opcode.TABLE_SET,
                    Opcode.I32_DIV_S, Opcode.I32_DIV_U, Opcode.I32_REM_S, Opcode.I32_REM_U, Opcode.I64_DIV_S,
                    Opcode.I64_DIV_U, Opcode.I64_REM_S, Opcode.I64_REM_U, Opcode.I32_TRUNC_F32_S,
                    Opcode.I32_TRUNC_F32_U, Opcode.I32_TRUNC_F64_S, Opcode.I32_TRUNC_F64_U,
                    Opcode.I64_TRUNC_F32_S, Opcode.I64_TRUNC_F32_U, Opcode.I64_TRUNC_F64_S,
                    Opcode.I64_TRUNC_F64_U, Opcode.REF_CAST, Opcode.REF_CAST_NULL -> true;
            default -> loadsOrStores(op) || (Opcode.prefix(op) == Opcode.PREFIX_FC && Opcode.sub(op) >= 8)
                    || (Opcode.prefix(op) == Opcode.PREFIX_FB && GcEmitter.handles(Opcode.sub(op)));
        };
    }

    /** Unreachable code: only the block structure matters. */
    private void skipped(int op) {
        switch (op) {
            case Opcode.BLOCK, Opcode.LOOP, Opcode.IF, Opcode.TRY_TABLE -> {
                FuncType bt = blockType();
                ControlFrame f = pushFrame(op, bt.params(), bt.results(), true);
                f.height = height;
            }
            case Opcode.ELSE -> elseInstruction();
            case Opcode.END -> end();
            case Opcode.TRY -> {
                FuncType bt = blockType();
                ControlFrame f = pushFrame(op, bt.params(), bt.results(), true);
                f.height = height;
            }
            case Opcode.CATCH, Opcode.CATCH_ALL -> legacyCatch(op == Opcode.CATCH ? (int) reader.a : -1);
            case Opcode.DELEGATE -> delegate((int) reader.a);
            default -> { }
        }
    }

    private void instruction(int op) {
        switch (op) {
            case Opcode.UNREACHABLE -> {
                JavaMembers.TRAP_UNREACHABLE.get(mv);
                JavaMembers.TRAP.call(mv);
                mv.visitInsn(ATHROW);
                setUnreachable();
            }
            case Opcode.NOP -> { }
            case Opcode.BLOCK -> {
                FuncType bt = blockType();
                pushFrame(op, bt.params(), bt.results(), false);
            }
            case Opcode.LOOP -> loop();
            case Opcode.IF -> {
                FuncType bt = blockType();
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
                boolean plain = !target.isFunction && !target.freeLoop && target.index >= outerCount()
                        && height - target.height - target.labelTypes().length == 0
                        && baseBelow(target.index) >= jvmStackBase();
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
            case Opcode.TRY_TABLE -> tryTable();
            case Opcode.THROW -> throwTag((int) reader.a);
            case Opcode.THROW_REF -> {
                pop();
                mv.visitInsn(POP);
                JavaMembers.RETHROWN.call(mv);
                mv.visitInsn(ATHROW);
                setUnreachable();
            }
            case Opcode.TRY -> legacyTry();
            case Opcode.CATCH -> legacyCatch((int) reader.a);
            case Opcode.CATCH_ALL -> legacyCatch(-1);
            case Opcode.DELEGATE -> delegate((int) reader.a);
            case Opcode.RETHROW -> {
                if (label(reader.a).index < outerCount()) {
                    throw new NotCompilable("a rethrow of a catch outside the piece");
                }
                mv.visitVarInsn(ALOAD, label(reader.a).exception);
                mv.visitInsn(ATHROW);
                setUnreachable();
            }
            case Opcode.CALL -> calls.call((int) reader.a);
            case Opcode.RETURN_CALL -> returnCall((int) reader.a);
            case Opcode.CALL_REF -> calls.callRef((int) reader.a);
            case Opcode.RETURN_CALL_REF -> tailCall(() -> calls.callRef((int) reader.a), () -> calls.leaveTailCallRef((int) reader.a));
            case Opcode.REF_AS_NON_NULL -> {
                mv.visitInsn(SWAP);
                JavaMembers.AS_NON_NULL.call(mv);
                mv.visitInsn(SWAP);
                ValueType t = pop();
                push(t.isNullable() ? ValueType.ref(t.heapType(), false) : t);
            }
            case Opcode.BR_ON_NULL -> brOnNull(label(reader.a));
            case Opcode.BR_ON_NON_NULL -> brOnNonNull(label(reader.a));
            case Opcode.RETURN_CALL_INDIRECT -> {
                convertOperands(table64((int) reader.b) ? "T" : "-");
                returnCallIndirect((int) reader.a, (int) reader.b);
            }
            case Opcode.CALL_INDIRECT -> {
                convertOperands(table64((int) reader.b) ? "T" : "-");
                calls.callIndirect((int) reader.a, (int) reader.b);
            }
            case Opcode.DROP -> popValue(pop());
            case Opcode.SELECT, Opcode.SELECT_T -> select(op == Opcode.SELECT_T ? reader.selectTypes[0] : null);
            case Opcode.LOCAL_GET -> {
                loadLocal((int) reader.a);
                push(localTypes[(int) reader.a]);
            }
            case Opcode.LOCAL_SET -> {
                storeLocal((int) reader.a);
                pop();
            }
            case Opcode.LOCAL_TEE -> {
                int i = (int) reader.a;
                if (localTypes[i] == ValueType.V128) {
                    storeLocal(i);
                    loadLocal(i);
                } else {
                    mv.visitInsn(JvmTypes.size(localTypes[i]) == 2 ? DUP2 : DUP);
                    storeLocal(i);
                }
            }
            case Opcode.GLOBAL_GET -> instance.globalGet((int) reader.a);
            case Opcode.GLOBAL_SET -> instance.globalSet((int) reader.a);
            case Opcode.TABLE_GET -> {
                convertOperands(table64((int) reader.a) ? "T" : "-");
                instance.tableGet((int) reader.a);
            }
            case Opcode.TABLE_SET -> {
                convertOperands(table64((int) reader.a) ? "T-" : "--");
                instance.tableSet((int) reader.a);
            }
            case Opcode.REF_FUNC -> instance.refFunc((int) reader.a);
            case Opcode.REF_NULL -> {
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(ICONST_0);
                push(ValueType.ref(reader.heapType, true));
            }
            case Opcode.REF_IS_NULL -> {
                pop();
                mv.visitInsn(POP);
                JavaMembers.IS_NULL.call(mv);
                push(ValueType.I32);
            }
            case Opcode.REF_EQ -> {
                pop(2);
                JavaMembers.REF_EQ.call(mv);
                push(ValueType.I32);
            }
            case Opcode.MEMORY_SIZE -> memory.size(reader.memory);
            case Opcode.MEMORY_GROW -> memory.grow(reader.memory);
            case Opcode.I32_LOAD, Opcode.I64_LOAD, Opcode.F32_LOAD, Opcode.F64_LOAD, Opcode.I32_LOAD8_S,
                    Opcode.I32_LOAD8_U, Opcode.I32_LOAD16_S, Opcode.I32_LOAD16_U, Opcode.I64_LOAD8_S,
                    Opcode.I64_LOAD8_U, Opcode.I64_LOAD16_S, Opcode.I64_LOAD16_U, Opcode.I64_LOAD32_S,
                    Opcode.I64_LOAD32_U -> memory.load(op, reader.b, memory64(reader.memory));
            case Opcode.I32_STORE, Opcode.I64_STORE, Opcode.F32_STORE, Opcode.F64_STORE, Opcode.I32_STORE8,
                    Opcode.I32_STORE16, Opcode.I64_STORE8, Opcode.I64_STORE16, Opcode.I64_STORE32 -> memory.store(op, reader.b, memory64(reader.memory));
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
                JavaMembers.INT_BITS_TO_FLOAT.call(mv);
                push(ValueType.F32);
            }
            case Opcode.F64_CONST -> {
                lconst(reader.a);
                JavaMembers.LONG_BITS_TO_DOUBLE.call(mv);
                push(ValueType.F64);
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
                            case ArithmeticNaNs.F32 -> JavaMembers.CANONICAL_F.call(mv);
                            case ArithmeticNaNs.F64 -> JavaMembers.CANONICAL_D.call(mv);
                            default -> { }
                        }
                    }
                } else if (Opcode.prefix(op) == Opcode.PREFIX_FC) {
                    memory.prefixedFc(Opcode.sub(op), reader);
                } else if (Opcode.prefix(op) == Opcode.PREFIX_FD) {
                    prefixedFd(Opcode.sub(op));
                } else if (op >= Opcode.REF_TEST && op <= Opcode.REF_CAST_NULL) {
                    testOrCast(op);
                } else if (Opcode.prefix(op) == Opcode.PREFIX_FB) {
                    prefixedFb(Opcode.sub(op));
                } else {
                    throw new Unsupported("instruction 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    /** {@code ref.test} and {@code ref.cast}: the check {@code Casts} makes for both tiers. */
    private void testOrCast(int op) {
        boolean nullable = op == Opcode.REF_TEST_NULL || op == Opcode.REF_CAST_NULL;
        boolean cast = op >= Opcode.REF_CAST;
        // The test reads the object; a cast keeps the pair's number under it.
        mv.visitInsn(cast ? SWAP : POP);
        iconst(dev.jazero.internal.ir.Op.heapType(reader.heapType));
        iconst(nullable ? 1 : 0);
        loadInstance();
        pop();
        if (cast) {
            JavaMembers.REF_CAST.call(mv);
            mv.visitInsn(SWAP);
            push(ValueType.ref(reader.heapType, nullable));
        } else {
            JavaMembers.REF_TEST.call(mv);
            push(ValueType.I32);
        }
    }

    /**
     * Garbage collection's instructions: structs and arrays ({@link GcEmitter}), {@code i31}, the
     * conversions between {@code any} and {@code extern} (the same object) and {@code br_on_cast}.
     */
    private void prefixedFb(int sub) {
        if (GcEmitter.handles(sub)) {
            if (gc == null) {
                gc = new GcEmitter(this, mv, module);
            }
            gc.emit(sub, reader);
            return;
        }
        switch (sub) {
            case Opcode.Fb.REF_I31 -> {
                // The pair (TAG, value): no allocation.
                pop();
                JavaMembers.I31_VALUE.call(mv);
                JavaMembers.I31_TAG.get(mv);
                mv.visitInsn(SWAP);
                push(ValueType.ref(dev.jazero.api.HeapType.I31, false));
            }
            case Opcode.Fb.I31_GET_S, Opcode.Fb.I31_GET_U -> {
                pop();
                iconst(sub == Opcode.Fb.I31_GET_S ? 1 : 0);
                JavaMembers.I31_GET.call(mv);
                push(ValueType.I32);
            }
            case Opcode.Fb.ANY_CONVERT_EXTERN, Opcode.Fb.EXTERN_CONVERT_ANY -> {
                ValueType t = pop();
                push(ValueType.ref(sub == Opcode.Fb.ANY_CONVERT_EXTERN ? dev.jazero.api.HeapType.ANY
                        : dev.jazero.api.HeapType.EXTERN, t.isNullable()));
            }
            case Opcode.Fb.BR_ON_CAST, Opcode.Fb.BR_ON_CAST_FAIL -> brOnCast(sub == Opcode.Fb.BR_ON_CAST_FAIL);
            default -> throw new Unsupported("instruction 0xfb " + sub);
        }
    }

    /**
     * {@code br_on_cast} (and {@code br_on_cast_fail}, with {@code onFailure}): the reference on
     * top stays there and branches when the cast to the second type succeeds (fails); the test
     * is the one {@code ref.test} makes.
     */
    private void brOnCast(boolean onFailure) {
        ControlFrame target = label(reader.a);
        if (survey != null) {
            survey.exit(target.index);
        }
        boolean sourceNullable = (reader.castFlags & 1) != 0;
        boolean targetNullable = (reader.castFlags & 2) != 0;
        ValueType cast = ValueType.ref(reader.heapType2, targetNullable);
        ValueType rest = ValueType.ref(reader.heapType, sourceNullable && !targetNullable);
        pop();
        mv.visitInsn(DUP2);
        mv.visitInsn(POP);
        iconst(dev.jazero.internal.ir.Op.heapType(reader.heapType2));
        iconst(targetNullable ? 1 : 0);
        loadInstance();
        JavaMembers.REF_TEST.call(mv);
        push(onFailure ? rest : cast);
        Label skip = new Label();
        mv.visitJumpInsn(onFailure ? IFNE : IFEQ, skip);
        branch(target);
        mv.visitLabel(skip);
        pop();
        push(onFailure ? cast : rest);
    }

    /** {@code br_on_null}: a null reference on top is dropped and branches; another goes on, non-null. */
    private void brOnNull(ControlFrame target) {
        if (survey != null) {
            survey.exit(target.index);
        }
        ValueType t = pop();
        Label skip = new Label();
        mv.visitInsn(SWAP);
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNONNULL, skip);
        mv.visitInsn(POP2);
        branch(target);
        mv.visitLabel(skip);
        mv.visitInsn(SWAP);
        push(t.isNullable() ? ValueType.ref(t.heapType(), false) : t);
    }

    /** {@code br_on_non_null}: a reference on top that is not null branches with it; null is dropped. */
    private void brOnNonNull(ControlFrame target) {
        if (survey != null) {
            survey.exit(target.index);
        }
        ValueType t = pop();
        push(t.isNullable() ? ValueType.ref(t.heapType(), false) : t);
        Label isNull = new Label();
        mv.visitInsn(SWAP);
        mv.visitInsn(DUP);
        mv.visitJumpInsn(IFNULL, isNull);
        mv.visitInsn(SWAP);
        branch(target);
        mv.visitLabel(isNull);
        mv.visitInsn(POP2);
        pop();
    }

    private void prefixedFd(int sub) {
        if (simd == null) {
            simd = new SimdEmitter(mv, memorySlot, nextLocal);
            nextLocal += SimdEmitter.SCRATCH_SLOTS;
        }
        // A relaxed instruction is emitted as the 2.0 one whose result it gives (docs/determinism.md).
        int as = RelaxedSimd.deterministic(sub);
        simd.emit(as, reader, SimdEmitter.accessesMemory(as) && memory64(reader.memory));
        if (options.canonicalNaNs()) {
            simd.canonical(ArithmeticNaNs.simd(as));
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
        return split == null || (split.pieceAt(next) == null && (split.region == null || next != split.region.end));
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
        if (f.catchCount > 0 || f.opcode == Opcode.TRY || f.opcode == Opcode.CATCH || f.opcode == Opcode.CATCH_ALL) {
            // A handler pushes what its label takes over the types of the values under the block.
            ValueType[] under = Arrays.copyOf(stack, f.height);
            if (f.catchCount > 0) {
                catchClauses(f);
            } else {
                legacyEnd(f);
            }
            System.arraycopy(under, 0, stack, 0, under.length);
        }
        if (f.elseLabel != null) {
            // An if without else: the false branch falls through to the end with its parameters.
            mv.visitLabel(f.elseLabel);
        }
        if (f.opcode != Opcode.LOOP) {
            mv.visitLabel(f.label);
        } else if (f.freeLoop && !f.unreachable) {
            endFreeLoop(f);
        }
        height = f.height;
        for (ValueType t : f.results) {
            push(t);
        }
    }

    // ---- exceptions ----------------------------------------------------------------------------

    /**
     * {@code try_table}: a block whose body is a range of the method's exception table, with a
     * handler after it ({@link #catchClauses}). The values under the block are kept in locals
     * too, for the handler to put back.
     */
    private void tryTable() {
        FuncType bt = blockType();
        int n = reader.catchCount;
        ControlFrame[] targets = new ControlFrame[n];
        for (int i = 0; i < n; i++) {
            targets[i] = label(reader.catchLabels[i]);
        }
        int[] kinds = Arrays.copyOf(reader.catchKinds, n);
        int[] tags = Arrays.copyOf(reader.catchTags, n);
        ValueType[] under = null;
        int[] kept = null;
        if (n > 0) {
            under = Arrays.copyOf(stack, height - bt.params().length);
            kept = keepValuesUnder(bt.params());
        }
        ControlFrame f = pushFrame(Opcode.TRY_TABLE, bt.params(), bt.results(), false);
        if (n > 0) {
            f.catchCount = n;
            f.catchKinds = kinds;
            f.catchTags = tags;
            f.catchTargets = targets;
            f.keptTypes = under;
            f.kept = kept;
            f.tryStart = new Label();
            f.dispatch = new Label();
            mv.visitLabel(f.tryStart);
        }
    }

    /**
     * Saves the values under a block that is about to start, {@code params} of them being its
     * parameters: they stay on the operand stack, and are kept in locals too, for a handler to put
     * back. Sets the frame's {@code keptTypes} and {@code kept} once it is pushed.
     */
    private int[] keepValuesUnder(ValueType[] params) {
        int base = jvmStackBase();
        ValueType[] all = Arrays.copyOfRange(stack, base, height);
        int[] temps = spill(all);
        for (int i = 0; i < all.length; i++) {
            load(all[i], temps[i]);
        }
        int[] kept = new int[height - params.length];
        for (int k = 0; k < kept.length; k++) {
            kept[k] = k < base ? -1 : temps[k - base];
        }
        return kept;
    }

    /**
     * The operand stack index of the deepest value on the JVM's operand stack: 0, in a piece the
     * height its code starts from (the values under it are in the frame), in a free loop the
     * loop's height (the values under it are in locals).
     */
    private int jvmStackBase() {
        return baseBelow(frameCount);
    }

    /** {@link #jvmStackBase()} inside the frame at index {@code index}, that is of the frames under it. */
    private int baseBelow(int index) {
        for (int i = index - 1; i >= outerCount(); i--) {
            if (frames[i].freeLoop) {
                return frames[i].height;
            }
        }
        return split != null && split.region != null ? frames[split.outerCount - 1].height : 0;
    }

    /**
     * In a handler: pushes the values under a block up to {@code keep}, from the locals that keep
     * them (those in a piece's frame stay there), and tracks their types.
     */
    private void restoreValuesUnder(ControlFrame f, int keep) {
        height = 0;
        for (int k = 0; k < keep; k++) {
            if (f.kept[k] >= 0) {
                load(f.keptTypes[k], f.kept[k]);
            }
            push(f.keptTypes[k]);
        }
    }

    /**
     * A legacy {@code try}: a block whose body is a range of the method's exception table, like a
     * {@code try_table}'s; its catch bodies follow it ({@link #legacyCatch}), its handler comes at
     * its end ({@link #legacyEnd}), unless {@code delegate} ends it.
     */
    private void legacyTry() {
        FuncType bt = blockType();
        ValueType[] under = Arrays.copyOf(stack, height - bt.params().length);
        int[] kept = keepValuesUnder(bt.params());
        ControlFrame f = pushFrame(Opcode.TRY, bt.params(), bt.results(), false);
        f.keptTypes = under;
        f.kept = kept;
        f.exception = newReferenceLocal();
        f.tryStart = new Label();
        f.dispatch = new Label();
        f.legacyTags = new int[2];
        f.legacyBodies = new Label[2];
        mv.visitLabel(f.tryStart);
    }

    /**
     * {@code catch} ({@code tag} -1 for {@code catch_all}): ends the {@code try}'s body, or the
     * catch body before it, with a jump to the block's end, and starts a body that the handler
     * jumps to with the values under the block and the tag's values.
     */
    private void legacyCatch(int tag) {
        ControlFrame f = top();
        if (!f.dead) {
            if (!f.unreachable) {
                mv.visitJumpInsn(GOTO, f.label);
            }
            if (f.opcode == Opcode.TRY) {
                f.rangeEnd = new Label();
                mv.visitLabel(f.rangeEnd);
            }
            if (f.legacyCount == f.legacyTags.length) {
                f.legacyTags = Arrays.copyOf(f.legacyTags, f.legacyCount * 2);
                f.legacyBodies = Arrays.copyOf(f.legacyBodies, f.legacyCount * 2);
            }
            Label body = new Label();
            f.legacyTags[f.legacyCount] = tag;
            f.legacyBodies[f.legacyCount++] = body;
            mv.visitLabel(body);
        }
        height = f.height;
        if (tag >= 0) {
            for (ValueType t : module.funcType(module.tagTypeIndex(tag)).params()) {
                push(t);
            }
        }
        f.unreachable = false;
        f.opcode = tag >= 0 ? Opcode.CATCH : Opcode.CATCH_ALL;
    }

    /**
     * The end of a legacy {@code try}: its handler, which keeps the exception for
     * {@code rethrow}, tries the catches in order and jumps to the body of the one that matches
     * with the values it starts with; when none does, the exception goes on. A {@code try}
     * without catches has a handler that throws the exception on, for a {@code delegate} inside
     * it that names it.
     */
    private void legacyEnd(ControlFrame f) {
        if (!f.unreachable) {
            mv.visitJumpInsn(GOTO, f.label);
        }
        if (f.opcode == Opcode.TRY) {
            // No catch: the body's range has no handler of its own.
            mv.visitLabel(f.dispatch);
            mv.visitInsn(ATHROW);
            return;
        }
        mv.visitTryCatchBlock(f.tryStart, f.rangeEnd, f.dispatch, THROWN_EXCEPTION);
        mv.visitLabel(f.dispatch);
        mv.visitVarInsn(ASTORE, f.exception);
        boolean caughtAll = false;
        for (int i = 0; i < f.legacyCount && !caughtAll; i++) {
            int tag = f.legacyTags[i];
            Label next = new Label();
            if (tag >= 0) {
                mv.visitVarInsn(ALOAD, f.exception);
                loadInstance();
                iconst(tag);
                JavaMembers.HAS_TAG.call(mv);
                mv.visitJumpInsn(IFEQ, next);
            } else {
                caughtAll = true;
            }
            restoreValuesUnder(f, f.keptTypes.length);
            if (tag >= 0) {
                pushExceptionValues(module.funcType(module.tagTypeIndex(tag)).params(), f.exception);
            }
            mv.visitJumpInsn(GOTO, f.legacyBodies[i]);
            mv.visitLabel(next);
        }
        if (!caughtAll) {
            mv.visitVarInsn(ALOAD, f.exception);
            mv.visitInsn(ATHROW);
        }
    }

    /**
     * {@code delegate l}: ends a legacy {@code try} whose body's exceptions go to the handler of
     * the first block from label {@code l} outwards whose body range holds this one (a
     * {@code try_table} with clauses, or a {@code try} in its body), or leave the function when
     * there is none. Its own handler, which a {@code delegate} inside names, goes there too.
     */
    private void delegate(int depth) {
        ControlFrame f = top();
        if (!f.dead) {
            if (!f.unreachable) {
                mv.visitJumpInsn(GOTO, f.label);
            }
            Label rangeEnd = new Label();
            mv.visitLabel(rangeEnd);
            // The label is counted from outside the try, whose frame is on top.
            int start = frameCount - 2 - depth;
            Label target = escape();
            for (int i = start; i >= outerCount(); i--) {
                if (catches(frames[i])) {
                    target = frames[i].dispatch;
                    break;
                }
            }
            // Outside a piece, the exception leaves it and is caught around the piece's call, by
            // the innermost block there: right unless delegate skips one of them.
            for (int i = outerCount() - 1; target == escape && i > start; i--) {
                if (catches(frames[i])) {
                    throw new NotCompilable("a delegate past a handler outside the piece");
                }
            }
            mv.visitTryCatchBlock(f.tryStart, rangeEnd, target, THROWN_EXCEPTION);
            mv.visitLabel(f.dispatch);
            mv.visitJumpInsn(GOTO, target);
        }
        // What is left is a block's end.
        f.opcode = Opcode.BLOCK;
        end();
    }

    /** Where an exception leaves the function from: a {@code throw} outside every range, emitted after the body. */
    private Label escape() {
        if (escape == null) {
            escape = new Label();
        }
        return escape;
    }

    private Label escape;

    /**
     * At the end of a {@code try_table}'s body: its handler, which catches {@code ThrownException}
     * thrown in the body's range and tries the clauses in order. A clause that matches puts back
     * the values its label keeps, pushes what it gives (the tag's values, the exception) and
     * branches; when none does, the exception goes on. The handler is registered after those of
     * the blocks inside, so the JVM tries the innermost first.
     */
    private void catchClauses(ControlFrame f) {
        if (!f.unreachable) {
            mv.visitJumpInsn(GOTO, f.label);
        }
        Label rangeEnd = new Label();
        mv.visitLabel(rangeEnd);
        Label handler = f.dispatch;
        mv.visitTryCatchBlock(f.tryStart, rangeEnd, handler, THROWN_EXCEPTION);
        mv.visitLabel(handler);
        int exception = newReferenceLocal();
        mv.visitVarInsn(ASTORE, exception);
        boolean caughtAll = false;
        for (int i = 0; i < f.catchCount && !caughtAll; i++) {
            int kind = f.catchKinds[i];
            Label next = new Label();
            if (kind < 2) {
                mv.visitVarInsn(ALOAD, exception);
                loadInstance();
                iconst(f.catchTags[i]);
                JavaMembers.HAS_TAG.call(mv);
                mv.visitJumpInsn(IFEQ, next);
            } else {
                caughtAll = true;
            }
            ControlFrame target = f.catchTargets[i];
            restoreValuesUnder(f, target.isFunction ? 0 : target.height);
            if (kind < 2) {
                pushExceptionValues(module.funcType(module.tagTypeIndex(f.catchTags[i])).params(), exception);
            }
            if (kind % 2 == 1) {
                mv.visitVarInsn(ALOAD, exception);
                mv.visitInsn(ICONST_0);
                push(ValueType.ref(dev.jazero.api.HeapType.EXN, false));
            }
            if (survey != null) {
                survey.blockExit(target.index);
            }
            branch(target);
            mv.visitLabel(next);
        }
        if (!caughtAll) {
            mv.visitVarInsn(ALOAD, exception);
            mv.visitInsn(ATHROW);
        }
    }

    /**
     * Pushes the values of the exception in local {@code exception}, of types {@code types}, as the
     * engines keep them ({@code Exceptions.push}: an {@code i31} a pair again).
     */
    private void pushExceptionValues(ValueType[] types, int exception) {
        if (types.length == 0) {
            return;
        }
        int slots = 0;
        for (ValueType t : types) {
            slots += t.slots();
        }
        int values = newReferenceLocal();
        iconst(slots);
        mv.visitIntInsn(NEWARRAY, T_LONG);
        mv.visitVarInsn(ASTORE, values);
        int refs = newReferenceLocal();
        iconst(slots);
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        mv.visitVarInsn(ASTORE, refs);
        mv.visitVarInsn(ALOAD, exception);
        mv.visitVarInsn(ALOAD, values);
        mv.visitVarInsn(ALOAD, refs);
        iconst(0);
        JavaMembers.EXCEPTION_PUSH.call(mv);
        mv.visitInsn(POP);
        JvmTypes.loadSlots(mv, types, values, refs);
        for (ValueType t : types) {
            push(t);
        }
    }

    /** {@code throw}: an exception of the tag with the values on top, thrown as a Java exception. */
    private void throwTag(int tag) {
        FuncType type = module.funcType(module.tagTypeIndex(tag));
        ValueType[] params = type.params();
        int[] temps = spill(params);
        pop(params.length);
        iconst(type.paramSlots());
        mv.visitIntInsn(NEWARRAY, T_LONG);
        storeSlots(params, temps);
        if (type.hasReferences()) {
            iconst(type.paramSlots());
            mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
            JvmTypes.storeReferenceSlots(mv, params, temps);
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        loadInstance();
        iconst(tag);
        JavaMembers.EXCEPTION.call(mv);
        mv.visitInsn(ATHROW);
        setUnreachable();
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

    /** {@code select}, of the declared type {@code declared} when it has one (the operands may be of its subtypes). */
    private void select(ValueType declared) {
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
        push(declared != null ? declared : t);
    }

}
