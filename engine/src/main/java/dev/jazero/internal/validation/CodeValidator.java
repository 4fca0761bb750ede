package dev.jazero.internal.validation;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.HeapType;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.ValueType;
import dev.jazero.internal.decoding.ByteReader;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.ir.CodeBuffer;
import dev.jazero.internal.ir.ArithmeticNaNs;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.ir.RelaxedSimd;
import dev.jazero.internal.ir.Op;
import dev.jazero.internal.wasm.ArrayType;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.FunctionCode;
import dev.jazero.internal.wasm.GlobalType;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.TableType;
import dev.jazero.internal.wasm.StructType;
import dev.jazero.internal.wasm.Subtyping;
import dev.jazero.internal.wasm.WasmModule;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one function body against the specification's typing rules and lowers it to internal
 * code ({@link IrFunction}) in the same pass, as wazero's frontend does: the validator already
 * knows at every instruction the operand types, the stack height and the label each branch
 * targets, which is exactly what lowering needs.
 *
 * <p>Validation follows the algorithm of the specification's appendix: an operand stack of types,
 * where an unknown type stands for the polymorphic bottom after {@code unreachable}, {@code br}
 * or {@code return}, and a stack of control frames. Code that is unreachable is validated but
 * not emitted.
 */
public final class CodeValidator {

    private static final int UNKNOWN = -1;
    private static final ValueType[] NONE = new ValueType[0];

    /** The 2.0 types, whose operand stack codes are their places here (see {@link #codeOf}). */
    private static final ValueType[] TYPES = {ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64, ValueType.V128,
        ValueType.FUNCREF, ValueType.EXTERNREF};

    /** The types the operand stack holds, by their int codes: the 2.0 ones, then the others as they come. */
    private final List<ValueType> types = new ArrayList<>(List.of(TYPES));
    private final Map<ValueType, Integer> otherCodes = new HashMap<>();

    /** The operand stack's code of {@code t}. */
    private int codeOf(ValueType t) {
        int kind = t.kind().ordinal();
        if (kind < ValueType.Kind.REF.ordinal()) {
            return kind;
        }
        if (t == ValueType.FUNCREF || t == ValueType.EXTERNREF) {
            return t == ValueType.FUNCREF ? 5 : 6;
        }
        return otherCodes.computeIfAbsent(t, k -> {
            types.add(k);
            return types.size() - 1;
        });
    }

    /** The type of operand stack code {@code code}. */
    private ValueType typeOf(int code) {
        return types.get(code);
    }

    private final WasmModule module;
    private final CoreFeatures features;
    private final CodeOptions options;
    private final Set<Integer> declaredFunctions;
    private final int functionIndex;
    private final FunctionCode body;
    private final FuncType type;
    private final ByteReader in;
    private final InstructionReader reader;

    private final ValueType[] localTypes;
    /** Per local, whether it may be read: a parameter, a local with a default, or one set in an enclosing block. */
    private final boolean[] initialized;
    /** The locals initialised by a set, innermost block last (see {@link #uninitialiseSince}). */
    private int[] inits = new int[8];
    private int initCount;
    private final int[] localSlot;

    private int[] operands = new int[64];
    private int operandCount;
    /** Slots taken by the operands above the locals, i.e. the runtime stack height minus locals. */
    private int slots;
    private int localSlots;
    private int maxSlots;

    private Frame[] frames = new Frame[16];
    private int frameCount;

    /** Where the code goes; whether it keeps any decides what {@link #run} returns. */
    private final CodeBuffer code;
    /** Whether the function's frame ever holds a reference: its returns then clear the frame's reference slots. */
    private boolean holdsReferences;
    /** Where the function's {@code RETURN}s are, to make them {@code RETURN_CLEARING}s when it holds references. */
    private int[] returns = new int[4];
    private int returnCount;
    /** The catch clauses of the function's {@code try_table}s, as {@link IrFunction#handlers()} holds them. */
    private int[] handlers = new int[0];
    private int handlerLength;

    private static final class Frame {
        int opcode;
        ValueType[] params;
        ValueType[] results;
        int height;
        int entrySlots;
        /** The typing rules' flag: the rest of the frame's code is stack-polymorphic. */
        boolean unreachable;
        /** The frame's code can never run (it starts in unreachable code): nothing is emitted. */
        boolean dead;
        int loopStart;
        int elsePatch = -1;
        int[] patches = new int[4];
        int patchCount;
        /** How many locals were initialised before the frame: those after it are undone at its end. */
        int initHeight;
        /** A {@code try_table}'s catch clauses: kind (as encoded), tag, the label they go to. */
        int catchCount;
        int[] catchKinds;
        int[] catchTags;
        Frame[] catchTargets;
        /** Where a {@code try_table}'s or {@code try}'s body starts in the internal code, and a {@code try}'s ends. */
        int bodyStart;
        int bodyEnd;

        int labelSlots() {
            return slotsOf(opcode == Opcode.LOOP ? params : results);
        }

        ValueType[] labelTypes() {
            return opcode == Opcode.LOOP ? params : results;
        }
    }

    private CodeValidator(WasmModule module, CoreFeatures features, CodeOptions options, Set<Integer> declaredFunctions,
            int functionIndex, CodeBuffer code, boolean keep) {
        this.module = module;
        this.code = code;
        code.reset(keep);
        this.features = features;
        this.options = options;
        this.declaredFunctions = declaredFunctions;
        this.functionIndex = functionIndex;
        this.body = module.codes.get(functionIndex - module.importedFunctionCount());
        this.type = module.functionType(functionIndex);
        this.in = new ByteReader(body.code());
        this.reader = new InstructionReader(in, module.encoding);
        ValueType[] params = type.params();
        ValueType[] locals = body.locals();
        localTypes = new ValueType[params.length + locals.length];
        System.arraycopy(params, 0, localTypes, 0, params.length);
        System.arraycopy(locals, 0, localTypes, params.length, locals.length);
        initialized = new boolean[localTypes.length];
        for (int i = 0; i < localTypes.length; i++) {
            // A non-nullable reference has no default value.
            initialized[i] = i < params.length || !localTypes[i].isReference() || localTypes[i].isNullable();
        }
        localSlot = new int[localTypes.length];
        int s = 0;
        for (int i = 0; i < localTypes.length; i++) {
            localSlot[i] = s;
            s += localTypes[i].slots();
        }
        localSlots = s;
    }

    /**
     * Validates the body of a defined function, lowering it into {@code buffer} (emptied first, so
     * that one buffer serves a module's functions in turn), and returns its internal code, or with
     * {@code keep} false only its frame's sizes.
     */
    static IrFunction validate(WasmModule module, CoreFeatures features, CodeOptions options,
            Set<Integer> declaredFunctions, int functionIndex, CodeBuffer buffer, boolean keep) {
        return new CodeValidator(module, features, options, declaredFunctions, functionIndex, buffer, keep).run();
    }

    private static int slotsOf(ValueType[] types) {
        int n = 0;
        for (ValueType t : types) {
            n += t.slots();
        }
        return n;
    }

    private static boolean hasReferences(ValueType[] types) {
        for (ValueType t : types) {
            if (t.isReference()) {
                return true;
            }
        }
        return false;
    }

    /** The slots of a value of operand stack code {@code type}: two for v128 (code 4), else one. */
    private static int slotsOf(int type) {
        return type == 4 ? 2 : 1;
    }

    // ---- errors -------------------------------------------------------------------------------

    private InvalidModuleException invalid(String message) {
        int offset = body.codeOffset() + reader.start;
        java.util.List<String> source = module.textPositions == null ? java.util.List.of()
                : module.textPositions.sourceLines(offset);
        return Validation.invalid(message, "function " + functionName() + " at offset 0x" + Integer.toHexString(offset)
                + (source.isEmpty() ? "" : ", " + source.get(0)));
    }

    private String functionName() {
        String name = module.names.functionName(functionIndex);
        return name != null ? name + " (" + functionIndex + ")" : String.valueOf(functionIndex);
    }

    // ---- operand stack ------------------------------------------------------------------------

    private void push(ValueType t) {
        pushCode(codeOf(t));
    }

    private void pushCode(int t) {
        // Codes from 5 on are references (codeOf).
        holdsReferences |= t >= 5;
        if (operandCount == operands.length) {
            operands = Arrays.copyOf(operands, operandCount * 2);
        }
        operands[operandCount++] = t;
        slots += slotsOf(t);
        if (slots > maxSlots) {
            maxSlots = slots;
        }
    }

    private void pushAll(ValueType[] types) {
        for (ValueType t : types) {
            push(t);
        }
    }

    private int pop() {
        Frame f = frames[frameCount - 1];
        if (operandCount == f.height) {
            if (f.unreachable) {
                return UNKNOWN;
            }
            throw invalid("type mismatch: the operand stack is empty");
        }
        int t = operands[--operandCount];
        slots -= slotsOf(t);
        return t;
    }

    private int pop(ValueType expected) {
        int actual = pop();
        if (actual != UNKNOWN && actual != codeOf(expected) && !Subtyping.isSubtype(module, typeOf(actual), expected)) {
            throw invalid("type mismatch: expected " + expected + " but found " + typeOf(actual));
        }
        return actual;
    }

    private void popAll(ValueType[] types) {
        for (int i = types.length - 1; i >= 0; i--) {
            pop(types[i]);
        }
    }

    // ---- control frames -----------------------------------------------------------------------

    private Frame pushFrame(int opcode, ValueType[] params, ValueType[] results) {
        boolean live = frameCount == 0 || reachable();
        if (frameCount == frames.length) {
            frames = Arrays.copyOf(frames, frameCount * 2);
        }
        Frame f = frames[frameCount];
        if (f == null) {
            f = frames[frameCount] = new Frame();
        }
        frameCount++;
        f.opcode = opcode;
        f.params = params;
        f.results = results;
        f.height = operandCount;
        f.entrySlots = slots;
        f.unreachable = false;
        f.dead = !live;
        if (opcode == Opcode.LOOP) {
            // Branches to a loop land at its start.
            code.label();
        }
        f.loopStart = code.position();
        if (opcode == Opcode.LOOP && live && options.sampled()) {
            // Every iteration passes the loop's header, where its values are all in the frame.
            emit(Op.CANCEL_CHECK);
        }
        f.elsePatch = -1;
        f.patchCount = 0;
        f.initHeight = initCount;
        pushAll(params);
        return f;
    }

    private Frame popFrame() {
        Frame f = frames[frameCount - 1];
        popAll(f.results);
        if (operandCount != f.height) {
            throw invalid("type mismatch: values remain on the stack at the end of the block");
        }
        uninitialiseSince(f);
        frameCount--;
        return f;
    }

    /**
     * Non-nullable locals must be set before they are read, and a set counts only to the end of
     * its block: the locals first set since {@code f} began are uninitialised again.
     */
    private void uninitialiseSince(Frame f) {
        while (initCount > f.initHeight) {
            initialized[inits[--initCount]] = false;
        }
    }

    /** A local set: from now to the end of the block it is initialised. */
    private void initialise(int local) {
        if (!initialized[local]) {
            initialized[local] = true;
            if (initCount == inits.length) {
                inits = Arrays.copyOf(inits, initCount * 2);
            }
            inits[initCount++] = local;
        }
    }

    private Frame label(long depth) {
        if (depth >= frameCount) {
            throw invalid("unknown label " + depth);
        }
        return frames[frameCount - 1 - (int) depth];
    }

    private void setUnreachable() {
        Frame f = frames[frameCount - 1];
        operandCount = f.height;
        slots = f.entrySlots;
        f.unreachable = true;
    }

    /** Returns true when the current instruction can run, so that it is worth emitting. */
    private boolean reachable() {
        Frame f = frames[frameCount - 1];
        return !f.unreachable && !f.dead;
    }

    // ---- emission -----------------------------------------------------------------------------

    private void emit(int op) {
        code.op(op, body.codeOffset() + reader.start);
    }

    private void emitImm(int value) {
        code.imm(value);
    }

    private void emitOp(int op, int imm) {
        code.op(op, imm, body.codeOffset() + reader.start);
    }

    /**
     * Emits a branch to {@code target}; the label's values are the top {@code arity} slots and
     * must end up at the label's height.
     */
    private void emitBranch(int plainOp, int adjustOp, Frame target) {
        int arity = target.labelSlots();
        boolean toFunction = target == frames[0];
        // A branch to the function's label is a return, which moves the results itself.
        boolean adjust = !toFunction && slots - arity != target.entrySlots;
        if (options.cancellable() && !options.sampled() && target.opcode == Opcode.LOOP) {
            // Every loop iteration takes a branch back: the place to notice a cancellation.
            if (!adjust) {
                emit(plainOp == Op.BR ? Op.BR_LOOP : Op.BR_IF_LOOP);
                emitTarget(target);
                return;
            }
            // A loop with parameters is rare: a check of its own, taken also when a br_if is not.
            emit(Op.CANCEL_CHECK);
        }
        emit(adjust ? adjustOp : plainOp);
        emitTarget(target);
        if (adjust) {
            emitImm(localSlots + target.entrySlots);
            emitImm(arity | (hasReferences(target.labelTypes()) ? Op.WITH_REFS : 0));
        }
    }

    /** Emits the code position of a label: known for loops, patched at the end otherwise. */
    private void emitTarget(Frame target) {
        if (target.opcode == Opcode.LOOP) {
            emitImm(target.loopStart);
        } else {
            if (target.patchCount == target.patches.length) {
                target.patches = Arrays.copyOf(target.patches, target.patchCount * 2);
            }
            target.patches[target.patchCount++] = code.position();
            emitImm(-1);
        }
    }

    // ---- the walk -----------------------------------------------------------------------------

    private IrFunction run() {
        for (int i = type.params().length; i < localTypes.length; i++) {
            referenceType(localTypes[i]);
        }
        pushFrame(Opcode.BLOCK, NONE, type.results());
        // The function frame's operands start after the locals.
        frames[0].entrySlots = 0;
        if (hasReferences(Arrays.copyOfRange(localTypes, type.params().length, localTypes.length))) {
            // The interpreter's slots for references may hold an earlier frame's.
            emitOp(Op.NULL_LOCALS, type.paramSlots());
            emitImm(localSlots);
        }
        if (options.listening()) {
            emit(Op.LISTEN_BEFORE);
        }
        if (options.cancellable() || options.sampled()) {
            emit(Op.CANCEL_CHECK);
        }
        while (frameCount > 0) {
            int op = reader.next();
            instruction(op);
        }
        if (options.sampled()) {
            // Where a call returns after compiled code ran the rest of it (its results in place).
            if (returnCount == returns.length) {
                returns = Arrays.copyOf(returns, returnCount * 2);
            }
            returns[returnCount++] = code.position();
            emit(Op.RETURN);
        }
        if (in.hasMore()) {
            throw invalid("operators remaining after the end of the function");
        }
        for (int i = type.params().length; i < localTypes.length; i++) {
            holdsReferences |= localTypes[i].isReference();
        }
        holdsReferences |= type.hasReferences();
        if (holdsReferences) {
            for (int i = 0; i < returnCount; i++) {
                code.set(returns[i], Op.RETURN_CLEARING);
            }
        }
        if (!code.keeps()) {
            return new IrFunction(null, null, type.paramSlots(), localSlots, type.resultSlots(), localSlots + maxSlots, null);
        }
        return new IrFunction(code.code(), code.offsets(),
                type.paramSlots(), localSlots, type.resultSlots(), localSlots + maxSlots,
                Arrays.copyOf(handlers, handlerLength));
    }

    private void instruction(int op) {
        switch (op) {
            case Opcode.UNREACHABLE -> {
                if (reachable()) {
                    emit(Op.UNREACHABLE);
                }
                setUnreachable();
            }
            case Opcode.NOP -> { }
            case Opcode.BLOCK, Opcode.LOOP -> {
                FuncType bt = blockType();
                popAll(bt.params());
                pushFrame(op, bt.params(), bt.results());
            }
            case Opcode.IF -> {
                FuncType bt = blockType();
                pop(ValueType.I32);
                boolean emitting = reachable();
                popAll(bt.params());
                Frame f = pushFrame(op, bt.params(), bt.results());
                if (emitting) {
                    emit(Op.BR_UNLESS);
                    f.elsePatch = code.position();
                    emitImm(-1);
                }
            }
            case Opcode.TRY_TABLE -> tryTable();
            case Opcode.TRY -> {
                FuncType bt = blockType();
                popAll(bt.params());
                Frame f = pushFrame(Opcode.TRY, bt.params(), bt.results());
                code.label();
                f.bodyStart = code.position();
            }
            case Opcode.CATCH, Opcode.CATCH_ALL -> legacyCatch(op);
            case Opcode.DELEGATE -> delegate();
            case Opcode.RETHROW -> {
                Frame caught = label(reader.a);
                if (caught.opcode != Opcode.CATCH && caught.opcode != Opcode.CATCH_ALL) {
                    throw invalid("invalid rethrow label: " + reader.a + " is not a catch block");
                }
                if (reachable()) {
                    // The exception a legacy catch caught lies under its values (EXCEPTION_THEN_VALUES).
                    emitOp(Op.LOCAL_GET_REF, localSlots + caught.entrySlots);
                    maxSlots = Math.max(maxSlots, slots + 1);
                    emit(Op.THROW_REF);
                }
                setUnreachable();
            }
            case Opcode.THROW -> {
                FuncType t = tagType(reader.a);
                popAll(t.params());
                if (reachable()) {
                    emitOp(Op.THROW, (int) reader.a);
                }
                setUnreachable();
            }
            case Opcode.THROW_REF -> {
                pop(ValueType.ref(HeapType.EXN, true));
                if (reachable()) {
                    emit(Op.THROW_REF);
                }
                setUnreachable();
            }
            case Opcode.ELSE -> elseInstruction();
            case Opcode.END -> end();
            case Opcode.BR -> {
                Frame target = label(reader.a);
                popAll(target.labelTypes());
                pushAll(target.labelTypes());
                if (reachable()) {
                    emitBranch(Op.BR, Op.BR_ADJUST, target);
                }
                setUnreachable();
            }
            case Opcode.BR_IF -> {
                Frame target = label(reader.a);
                pop(ValueType.I32);
                ValueType[] types = target.labelTypes();
                popAll(types);
                pushAll(types);
                if (reachable()) {
                    emitBranch(Op.BR_IF, Op.BR_IF_ADJUST, target);
                }
            }
            case Opcode.BR_TABLE -> brTable();
            case Opcode.RETURN -> {
                popAll(type.results());
                if (reachable()) {
                    emitReturn();
                }
                setUnreachable();
            }
            case Opcode.CALL -> call();
            case Opcode.CALL_INDIRECT -> callIndirect();
            case Opcode.RETURN_CALL -> returnCall();
            case Opcode.RETURN_CALL_INDIRECT -> returnCallIndirect();
            case Opcode.CALL_REF -> callRef(false);
            case Opcode.RETURN_CALL_REF -> callRef(true);
            case Opcode.REF_AS_NON_NULL -> {
                requireFeature(CoreFeatures.FUNCTION_REFERENCES, "ref.as_non_null");
                int t = popReference();
                pushCode(t == UNKNOWN ? UNKNOWN : codeOf(nonNull(typeOf(t))));
                if (reachable()) {
                    emit(Op.REF_AS_NON_NULL);
                }
            }
            case Opcode.BR_ON_NULL -> brOnNull();
            case Opcode.BR_ON_NON_NULL -> brOnNonNull();
            case Opcode.DROP -> {
                int t = pop();
                if (reachable()) {
                    emit(slotsOf(t) == 2 ? Op.DROP2 : Op.DROP);
                }
            }
            case Opcode.SELECT -> select(null);
            case Opcode.SELECT_T -> {
                ValueType[] types = reader.selectTypes;
                if (types.length != 1) {
                    throw invalid("invalid result arity for select");
                }
                requireFeature(CoreFeatures.REFERENCE_TYPES, "typed select");
                select(types[0]);
            }
            case Opcode.LOCAL_GET -> {
                int i = local(reader.a);
                if (!initialized[i]) {
                    throw invalid("uninitialized local " + i);
                }
                push(localTypes[i]);
                if (reachable()) {
                    emitOp(localTypes[i].isReference() ? Op.LOCAL_GET_REF
                            : localTypes[i].slots() == 2 ? Op.LOCAL_GET2 : Op.LOCAL_GET, localSlot[i]);
                }
            }
            case Opcode.LOCAL_SET -> {
                int i = local(reader.a);
                pop(localTypes[i]);
                initialise(i);
                if (reachable()) {
                    emitOp(localTypes[i].isReference() ? Op.LOCAL_SET_REF
                            : localTypes[i].slots() == 2 ? Op.LOCAL_SET2 : Op.LOCAL_SET, localSlot[i]);
                }
            }
            case Opcode.LOCAL_TEE -> {
                int i = local(reader.a);
                pop(localTypes[i]);
                initialise(i);
                push(localTypes[i]);
                if (reachable()) {
                    emitOp(localTypes[i].isReference() ? Op.LOCAL_TEE_REF
                            : localTypes[i].slots() == 2 ? Op.LOCAL_TEE2 : Op.LOCAL_TEE, localSlot[i]);
                }
            }
            case Opcode.GLOBAL_GET -> {
                GlobalType g = global(reader.a);
                push(g.valueType());
                if (reachable()) {
                    emitOp(g.valueType().isReference() ? Op.GLOBAL_GET_REF
                            : g.valueType().slots() == 2 ? Op.GLOBAL_GET2 : Op.GLOBAL_GET, (int) reader.a);
                }
            }
            case Opcode.GLOBAL_SET -> {
                GlobalType g = global(reader.a);
                if (!g.mutable()) {
                    throw invalid("global is immutable");
                }
                pop(g.valueType());
                if (reachable()) {
                    emitOp(g.valueType().isReference() ? Op.GLOBAL_SET_REF
                            : g.valueType().slots() == 2 ? Op.GLOBAL_SET2 : Op.GLOBAL_SET, (int) reader.a);
                }
            }
            case Opcode.TABLE_GET -> {
                TableType t = table(reader.a);
                pop(t.addressType());
                push(t.elementType());
                if (reachable()) {
                    narrowTableIndex(t, 0);
                    emitOp(Op.TABLE_GET, (int) reader.a);
                }
            }
            case Opcode.TABLE_SET -> {
                TableType t = table(reader.a);
                pop(t.elementType());
                pop(t.addressType());
                if (reachable()) {
                    narrowTableIndex(t, 1);
                    emitOp(Op.TABLE_SET, (int) reader.a);
                }
            }
            case Opcode.I32_LOAD, Opcode.I64_LOAD, Opcode.F32_LOAD, Opcode.F64_LOAD, Opcode.I32_LOAD8_S,
                    Opcode.I32_LOAD8_U, Opcode.I32_LOAD16_S, Opcode.I32_LOAD16_U, Opcode.I64_LOAD8_S,
                    Opcode.I64_LOAD8_U, Opcode.I64_LOAD16_S, Opcode.I64_LOAD16_U, Opcode.I64_LOAD32_S,
                    Opcode.I64_LOAD32_U -> {
                memarg(NumericSignatures.loadAlign(op));
                pop(addressType(reader.memory));
                push(NumericSignatures.loadType(op));
                if (reachable()) {
                    memoryAccess(op);
                }
            }
            case Opcode.I32_STORE, Opcode.I64_STORE, Opcode.F32_STORE, Opcode.F64_STORE, Opcode.I32_STORE8,
                    Opcode.I32_STORE16, Opcode.I64_STORE8, Opcode.I64_STORE16, Opcode.I64_STORE32 -> {
                memarg(NumericSignatures.storeAlign(op));
                pop(NumericSignatures.storeType(op));
                pop(addressType(reader.memory));
                if (reachable()) {
                    memoryAccess(op);
                }
            }
            case Opcode.MEMORY_SIZE -> {
                memory(reader.memory);
                push(addressType(reader.memory));
                if (reachable()) {
                    selectMemory(reader.memory);
                    emit(Op.MEMORY_SIZE);
                    unselectMemory(reader.memory);
                }
            }
            case Opcode.MEMORY_GROW -> {
                memory(reader.memory);
                pop(addressType(reader.memory));
                push(addressType(reader.memory));
                if (reachable()) {
                    selectMemory(reader.memory);
                    emit(Op.MEMORY_GROW);
                    unselectMemory(reader.memory);
                }
            }
            case Opcode.I32_CONST -> {
                push(ValueType.I32);
                if (reachable()) {
                    emitOp(Op.I32_CONST, (int) reader.a);
                }
            }
            case Opcode.I64_CONST -> {
                push(ValueType.I64);
                if (reachable()) {
                    emitOp(Op.I64_CONST, (int) reader.a);
                    emitImm((int) (reader.a >>> 32));
                }
            }
            case Opcode.F32_CONST -> {
                push(ValueType.F32);
                if (reachable()) {
                    emitOp(Op.F32_CONST, (int) reader.a);
                }
            }
            case Opcode.F64_CONST -> {
                push(ValueType.F64);
                if (reachable()) {
                    emitOp(Op.F64_CONST, (int) reader.a);
                    emitImm((int) (reader.a >>> 32));
                }
            }
            case Opcode.REF_NULL -> {
                requireFeature(CoreFeatures.REFERENCE_TYPES, "ref.null");
                ValueType t = ValueType.ref(reader.heapType, true);
                referenceType(t);
                push(t);
                if (reachable()) {
                    emit(Op.REF_NULL);
                }
            }
            case Opcode.REF_IS_NULL -> {
                requireFeature(CoreFeatures.REFERENCE_TYPES, "ref.is_null");
                int t = pop();
                if (t != UNKNOWN && !typeOf(t).isReference()) {
                    throw invalid("type mismatch: ref.is_null needs a reference, found " + typeOf(t));
                }
                push(ValueType.I32);
                if (reachable()) {
                    emit(Op.REF_IS_NULL);
                }
            }
            case Opcode.REF_FUNC -> {
                requireFeature(CoreFeatures.REFERENCE_TYPES, "ref.func");
                int f = function(reader.a);
                if (!declaredFunctions.contains(f)) {
                    throw invalid("undeclared function reference " + f);
                }
                push(functionReference(module, features, f));
                if (reachable()) {
                    emitOp(Op.REF_FUNC, f);
                }
            }
            default -> {
                if (op >= 0x45 && op <= 0xC4) {
                    if (op >= 0xC0) {
                        requireFeature(CoreFeatures.SIGN_EXTENSION_OPS, "sign-extension operators");
                    }
                    numeric(op, NumericSignatures.plain(op));
                } else if (Opcode.prefix(op) == Opcode.PREFIX_FC) {
                    prefixedFc(Opcode.sub(op));
                } else if (Opcode.prefix(op) == Opcode.PREFIX_FD) {
                    prefixedFd(Opcode.sub(op));
                } else if (op >= Opcode.REF_TEST && op <= Opcode.REF_CAST_NULL) {
                    testOrCast(op);
                } else if (Opcode.prefix(op) == Opcode.PREFIX_FB) {
                    prefixedFb(Opcode.sub(op));
                } else if (op == Opcode.REF_EQ) {
                    requireFeature(CoreFeatures.GC, "ref.eq");
                    pop(ValueType.ref(HeapType.EQ, true));
                    pop(ValueType.ref(HeapType.EQ, true));
                    push(ValueType.I32);
                    if (reachable()) {
                        emit(Op.REF_EQ);
                    }
                } else {
                    throw invalid("unsupported instruction 0x" + Integer.toHexString(op));
                }
            }
        }
    }

    private void numeric(int irOp, ValueType[] sig) {
        if (sig[1] != null) {
            pop(sig[1]);
        }
        pop(sig[0]);
        push(sig[2]);
        if (reachable()) {
            emit(irOp);
            emitCanonical(ArithmeticNaNs.plain(irOp));
        }
    }

    /** After an instruction whose result has NaN shape {@code shape}: its canonical NaN, if asked for. */
    private void emitCanonical(int shape) {
        if (options.canonicalNaNs() && shape != ArithmeticNaNs.NONE) {
            emit(switch (shape) {
                case ArithmeticNaNs.F32 -> Op.CANONICAL_F32;
                case ArithmeticNaNs.F64 -> Op.CANONICAL_F64;
                case ArithmeticNaNs.F32X4 -> Op.CANONICAL_F32X4;
                default -> Op.CANONICAL_F64X2;
            });
        }
    }

    /**
     * {@code ref.test} and {@code ref.cast}: the operand is any reference of the type's hierarchy
     * (functions, or external references); the test pushes an i32, the cast the type.
     */
    private void testOrCast(int op) {
        requireFeature(CoreFeatures.GC, Opcode.sub(op) < 22 ? "ref.test" : "ref.cast");
        boolean nullable = op == Opcode.REF_TEST_NULL || op == Opcode.REF_CAST_NULL;
        ValueType target = ValueType.ref(reader.heapType, nullable);
        referenceType(target);
        int t = popReference();
        if (t != UNKNOWN && !Subtyping.isSubtype(module, target, top(typeOf(t)))) {
            throw invalid("type mismatch: " + target + " is not of the hierarchy of " + typeOf(t));
        }
        boolean cast = op >= Opcode.REF_CAST;
        pushCode(cast ? codeOf(target) : codeOf(ValueType.I32));
        if (reachable()) {
            emitOp(cast ? Op.REF_CAST : Op.REF_TEST, Op.heapType(reader.heapType));
            emitImm(nullable ? 1 : 0);
        }
    }

    // ---- garbage collection --------------------------------------------------------------------

    /** Garbage collection's instructions (0xFB prefixed) other than {@code ref.test} and {@code ref.cast}. */
    private void prefixedFb(int sub) {
        requireFeature(CoreFeatures.GC, Opcode.fbName(sub));
        int t = (int) Math.min(reader.a, Integer.MAX_VALUE);
        switch (sub) {
            case Opcode.Fb.STRUCT_NEW, Opcode.Fb.STRUCT_NEW_DEFAULT -> {
                List<FieldType> fields = structType(reader.a).fields();
                for (int i = fields.size() - 1; i >= 0; i--) {
                    if (sub == Opcode.Fb.STRUCT_NEW) {
                        pop(unpacked(fields.get(i)));
                    } else {
                        defaultable(fields.get(i));
                    }
                }
                push(ValueType.ref(HeapType.type(t), false));
                emitGc(sub == Opcode.Fb.STRUCT_NEW ? Op.STRUCT_NEW : Op.STRUCT_NEW_DEFAULT, t);
            }
            case Opcode.Fb.STRUCT_GET, Opcode.Fb.STRUCT_GET_S, Opcode.Fb.STRUCT_GET_U -> {
                FieldType f = field(structType(reader.a), reader.b);
                packedAccess(f, sub != Opcode.Fb.STRUCT_GET);
                pop(ValueType.ref(HeapType.type(t), true));
                push(unpacked(f));
                emitGc(sub == Opcode.Fb.STRUCT_GET ? Op.STRUCT_GET : sub == Opcode.Fb.STRUCT_GET_S ? Op.STRUCT_GET_S
                        : Op.STRUCT_GET_U, t, (int) reader.b);
            }
            case Opcode.Fb.STRUCT_SET -> {
                FieldType f = field(structType(reader.a), reader.b);
                if (!f.mutable()) {
                    throw invalid("field is immutable");
                }
                pop(unpacked(f));
                pop(ValueType.ref(HeapType.type(t), true));
                emitGc(Op.STRUCT_SET, t, (int) reader.b);
            }
            case Opcode.Fb.ARRAY_NEW, Opcode.Fb.ARRAY_NEW_DEFAULT -> {
                FieldType e = arrayType(reader.a).element();
                pop(ValueType.I32);
                if (sub == Opcode.Fb.ARRAY_NEW) {
                    pop(unpacked(e));
                } else {
                    defaultable(e);
                }
                push(ValueType.ref(HeapType.type(t), false));
                emitGc(sub == Opcode.Fb.ARRAY_NEW ? Op.ARRAY_NEW : Op.ARRAY_NEW_DEFAULT, t);
            }
            case Opcode.Fb.ARRAY_NEW_FIXED -> {
                FieldType e = arrayType(reader.a).element();
                // One pop past the frame's operands fails, or in unreachable code gives an unknown
                // type, as every further one would: a count of 2^32 - 1 costs no more than that.
                long available = operandCount - frames[frameCount - 1].height;
                for (long i = 0, n = Math.min(reader.b, available + 1); i < n; i++) {
                    pop(unpacked(e));
                }
                push(ValueType.ref(HeapType.type(t), false));
                emitGc(Op.ARRAY_NEW_FIXED, t, (int) reader.b);
            }
            case Opcode.Fb.ARRAY_NEW_DATA, Opcode.Fb.ARRAY_INIT_DATA, Opcode.Fb.ARRAY_NEW_ELEM, Opcode.Fb.ARRAY_INIT_ELEM -> {
                FieldType e = arrayType(reader.a).element();
                boolean data = sub == Opcode.Fb.ARRAY_NEW_DATA || sub == Opcode.Fb.ARRAY_INIT_DATA;
                if (data) {
                    if (e.type().isReference()) {
                        throw invalid("type mismatch: array type is not numeric or vector");
                    }
                    dataSegment(reader.b);
                } else {
                    ValueType segment = elementSegment(reader.b);
                    if (!Subtyping.isSubtype(module, segment, e.type())) {
                        throw invalid("type mismatch: elem segment of " + segment + " for an array of " + e);
                    }
                }
                pop(ValueType.I32);
                pop(ValueType.I32);
                boolean creates = sub == Opcode.Fb.ARRAY_NEW_DATA || sub == Opcode.Fb.ARRAY_NEW_ELEM;
                if (creates) {
                    push(ValueType.ref(HeapType.type(t), false));
                } else {
                    mutableArray(e);
                    pop(ValueType.I32);
                    pop(ValueType.ref(HeapType.type(t), true));
                }
                emitGc(data ? (creates ? Op.ARRAY_NEW_DATA : Op.ARRAY_INIT_DATA)
                        : (creates ? Op.ARRAY_NEW_ELEM : Op.ARRAY_INIT_ELEM), t, (int) reader.b);
            }
            case Opcode.Fb.ARRAY_GET, Opcode.Fb.ARRAY_GET_S, Opcode.Fb.ARRAY_GET_U -> {
                FieldType e = arrayType(reader.a).element();
                packedAccess(e, sub != Opcode.Fb.ARRAY_GET);
                pop(ValueType.I32);
                pop(ValueType.ref(HeapType.type(t), true));
                push(unpacked(e));
                emitGc(sub == Opcode.Fb.ARRAY_GET ? Op.ARRAY_GET : sub == Opcode.Fb.ARRAY_GET_S ? Op.ARRAY_GET_S
                        : Op.ARRAY_GET_U, t);
            }
            case Opcode.Fb.ARRAY_SET -> {
                FieldType e = arrayType(reader.a).element();
                mutableArray(e);
                pop(unpacked(e));
                pop(ValueType.I32);
                pop(ValueType.ref(HeapType.type(t), true));
                emitGc(Op.ARRAY_SET, t);
            }
            case Opcode.Fb.ARRAY_LEN -> {
                pop(ValueType.ref(HeapType.ARRAY, true));
                push(ValueType.I32);
                if (reachable()) {
                    emit(Op.ARRAY_LEN);
                }
            }
            case Opcode.Fb.ARRAY_FILL -> {
                FieldType e = arrayType(reader.a).element();
                mutableArray(e);
                pop(ValueType.I32);
                pop(unpacked(e));
                pop(ValueType.I32);
                pop(ValueType.ref(HeapType.type(t), true));
                emitGc(Op.ARRAY_FILL, t);
            }
            case Opcode.Fb.ARRAY_COPY -> {
                FieldType to = arrayType(reader.a).element();
                FieldType from = arrayType(reader.b).element();
                mutableArray(to);
                if (to.packedBits() != from.packedBits() || !Subtyping.isSubtype(module, from.type(), to.type())) {
                    throw invalid("type mismatch: array of " + from + " copied into an array of " + to);
                }
                pop(ValueType.I32);
                pop(ValueType.I32);
                pop(ValueType.ref(HeapType.type((int) Math.min(reader.b, Integer.MAX_VALUE)), true));
                pop(ValueType.I32);
                pop(ValueType.ref(HeapType.type(t), true));
                emitGc(Op.ARRAY_COPY, t, (int) reader.b);
            }
            case Opcode.Fb.BR_ON_CAST, Opcode.Fb.BR_ON_CAST_FAIL -> brOnCast(sub == Opcode.Fb.BR_ON_CAST_FAIL);
            case Opcode.Fb.ANY_CONVERT_EXTERN, Opcode.Fb.EXTERN_CONVERT_ANY -> {
                // The same object in both hierarchies: only the static type changes.
                boolean toAny = sub == Opcode.Fb.ANY_CONVERT_EXTERN;
                int operand = pop(ValueType.ref(toAny ? HeapType.EXTERN : HeapType.ANY, true));
                boolean nullable = operand == UNKNOWN || typeOf(operand).isNullable();
                push(ValueType.ref(toAny ? HeapType.ANY : HeapType.EXTERN, nullable));
            }
            case Opcode.Fb.REF_I31 -> {
                pop(ValueType.I32);
                push(ValueType.ref(HeapType.I31, false));
                if (reachable()) {
                    emit(Op.REF_I31);
                }
            }
            case Opcode.Fb.I31_GET_S, Opcode.Fb.I31_GET_U -> {
                pop(ValueType.ref(HeapType.I31, true));
                push(ValueType.I32);
                if (reachable()) {
                    emit(sub == Opcode.Fb.I31_GET_S ? Op.I31_GET_S : Op.I31_GET_U);
                }
            }
            default -> throw invalid("unsupported instruction 0xfb " + sub);
        }
    }

    private void emitGc(int op, int type) {
        if (reachable()) {
            emitOp(op, type);
        }
    }

    private void emitGc(int op, int type, int second) {
        if (reachable()) {
            emitOp(op, type);
            emitImm(second);
        }
    }

    private StructType structType(long index) {
        if (index >= module.types.size()) {
            throw invalid("unknown type " + index);
        }
        if (!(module.types.get((int) index).composite() instanceof StructType s)) {
            throw invalid("type mismatch: type " + index + " is not a struct type");
        }
        return s;
    }

    private ArrayType arrayType(long index) {
        if (index >= module.types.size()) {
            throw invalid("unknown type " + index);
        }
        if (!(module.types.get((int) index).composite() instanceof ArrayType a)) {
            throw invalid("type mismatch: type " + index + " is not an array type");
        }
        return a;
    }

    private FieldType field(StructType s, long index) {
        if (index >= s.fields().size()) {
            throw invalid("unknown field " + index);
        }
        return s.fields().get((int) index);
    }

    /** The type a field's value has on the stack: i32 for a packed one. */
    private static ValueType unpacked(FieldType f) {
        return f.packedBits() != 0 ? ValueType.I32 : f.type();
    }

    private void defaultable(FieldType f) {
        if (f.type().isReference() && !f.type().isNullable()) {
            throw invalid("field type is not defaultable: " + f);
        }
    }

    /** {@code get_s} and {@code get_u} are for packed fields, plain {@code get} for the others. */
    private void packedAccess(FieldType f, boolean extending) {
        if (extending != (f.packedBits() != 0)) {
            throw invalid(extending ? "type mismatch: field is not packed" : "type mismatch: field is packed");
        }
    }

    private void mutableArray(FieldType element) {
        if (!element.mutable()) {
            throw invalid("array is immutable");
        }
    }

    /**
     * {@code br_on_cast l rt1 rt2} (branch with the reference when it is of {@code rt2}) and
     * {@code br_on_cast_fail} (when it is not). Lowered as {@code REF_TEST_KEEP}, a jump past the
     * branch, and the branch.
     */
    private void brOnCast(boolean onFail) {
        Frame target = label(reader.a);
        ValueType from = ValueType.ref(reader.heapType, (reader.castFlags & 1) != 0);
        ValueType to = ValueType.ref(reader.heapType2, (reader.castFlags & 2) != 0);
        referenceType(from);
        referenceType(to);
        if (!Subtyping.isSubtype(module, to, from)) {
            throw invalid("type mismatch: " + to + " is not a subtype of " + from);
        }
        ValueType rest = ValueType.ref(from.heapType(), from.isNullable() && !to.isNullable());
        ValueType branched = onFail ? rest : to;
        ValueType[] types = target.labelTypes();
        if (types.length == 0 || !Subtyping.isSubtype(module, branched, types[types.length - 1])) {
            throw invalid("type mismatch: the label of " + (onFail ? "br_on_cast_fail" : "br_on_cast")
                    + " does not take " + branched);
        }
        pop(from);
        ValueType[] below = Arrays.copyOf(types, types.length - 1);
        popAll(below);
        pushAll(below);
        push(branched);
        if (reachable()) {
            emitOp(Op.REF_TEST_KEEP, Op.heapType(to.heapType()));
            emitImm(to.isNullable() ? 1 : 0);
            maxSlots = Math.max(maxSlots, slots + 1);
            emitOp(onFail ? Op.BR_IF : Op.BR_UNLESS, 0);
            int patch = code.position() - 1;
            emitBranch(Op.BR, Op.BR_ADJUST, target);
            code.label();
            code.set(patch, code.position());
        }
        pop();
        push(onFail ? to : rest);
    }

    /** The top of the hierarchy of reference type {@code t}: {@code func}, {@code extern}, {@code exn} or {@code any}, nullable. */
    ValueType top(ValueType t) {
        HeapType h = t.heapType();
        if (!h.isAbstract()) {
            return module.isFuncType(h.typeIndex()) ? ValueType.FUNCREF : ValueType.ref(HeapType.ANY, true);
        }
        return h == HeapType.FUNC || h == HeapType.NOFUNC ? ValueType.FUNCREF
                : h == HeapType.EXTERN || h == HeapType.NOEXTERN ? ValueType.EXTERNREF
                : h == HeapType.EXN || h == HeapType.NOEXN ? ValueType.ref(HeapType.EXN, true)
                : ValueType.ref(HeapType.ANY, true);
    }

    private void prefixedFc(int sub) {
        if (sub <= Opcode.Fc.I64_TRUNC_SAT_F64_U) {
            requireFeature(CoreFeatures.NON_TRAPPING_FLOAT_TO_INT_CONVERSION, "saturating conversions");
            numeric(Op.FC_BASE + sub, NumericSignatures.saturating(sub));
            return;
        }
        if (sub >= 15) {
            requireFeature(CoreFeatures.REFERENCE_TYPES, "table instructions");
        } else {
            requireFeature(CoreFeatures.BULK_MEMORY_OPERATIONS, "bulk memory operations");
        }
        switch (sub) {
            case Opcode.Fc.MEMORY_INIT -> {
                memory(reader.memory);
                dataSegment(reader.a);
                pop(ValueType.I32);
                pop(ValueType.I32);
                pop(addressType(reader.memory));
                if (reachable()) {
                    selectMemory(reader.memory);
                    emitOp(Op.MEMORY_INIT, (int) reader.a);
                    unselectMemory(reader.memory);
                }
            }
            case Opcode.Fc.DATA_DROP -> {
                dataSegment(reader.a);
                if (reachable()) {
                    emitOp(Op.DATA_DROP, (int) reader.a);
                }
            }
            case Opcode.Fc.MEMORY_COPY -> {
                memory(reader.memory);
                memory(reader.sourceMemory);
                ValueType dst = addressType(reader.memory);
                ValueType src = addressType(reader.sourceMemory);
                pop(dst == ValueType.I64 && src == ValueType.I64 ? ValueType.I64 : ValueType.I32);
                pop(src);
                pop(dst);
                if (reachable()) {
                    if (reader.memory == 0 && reader.sourceMemory == 0) {
                        emit(Op.MEMORY_COPY);
                    } else {
                        emitOp(Op.MEMORY_COPY_BETWEEN, reader.memory);
                        emitImm(reader.sourceMemory);
                    }
                }
            }
            case Opcode.Fc.MEMORY_FILL -> {
                memory(reader.memory);
                pop(addressType(reader.memory));
                pop(ValueType.I32);
                pop(addressType(reader.memory));
                if (reachable()) {
                    selectMemory(reader.memory);
                    emit(Op.MEMORY_FILL);
                    unselectMemory(reader.memory);
                }
            }
            case Opcode.Fc.TABLE_INIT -> {
                ValueType elemType = elementSegment(reader.a);
                TableType t = table(reader.b);
                if (!Subtyping.isSubtype(module, elemType, t.elementType())) {
                    throw invalid("type mismatch: element segment of " + elemType + " into table of " + t.elementType());
                }
                pop(ValueType.I32);
                pop(ValueType.I32);
                pop(t.addressType());
                if (reachable()) {
                    narrowTableIndex(t, 2);
                    emitOp(Op.TABLE_INIT, (int) reader.a);
                    emitImm((int) reader.b);
                }
            }
            case Opcode.Fc.ELEM_DROP -> {
                elementSegment(reader.a);
                if (reachable()) {
                    emitOp(Op.ELEM_DROP, (int) reader.a);
                }
            }
            case Opcode.Fc.TABLE_COPY -> {
                TableType dst = table(reader.a);
                TableType src = table(reader.b);
                if (!Subtyping.isSubtype(module, src.elementType(), dst.elementType())) {
                    throw invalid("type mismatch: table.copy between tables of " + src.elementType() + " and "
                            + dst.elementType());
                }
                ValueType count = dst.address64() && src.address64() ? ValueType.I64 : ValueType.I32;
                pop(count);
                pop(src.addressType());
                pop(dst.addressType());
                if (reachable()) {
                    if (count == ValueType.I64) {
                        emitOp(Op.TABLE_INDEX64, 0);
                    }
                    narrowTableIndex(src, 1);
                    narrowTableIndex(dst, 2);
                    emitOp(Op.TABLE_COPY, (int) reader.a);
                    emitImm((int) reader.b);
                }
            }
            case Opcode.Fc.TABLE_GROW -> {
                TableType t = table(reader.a);
                pop(t.addressType());
                pop(t.elementType());
                push(t.addressType());
                if (reachable()) {
                    narrowTableIndex(t, 0);
                    emitOp(Op.TABLE_GROW, (int) reader.a);
                    if (t.address64()) {
                        // The old size, or -1: sign-extended.
                        emit(Opcode.I64_EXTEND_I32_S);
                    }
                }
            }
            case Opcode.Fc.TABLE_SIZE -> {
                TableType t = table(reader.a);
                push(t.addressType());
                if (reachable()) {
                    emitOp(Op.TABLE_SIZE, (int) reader.a);
                    if (t.address64()) {
                        emit(Opcode.I64_EXTEND_I32_U);
                    }
                }
            }
            case Opcode.Fc.TABLE_FILL -> {
                TableType t = table(reader.a);
                pop(t.addressType());
                pop(t.elementType());
                pop(t.addressType());
                if (reachable()) {
                    narrowTableIndex(t, 0);
                    narrowTableIndex(t, 2);
                    emitOp(Op.TABLE_FILL, (int) reader.a);
                }
            }
            default -> throw invalid("unsupported instruction 0xfc " + sub);
        }
    }

    /** SIMD instructions, typed by {@link SimdValidation}'s table. */
    private void prefixedFd(int sub) {
        requireFeature(CoreFeatures.SIMD, "SIMD instructions");
        if (sub >= Opcode.RELAXED_SIMD_FIRST) {
            requireFeature(CoreFeatures.RELAXED_SIMD, "relaxed SIMD instructions");
        }
        ValueType[] params = SimdValidation.params(sub);
        if (params == null) {
            throw invalid("unsupported instruction 0xfd " + sub);
        }
        if (SimdValidation.naturalAlignment(sub) >= 0) {
            memarg(SimdValidation.naturalAlignment(sub));
        }
        String lanes = SimdValidation.checkLanes(sub, reader);
        if (lanes != null) {
            throw invalid(lanes);
        }
        if (SimdValidation.naturalAlignment(sub) >= 0 && addressType(reader.memory) == ValueType.I64) {
            // The address, first of the parameters, is an i64 on a 64-bit memory.
            params = params.clone();
            params[0] = ValueType.I64;
        }
        popAll(params);
        if (SimdValidation.result(sub) != null) {
            push(SimdValidation.result(sub));
        }
        if (reachable()) {
            // A relaxed instruction runs as the 2.0 instruction whose result it gives.
            int runs = RelaxedSimd.deterministic(sub);
            boolean onMemory = SimdValidation.naturalAlignment(sub) >= 0;
            if (onMemory) {
                selectMemory(reader.memory);
            }
            boolean wide = onMemory && module.allMemories().get(reader.memory).address64();
            if (wide) {
                emitOp(Op.MEMORY64, Op.SIMD_BASE + runs);
                emitImm((int) reader.b);
                emitImm((int) (reader.b >>> 32));
            } else {
                emit(Op.SIMD_BASE + runs);
            }
            int[] imm = new int[4];
            int n = SimdValidation.immediates(sub, reader, imm);
            if (wide) {
                // The offset is written above; the lane, or 0, after it.
                emitImm(n > 1 ? imm[1] : 0);
            } else {
                for (int i = 0; i < n; i++) {
                    emitImm(imm[i]);
                }
            }
            if (onMemory) {
                unselectMemory(reader.memory);
            }
            emitCanonical(ArithmeticNaNs.simd(runs));
        }
    }

    private void elseInstruction() {
        Frame f = frames[frameCount - 1];
        if (f.opcode != Opcode.IF) {
            throw invalid("else without a matching if");
        }
        boolean thenReachable = reachable();
        popAll(f.results);
        if (operandCount != f.height) {
            throw invalid("type mismatch: values remain on the stack at the end of the then branch");
        }
        uninitialiseSince(f);
        // The frame stays: branches of the then part to the if's label keep their patches.
        if (thenReachable) {
            emit(Op.BR);
            emitTarget(f);
        }
        code.label();
        if (f.elsePatch >= 0) {
            code.set(f.elsePatch, code.position());
        }
        f.elsePatch = -1;
        f.opcode = 0x05;
        f.unreachable = false;
        slots = f.entrySlots;
        pushAll(f.params);
    }

    private void end() {
        Frame f = frames[frameCount - 1];
        if (f.opcode == Opcode.IF && !Arrays.equals(f.params, f.results)) {
            throw invalid("type mismatch: if without else must leave its parameters as its results");
        }
        int elsePatch = f.elsePatch;
        boolean bodyEndReachable = reachable();
        boolean legacyCatch = f.opcode == Opcode.CATCH || f.opcode == Opcode.CATCH_ALL;
        if (legacyCatch && bodyEndReachable) {
            // A catch body's values lie above its exception: moved down to the block's height.
            emitBranch(Op.BR, Op.BR_ADJUST, f);
        }
        popFrame();
        if (legacyCatch) {
            slots = f.entrySlots;
        }
        if (f.opcode == Opcode.TRY_TABLE && f.catchCount > 0 && !f.dead) {
            endTryTable(f, bodyEndReachable);
        }
        if (frameCount == 0) {
            // The function's end: the final return, also the target of branches to its label.
            code.label();
            int returnPc = code.position();
            emitReturn();
            patch(f, returnPc);
            if (elsePatch >= 0) {
                code.set(elsePatch, returnPc);
            }
            return;
        }
        code.label();
        patch(f, code.position());
        if (elsePatch >= 0) {
            code.set(elsePatch, code.position());
        }
        pushAll(f.results);
    }

    // ---- exceptions ---------------------------------------------------------------------------

    /** The type of tag {@code index}: a function type whose parameters its exceptions carry. */
    private FuncType tagType(long index) {
        if (index >= module.tagCount()) {
            throw invalid("unknown tag " + index);
        }
        return module.funcType(module.tagTypeIndex((int) index));
    }

    /**
     * {@code try_table}: a block whose catch clauses, checked in the enclosing blocks' context,
     * each pass the values they give to a label of those blocks.
     */
    private void tryTable() {
        FuncType bt = blockType();
        int n = reader.catchCount;
        int[] kinds = Arrays.copyOf(reader.catchKinds, n);
        int[] tags = Arrays.copyOf(reader.catchTags, n);
        Frame[] targets = new Frame[n];
        for (int i = 0; i < n; i++) {
            targets[i] = label(reader.catchLabels[i]);
            ValueType[] given = caught(kinds[i], tags[i]);
            ValueType[] expected = targets[i].labelTypes();
            boolean matches = given.length == expected.length;
            for (int j = 0; matches && j < given.length; j++) {
                matches = Subtyping.isSubtype(module, given[j], expected[j]);
            }
            if (!matches) {
                throw invalid("type mismatch: catch clause " + i + " gives " + Arrays.toString(given)
                        + " to a label of " + Arrays.toString(expected));
            }
        }
        popAll(bt.params());
        Frame f = pushFrame(Opcode.TRY_TABLE, bt.params(), bt.results());
        f.catchCount = n;
        f.catchKinds = kinds;
        f.catchTags = tags;
        f.catchTargets = targets;
        code.label();
        f.bodyStart = code.position();
    }

    /** The values a catch clause of {@code kind} gives its label: the tag's values, then for the _ref kinds the exception. */
    private ValueType[] caught(int kind, int tag) {
        ValueType[] values = kind < 2 ? tagType(tag).params() : new ValueType[0];
        if (kind % 2 == 0) {
            return values;
        }
        ValueType[] withExn = Arrays.copyOf(values, values.length + 1);
        withExn[values.length] = ValueType.ref(HeapType.EXN, false);
        return withExn;
    }

    /**
     * A legacy {@code catch} or {@code catch_all}: ends the {@code try}'s body or the catch before
     * it (a jump to the block's end), and starts a body that an exception the clause catches goes
     * to, with the exception, then its values, pushed at the block's height. A handler record
     * covers the {@code try}'s body, after those of the blocks inside it.
     */
    private void legacyCatch(int op) {
        Frame f = frames[frameCount - 1];
        if (f.opcode != Opcode.TRY && f.opcode != Opcode.CATCH) {
            throw invalid(Opcode.name(op) + " without a matching try");
        }
        FuncType tag = op == Opcode.CATCH ? tagType(reader.a) : null;
        boolean partReachable = reachable();
        if (partReachable) {
            emitBranch(Op.BR, Op.BR_ADJUST, f);
        }
        popAll(f.results);
        if (operandCount != f.height) {
            throw invalid("type mismatch: values remain on the stack at the end of the try block");
        }
        uninitialiseSince(f);
        code.label();
        if (f.opcode == Opcode.TRY) {
            f.bodyEnd = code.position();
        }
        if (!f.dead) {
            addHandler(f.bodyStart, f.bodyEnd, tag == null ? -1 : (int) reader.a, IrFunction.EXCEPTION_THEN_VALUES,
                    code.position(), localSlots + f.entrySlots, frameCount - 1);
        }
        f.opcode = op;
        f.unreachable = false;
        slots = f.entrySlots + 1;
        maxSlots = Math.max(maxSlots, slots);
        if (tag != null) {
            pushAll(tag.params());
        }
    }

    /**
     * A legacy {@code delegate l}: ends a {@code try} as {@code end} does, and hands what its body
     * throws to the clauses of label {@code l}'s block and those outside it (the caller, for the
     * function's label), skipping the blocks between.
     */
    private void delegate() {
        Frame f = frames[frameCount - 1];
        if (f.opcode != Opcode.TRY) {
            throw invalid("delegate without a matching try");
        }
        popFrame();
        code.label();
        int bodyEnd = code.position();
        label(reader.a);
        if (!f.dead) {
            addHandler(f.bodyStart, bodyEnd, frameCount - 1 - (int) reader.a, IrFunction.DELEGATE, -1, 0, frameCount);
        }
        patch(f, code.position());
        pushAll(f.results);
    }

    /**
     * After a tail call ({@code callStart} to here): a record that lets what the callee throws
     * leave this frame where the frame stays while the callee runs (IrFunction.LEAVES_FRAME).
     */
    private void leavesFrame(int callStart) {
        addHandler(callStart, code.position(), -1, IrFunction.LEAVES_FRAME, -1, 0, frameCount);
    }

    private void addHandler(int start, int end, int tag, int kind, int pad, int height, int depth) {
        if (handlerLength + IrFunction.HANDLER_SIZE > handlers.length) {
            handlers = Arrays.copyOf(handlers, Math.max(16, handlers.length * 2));
        }
        handlers[handlerLength++] = start;
        handlers[handlerLength++] = end;
        handlers[handlerLength++] = tag;
        handlers[handlerLength++] = kind;
        handlers[handlerLength++] = pad;
        handlers[handlerLength++] = height;
        handlers[handlerLength++] = depth;
    }

    /**
     * After a {@code try_table}'s body: a jump over what follows when the body's end is
     * reachable, then for each catch clause the code an exception it catches goes on at, with its
     * values pushed at the block's height: a branch to the clause's label. The clauses become
     * handler records over the body's code, after those of the blocks inside it.
     */
    private void endTryTable(Frame f, boolean bodyEndReachable) {
        code.label();
        int bodyEnd = code.position();
        if (bodyEndReachable) {
            emit(Op.BR);
            emitTarget(f);
        }
        int entrySlots = slots;
        for (int i = 0; i < f.catchCount; i++) {
            code.label();
            int pad = code.position();
            slots = f.entrySlots + slotsOf(caught(f.catchKinds[i], f.catchTags[i]));
            maxSlots = Math.max(maxSlots, slots);
            emitBranch(Op.BR, Op.BR_ADJUST, f.catchTargets[i]);
            addHandler(f.bodyStart, bodyEnd, f.catchTags[i], f.catchKinds[i] % 2 == 0 ? IrFunction.VALUES
                    : IrFunction.VALUES_THEN_EXCEPTION, pad, localSlots + f.entrySlots, frameCount);
        }
        slots = entrySlots;
    }

    /** A return, after telling the listener when listening. */
    private void emitReturn() {
        if (options.listening()) {
            emit(Op.LISTEN_AFTER);
        }
        if (hasReferences(type.results())) {
            emitOp(Op.RESULT_REFS, type.resultSlots());
        }
        if (returnCount == returns.length) {
            returns = Arrays.copyOf(returns, returnCount * 2);
        }
        returns[returnCount++] = code.position();
        emit(Op.RETURN);
    }

    private void patch(Frame f, int target) {
        for (int i = 0; i < f.patchCount; i++) {
            code.set(f.patches[i], target);
        }
    }

    private void brTable() {
        int n = reader.tableSize;
        int[] labels = reader.table;
        pop(ValueType.I32);
        Frame defaultLabel = label(labels[n]);
        int arity = defaultLabel.labelTypes().length;
        for (int i = 0; i < n; i++) {
            Frame target = label(labels[i]);
            ValueType[] types = target.labelTypes();
            if (types.length != arity) {
                throw invalid("type mismatch: br_table targets of different arity");
            }
            // As the specification's algorithm: pop the label's types, push back what was popped,
            // which keeps unknown types unknown for the next target.
            int[] popped = new int[arity];
            for (int j = arity - 1; j >= 0; j--) {
                popped[j] = pop(types[j]);
            }
            for (int t : popped) {
                pushCode(t);
            }
        }
        popAll(defaultLabel.labelTypes());
        pushAll(defaultLabel.labelTypes());
        if (reachable()) {
            if (options.cancellable() && !options.sampled()) {
                for (int i = 0; i <= n; i++) {
                    if (label(labels[i]).opcode == Opcode.LOOP) {
                        emit(Op.CANCEL_CHECK);
                        break;
                    }
                }
            }
            emit(Op.BR_TABLE);
            emitImm(n);
            for (int i = 0; i <= n; i++) {
                Frame target = label(labels[i]);
                emitTarget(target);
                boolean toFunction = target == frames[0];
                int labelSlots = target.labelSlots();
                // -1 height: a branch to the function's label, which the return instruction handles.
                emitImm(toFunction ? -1 : localSlots + target.entrySlots);
                emitImm(labelSlots | (hasReferences(target.labelTypes()) ? Op.WITH_REFS : 0));
            }
        }
        setUnreachable();
    }

    private void call() {
        int f = function(reader.a);
        FuncType ft = module.functionType(f);
        popAll(ft.params());
        pushAll(ft.results());
        if (reachable()) {
            emitOp(Op.CALL, f);
        }
    }

    /**
     * {@code return_call}: a call whose results are the function's. Listening code calls and
     * returns instead, so that a listener sees every call end; everywhere else the callee's frame
     * replaces this one.
     */
    private void returnCall() {
        requireFeature(CoreFeatures.TAIL_CALL, "tail calls");
        int f = function(reader.a);
        FuncType ft = module.functionType(f);
        tailCallResults(ft);
        popAll(ft.params());
        if (reachable()) {
            int callStart = code.position();
            emitOp(options.listening() ? Op.CALL : Op.RETURN_CALL, f);
            leavesFrame(callStart);
            emitReturn();
        }
        setUnreachable();
    }

    private void returnCallIndirect() {
        requireFeature(CoreFeatures.TAIL_CALL, "tail calls");
        TableType t = table(reader.b);
        if (!Subtyping.isSubtype(module, t.elementType(), ValueType.FUNCREF)) {
            throw invalid("type mismatch: return_call_indirect through a table of " + t.elementType());
        }
        FuncType ft = type(reader.a);
        tailCallResults(ft);
        pop(t.addressType());
        popAll(ft.params());
        if (reachable()) {
            narrowTableIndex(t, 0);
            int callStart = code.position();
            emitOp(options.listening() ? Op.CALL_INDIRECT : Op.RETURN_CALL_INDIRECT, (int) reader.a);
            emitImm((int) reader.b);
            leavesFrame(callStart);
            emitReturn();
        }
        setUnreachable();
    }

    /** {@code call_ref} or {@code return_call_ref} of function type {@code reader.a}. */
    private void callRef(boolean tail) {
        requireFeature(CoreFeatures.FUNCTION_REFERENCES, tail ? "return_call_ref" : "call_ref");
        if (tail) {
            requireFeature(CoreFeatures.TAIL_CALL, "return_call_ref");
        }
        FuncType ft = type(reader.a);
        if (tail) {
            tailCallResults(ft);
        }
        pop(ValueType.ref(HeapType.type((int) reader.a), true));
        popAll(ft.params());
        if (tail) {
            if (reachable()) {
                int callStart = code.position();
                emitOp(options.listening() ? Op.CALL_REF : Op.RETURN_CALL_REF, (int) reader.a);
                leavesFrame(callStart);
                emitReturn();
            }
            setUnreachable();
        } else {
            pushAll(ft.results());
            if (reachable()) {
                emitOp(Op.CALL_REF, (int) reader.a);
            }
        }
    }

    /**
     * The type of {@code ref.func f}: {@code (ref $t)} of its function type with typed function
     * references, else {@code funcref}.
     */
    static ValueType functionReference(WasmModule module, CoreFeatures features, int f) {
        return features.isEnabled(CoreFeatures.FUNCTION_REFERENCES)
                ? ValueType.ref(HeapType.type(module.functionTypeIndex(f)), false) : ValueType.FUNCREF;
    }

    /**
     * Checks a value type that code names (a local's, a block's, {@code ref.null}'s, a typed
     * {@code select}'s): a typed reference needs the feature, and its type index a type.
     */
    private void referenceType(ValueType t) {
        String problem = ReferenceTypes.problem(module, features, t);
        if (problem != null) {
            throw invalid(problem);
        }
    }

    /** Pops a reference of any type; returns its code, or UNKNOWN. */
    private int popReference() {
        int t = pop();
        if (t != UNKNOWN && !typeOf(t).isReference()) {
            throw invalid("type mismatch: expected a reference, found " + typeOf(t));
        }
        return t;
    }

    private static ValueType nonNull(ValueType t) {
        return t.isNullable() ? ValueType.ref(t.heapType(), false) : t;
    }

    /**
     * {@code br_on_null l}: branch to {@code l} when the reference on top is null, dropping it;
     * else go on with it, now non-null. Lowered as {@code REF_IS_NULL_KEEP}, a jump past the
     * branch when it is not null, and {@code DROP} and the branch.
     */
    private void brOnNull() {
        requireFeature(CoreFeatures.FUNCTION_REFERENCES, "br_on_null");
        Frame target = label(reader.a);
        int t = popReference();
        ValueType[] types = target.labelTypes();
        popAll(types);
        pushAll(types);
        if (reachable()) {
            emit(Op.REF_IS_NULL_KEEP);
            // The reference, popped here, is still on the stack, and the test's i32 above it.
            maxSlots = Math.max(maxSlots, slots + 2);
            emitOp(Op.BR_UNLESS, 0);
            int patch = code.position() - 1;
            emit(Op.DROP);
            emitBranch(Op.BR, Op.BR_ADJUST, target);
            code.label();
            code.set(patch, code.position());
        }
        pushCode(t == UNKNOWN ? UNKNOWN : codeOf(nonNull(typeOf(t))));
    }

    /**
     * {@code br_on_non_null l}: branch to {@code l} with the reference on top when it is not null
     * (it is the label's last value); else drop it and go on. Lowered as
     * {@code REF_IS_NULL_KEEP}, a jump past the branch when it is null, the branch, and
     * {@code DROP}.
     */
    private void brOnNonNull() {
        requireFeature(CoreFeatures.FUNCTION_REFERENCES, "br_on_non_null");
        Frame target = label(reader.a);
        ValueType[] types = target.labelTypes();
        if (types.length == 0 || !types[types.length - 1].isReference()) {
            throw invalid("type mismatch: br_on_non_null needs a label whose last value is a reference");
        }
        int t = popReference();
        ValueType last = types[types.length - 1];
        if (t != UNKNOWN && !Subtyping.isSubtype(module, nonNull(typeOf(t)), last)) {
            throw invalid("type mismatch: expected " + last + " but found " + nonNull(typeOf(t)));
        }
        ValueType[] rest = Arrays.copyOf(types, types.length - 1);
        popAll(rest);
        pushAll(rest);
        if (reachable()) {
            pushCode(t == UNKNOWN ? UNKNOWN : codeOf(nonNull(typeOf(t))));
            emit(Op.REF_IS_NULL_KEEP);
            maxSlots = Math.max(maxSlots, slots + 1);
            emitOp(Op.BR_IF, 0);
            int patch = code.position() - 1;
            emitBranch(Op.BR, Op.BR_ADJUST, target);
            code.label();
            code.set(patch, code.position());
            emit(Op.DROP);
            pop();
        }
    }

    /** A tail call's callee must give what this function gives, or subtypes of it. */
    private void tailCallResults(FuncType callee) {
        ValueType[] given = callee.results();
        ValueType[] wanted = type.results();
        boolean fits = given.length == wanted.length;
        for (int i = 0; fits && i < given.length; i++) {
            fits = Subtyping.isSubtype(module, given[i], wanted[i]);
        }
        if (!fits) {
            throw invalid("type mismatch: a tail call of a function with results " + java.util.Arrays.toString(callee.results())
                    + " from one with results " + java.util.Arrays.toString(type.results()));
        }
    }

    private void callIndirect() {
        TableType t = table(reader.b);
        if (!Subtyping.isSubtype(module, t.elementType(), ValueType.FUNCREF)) {
            throw invalid("type mismatch: call_indirect through a table of " + t.elementType());
        }
        FuncType ft = type(reader.a);
        pop(t.addressType());
        popAll(ft.params());
        pushAll(ft.results());
        if (reachable()) {
            narrowTableIndex(t, 0);
            emitOp(Op.CALL_INDIRECT, (int) reader.a);
            emitImm((int) reader.b);
        }
    }

    private void select(ValueType declared) {
        pop(ValueType.I32);
        int t1 = pop();
        int t2 = pop();
        int result;
        if (declared != null) {
            referenceType(declared);
            if (t1 != UNKNOWN && !Subtyping.isSubtype(module, typeOf(t1), declared)
                    || t2 != UNKNOWN && !Subtyping.isSubtype(module, typeOf(t2), declared)) {
                throw invalid("type mismatch: select operands are not " + declared);
            }
            result = codeOf(declared);
        } else {
            if (t1 != UNKNOWN && typeOf(t1).isReference() || t2 != UNKNOWN && typeOf(t2).isReference()) {
                throw invalid("type mismatch: select without a type needs numeric operands");
            }
            if (t1 != UNKNOWN && t2 != UNKNOWN && t1 != t2) {
                throw invalid("type mismatch: select operands " + typeOf(t2) + " and " + typeOf(t1));
            }
            result = t1 == UNKNOWN ? t2 : t1;
        }
        pushCode(result);
        if (reachable()) {
            emit(declared != null && declared.isReference() ? Op.SELECT_REF : slotsOf(result) == 2 ? Op.SELECT2 : Op.SELECT);
        }
    }

    // ---- immediates ---------------------------------------------------------------------------

    private FuncType blockType() {
        long bt = reader.a;
        FuncType ft = reader.blockType(module);
        if (ft == null) {
            throw invalid(bt < 0 ? "malformed block type" : "unknown type " + bt);
        }
        for (ValueType t : ft.results()) {
            referenceType(t);
        }
        if ((ft.params().length > 0 || ft.results().length > 1) && !features.isEnabled(CoreFeatures.MULTI_VALUE)) {
            throw invalid("block type needs the multi-value feature");
        }
        return ft;
    }

    private FuncType type(long index) {
        if (index >= module.types.size()) {
            throw invalid("unknown type " + index);
        }
        if (!module.isFuncType(index)) {
            throw invalid("type mismatch: type " + index + " is not a function type");
        }
        return module.funcType((int) index);
    }

    private int local(long index) {
        if (index >= localTypes.length) {
            throw invalid("unknown local " + index);
        }
        return (int) index;
    }

    private GlobalType global(long index) {
        if (index >= module.allGlobals().size()) {
            throw invalid("unknown global " + index);
        }
        return module.allGlobals().get((int) index);
    }

    private TableType table(long index) {
        if (index >= module.allTables().size()) {
            throw invalid("unknown table " + index);
        }
        return module.allTables().get((int) index);
    }

    private void memory(long index) {
        if (index >= module.allMemories().size()) {
            throw invalid("unknown memory " + index);
        }
    }

    private int function(long index) {
        if (index >= module.functionCount()) {
            throw invalid("unknown function " + index);
        }
        return (int) index;
    }

    private void dataSegment(long index) {
        if (index >= module.dataCount) {
            throw invalid("unknown data segment " + index);
        }
    }

    private ValueType elementSegment(long index) {
        if (index >= module.elements.size()) {
            throw invalid("unknown elem segment " + index);
        }
        return module.elements.get((int) index).type();
    }

    /**
     * Before an instruction on memory {@code index} other than the first, makes it the memory that
     * memory instructions use; {@link #unselectMemory} makes the first that again after it. Code
     * on the first memory, the only one before 3.0, has neither.
     */
    private void selectMemory(int index) {
        if (index != 0) {
            emitOp(Op.MEMORY_SELECT, index);
        }
    }

    private void unselectMemory(int index) {
        if (index != 0) {
            emitOp(Op.MEMORY_SELECT, 0);
        }
    }

    private void memarg(int naturalAlign) {
        memory(reader.memory);
        if (reader.a > naturalAlign) {
            throw invalid("alignment must not be larger than natural");
        }
        if (addressType(reader.memory) == ValueType.I32 && Long.compareUnsigned(reader.b, 0xFFFF_FFFFL) > 0) {
            throw invalid("offset out of range: " + Long.toUnsignedString(reader.b) + " on a 32-bit memory");
        }
    }

    /** The type of memory {@code index}'s addresses, once {@link #memory} has checked it. */
    private ValueType addressType(int index) {
        memory(index);
        return module.allMemories().get(index).address64() ? ValueType.I64 : ValueType.I32;
    }

    /**
     * A load or store {@code op} on the memory and at the offset that {@link #reader} holds: on a
     * 32-bit memory {@code op offset}; on a 64-bit one {@code MEMORY64 op offsetLow offsetHigh 0}.
     */
    private void memoryAccess(int op) {
        selectMemory(reader.memory);
        if (module.allMemories().get(reader.memory).address64()) {
            emitOp(Op.MEMORY64, op);
            emitImm((int) reader.b);
            emitImm((int) (reader.b >>> 32));
            emitImm(0);
        } else {
            emitOp(op, (int) reader.b);
        }
        unselectMemory(reader.memory);
    }

    /**
     * Before a table instruction whose operand {@code depth} slots below the top is a 64-bit
     * table's index or count: makes it the 32-bit one that table instructions take.
     */
    private void narrowTableIndex(TableType t, int depth) {
        if (t.address64()) {
            emitOp(Op.TABLE_INDEX64, depth);
        }
    }

    private void requireFeature(CoreFeatures feature, String what) {
        if (!features.isEnabled(feature)) {
            throw invalid(what + " need the " + feature + " feature, which is disabled");
        }
    }
}
