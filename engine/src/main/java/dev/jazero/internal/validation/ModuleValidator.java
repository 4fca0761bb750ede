package dev.jazero.internal.validation;

import java.util.List;
import dev.jazero.api.HeapType;
import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.ValueType;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.internal.decoding.BinaryDecoder;
import dev.jazero.internal.decoding.ByteReader;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.ir.CodeBuffer;
import dev.jazero.internal.ir.CodeOptions;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.CompositeType;
import dev.jazero.internal.wasm.ConstExpr;
import dev.jazero.internal.wasm.ArrayType;
import dev.jazero.internal.wasm.DataSegment;
import dev.jazero.internal.wasm.DefinedType;
import dev.jazero.internal.wasm.ElementSegment;
import dev.jazero.internal.wasm.Export;
import dev.jazero.internal.wasm.FieldType;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.Global;
import dev.jazero.internal.wasm.GlobalType;
import dev.jazero.internal.wasm.Import;
import dev.jazero.internal.wasm.MemoryType;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.SegmentMode;
import dev.jazero.internal.wasm.StructType;
import dev.jazero.internal.wasm.Table;
import dev.jazero.internal.wasm.TableType;
import dev.jazero.internal.wasm.Subtyping;
import dev.jazero.internal.wasm.WasmModule;
import java.util.HashSet;
import java.util.Set;

/**
 * Validates a decoded module: everything outside function bodies directly, and each body through
 * {@link CodeValidator}, which also lowers it.
 */
public final class ModuleValidator {

    private final WasmModule module;
    private final CoreFeatures features;
    private final CodeOptions options;
    private final Set<Integer> declaredFunctions = new HashSet<>();

    private ModuleValidator(WasmModule module, CoreFeatures features, CodeOptions options) {
        this.module = module;
        this.features = features;
        this.options = options;
    }

    /**
     * Validates the module and returns the internal code of each defined function.
     *
     * @throws InvalidModuleException when a rule is broken
     */
    public static IrFunction[] validate(WasmModule module, CoreFeatures features) {
        return validate(module, features, CodeOptions.NONE);
    }

    /**
     * Validates the module and returns the internal code of each defined function, with the
     * code that {@code options} ask for. The module may come from
     * {@link BinaryDecoder#decodeSections}, which leaves the bodies' syntax unchecked: a
     * malformed module is malformed before it is invalid, so when validation fails, the bodies'
     * syntax is checked, and a malformed body is what the exception says (with the validation
     * error suppressed in it). For a valid module, the usual case, validation is the only pass
     * over the bodies before the tier's.
     *
     * @throws InvalidModuleException when a rule is broken
     * @throws MalformedModuleException when a function body breaks the binary format
     */
    public static IrFunction[] validate(WasmModule module, CoreFeatures features, CodeOptions options) {
        return validate(module, features, options, true);
    }

    /**
     * Validates the module as {@link #validate(WasmModule, CoreFeatures, CodeOptions)} does, and
     * returns the internal code of each defined function, or with {@code keepCode} false only the
     * sizes of each function's frame ({@link IrFunction#isKept}): {@link InternalCodeMaker} makes
     * a function's code again when it is needed.
     */
    public static IrFunction[] validate(WasmModule module, CoreFeatures features, CodeOptions options,
            boolean keepCode) {
        try {
            return new ModuleValidator(module, features, options).run(keepCode);
        } catch (RuntimeException e) {
            try {
                BinaryDecoder.checkCodeSyntax(module);
            } catch (MalformedModuleException malformed) {
                malformed.addSuppressed(e);
                throw malformed;
            }
            throw e;
        }
    }

    /** The functions that {@code ref.func} may name in the bodies of a valid module's functions. */
    static Set<Integer> declaredFunctions(WasmModule module, CoreFeatures features) {
        ModuleValidator v = new ModuleValidator(module, features, CodeOptions.NONE);
        v.collectDeclaredFunctions();
        return v.declaredFunctions;
    }

    private IrFunction[] run(boolean keepCode) {
        int[] depths = new int[module.types.size()];
        for (int i = 0; i < module.types.size(); i++) {
            definedType(module.types.get(i), i, depths);
        }
        // Once every type refers only to types it may, so that they can be numbered.
        for (int i = 0; i < module.types.size(); i++) {
            supertype(module.types.get(i), i);
        }
        for (Import imp : module.imports) {
            String where = "import " + imp.module() + "." + imp.name();
            switch (imp.kind()) {
                case FUNC -> typeIndex(imp.typeIndex(), where);
                case TAG -> tagType(imp.typeIndex(), where);
                case TABLE -> tableType(imp.table(), where);
                case MEMORY -> memoryType(imp.memory(), where);
                case GLOBAL -> {
                    if (imp.global().mutable() && !features.isEnabled(CoreFeatures.MUTABLE_GLOBAL)) {
                        throw Validation.invalid("mutable global import needs the mutable-global feature", where);
                    }
                    valueType(imp.global().valueType(), where);
                }
            }
        }
        for (int i = 0; i < module.functionTypeIndices.length; i++) {
            typeIndex(module.functionTypeIndices[i], "function " + (module.importedFunctionCount() + i));
        }
        for (int i = 0; i < module.tables.size(); i++) {
            table(module.tables.get(i), "table " + (module.allTables().size() - module.tables.size() + i));
        }
        if (module.allTables().size() > 1 && !features.isEnabled(CoreFeatures.REFERENCE_TYPES)) {
            throw Validation.invalid("multiple tables", "module");
        }
        for (int i = 0; i < module.memories.size(); i++) {
            memoryType(module.memories.get(i), "memory " + i);
        }
        if (module.allMemories().size() > 1 && !features.isEnabled(CoreFeatures.MULTI_MEMORY)) {
            throw Validation.invalid("multiple memories need the " + CoreFeatures.MULTI_MEMORY + " feature, which is disabled",
                    "module");
        }
        for (int i = 0; i < module.tags.size(); i++) {
            tagType(module.tags.get(i), "tag " + (module.importedTagCount() + i));
        }
        collectDeclaredFunctions();
        for (int i = 0; i < module.globals.size(); i++) {
            Global g = module.globals.get(i);
            String where = "global " + (module.importedGlobalCount() + i);
            valueType(g.type().valueType(), where);
            constExpr(g.init(), g.type().valueType(), where, module.importedGlobalCount() + i);
        }
        exports();
        if (module.startFunction >= 0) {
            if (module.startFunction >= module.functionCount()) {
                throw Validation.invalid("unknown function " + module.startFunction, "start section");
            }
            FuncType t = module.functionType(module.startFunction);
            if (t.params().length != 0 || t.results().length != 0) {
                throw Validation.invalid("start function must have type [] -> []", "start section");
            }
        }
        for (int i = 0; i < module.elements.size(); i++) {
            element(module.elements.get(i), "element segment " + i);
        }
        for (int i = 0; i < module.datas.size(); i++) {
            data(module.datas.get(i), "data segment " + i);
        }
        IrFunction[] code = new IrFunction[module.codes.size()];
        CodeBuffer buffer = new CodeBuffer();
        for (int i = 0; i < code.length; i++) {
            code[i] = CodeValidator.validate(module, features, options, declaredFunctions,
                    module.importedFunctionCount() + i, buffer, keepCode);
        }
        return code;
    }

    /** A type of the type section: its value types refer only to its group and to earlier types. */
    private void definedType(DefinedType d, int index, int[] depths) {
        String where = "type " + index;
        if (d.supertype() == -2) {
            throw Validation.invalid("sub type " + index + " has more than one super type", where);
        }
        if (d.supertype() >= index) {
            throw Validation.invalid("unknown type " + d.supertype() + ": a super type is defined before its sub types",
                    where);
        }
        // Before any subtype check walks a chain: a hostile chain is rejected at its 64th link.
        depths[index] = d.supertype() < 0 ? 0 : depths[d.supertype()] + 1;
        if (depths[index] > MAX_SUBTYPING_DEPTH) {
            throw Validation.invalid("sub type " + index + " has more than " + MAX_SUBTYPING_DEPTH
                    + " super types above it", where);
        }
        if (d.composite() instanceof FuncType f) {
            for (ValueType t : f.params()) {
                typeIn(t, d, where);
            }
            for (ValueType t : f.results()) {
                typeIn(t, d, where);
            }
        } else if (d.composite() instanceof StructType s) {
            for (FieldType field : s.fields()) {
                typeIn(field.type(), d, where);
            }
        } else {
            typeIn(((ArrayType) d.composite()).element().type(), d, where);
        }
    }

    /** The most supertypes above a type: V8's limit, so that a hostile chain costs nothing. */
    static final int MAX_SUBTYPING_DEPTH = 63;

    /**
     * A declared supertype: not final, of the same kind, and matched by the type: a function's
     * parameters are the supertype's or wider and its results the same or narrower; a struct has
     * the supertype's fields first and maybe more; an immutable field or element may be narrower,
     * a mutable one is the same.
     */
    private void supertype(DefinedType d, int index) {
        if (d.supertype() < 0) {
            return;
        }
        String where = "type " + index;
        DefinedType s = module.types.get(d.supertype());
        String mismatch = "sub type " + index + " does not match super type " + d.supertype();
        if (s.isFinal() || !matches(d.composite(), s.composite())) {
            throw Validation.invalid(mismatch, where);
        }
    }

    private boolean matches(CompositeType sub, CompositeType sup) {
        if (sub instanceof FuncType f && sup instanceof FuncType g) {
            if (f.params().length != g.params().length || f.results().length != g.results().length) {
                return false;
            }
            for (int k = 0; k < f.params().length; k++) {
                if (!Subtyping.isSubtype(module, g.params()[k], f.params()[k])) {
                    return false;
                }
            }
            for (int k = 0; k < f.results().length; k++) {
                if (!Subtyping.isSubtype(module, f.results()[k], g.results()[k])) {
                    return false;
                }
            }
            return true;
        }
        if (sub instanceof StructType f && sup instanceof StructType g) {
            if (f.fields().size() < g.fields().size()) {
                return false;
            }
            for (int k = 0; k < g.fields().size(); k++) {
                if (!matches(f.fields().get(k), g.fields().get(k))) {
                    return false;
                }
            }
            return true;
        }
        return sub instanceof ArrayType f && sup instanceof ArrayType g && matches(f.element(), g.element());
    }

    private boolean matches(FieldType sub, FieldType sup) {
        if (sub.mutable() != sup.mutable() || sub.packedBits() != sup.packedBits()) {
            return false;
        }
        return Subtyping.isSubtype(module, sub.type(), sup.type())
                && (!sub.mutable() || Subtyping.isSubtype(module, sup.type(), sub.type()));
    }

    private void typeIn(ValueType t, DefinedType d, String where) {
        String problem = ReferenceTypes.problem(module, features, t);
        if (problem != null) {
            throw Validation.invalid(problem, where);
        }
        if (t.isReference() && !t.heapType().isAbstract() && t.heapType().typeIndex() >= d.groupEnd()) {
            throw Validation.invalid("unknown type " + t.heapType().typeIndex()
                    + ": a type may refer only to the types of its recursive group and to those before it", where);
        }
    }

    /** A function's type, which must be a function type. */
    private void typeIndex(int index, String where) {
        if (index >= module.types.size()) {
            throw Validation.invalid("unknown type " + index, where);
        }
        if (!module.isFuncType(index)) {
            throw Validation.invalid("type mismatch: type " + index + " is not a function type", where);
        }
    }

    private void valueType(ValueType t, String where) {
        String problem = ReferenceTypes.problem(module, features, t);
        if (problem != null) {
            throw Validation.invalid(problem, where);
        }
        if (t == ValueType.V128 && !features.isEnabled(CoreFeatures.SIMD)) {
            throw Validation.invalid("v128 needs the simd feature", where);
        }
        if (t.isReference() && t != ValueType.FUNCREF && !features.isEnabled(CoreFeatures.REFERENCE_TYPES)) {
            throw Validation.invalid(t + " needs the reference-types feature", where);
        }
    }

    private void tableType(TableType t, String where) {
        if (!t.address64() && (Long.compareUnsigned(t.min(), 0xFFFF_FFFFL) > 0
                || (t.hasMax() && Long.compareUnsigned(t.max(), 0xFFFF_FFFFL) > 0))) {
            throw Validation.invalid("table size must be at most 2^32-1", where);
        }
        if (t.hasMax() && Long.compareUnsigned(t.min(), t.max()) > 0) {
            throw Validation.invalid("size minimum must not be greater than maximum", where);
        }
        valueType(t.elementType(), where);
    }

    /**
     * A defined table: its type, and its initialiser, which may read imported globals only; a
     * table without one starts null, so its element type must be nullable.
     */
    private void table(Table t, String where) {
        tableType(t.type(), where);
        if (t.init() != null) {
            constExpr(t.init(), t.type().elementType(), where, module.importedGlobalCount());
        } else if (!t.type().elementType().isNullable()) {
            throw Validation.invalid("type mismatch: a table of " + t.type().elementType()
                    + " needs an initialiser", where);
        }
    }

    /** A tag's type: a function type, whose parameters are what an exception carries, without results. */
    private void tagType(int index, String where) {
        typeIndex(index, where);
        if (module.funcType(index).results().length != 0) {
            throw Validation.invalid("non-empty tag result type", where);
        }
    }

    private void memoryType(MemoryType t, String where) {
        long limit = t.addressablePages();
        if (Long.compareUnsigned(t.min(), limit) > 0 || (t.hasMax() && Long.compareUnsigned(t.max(), limit) > 0)) {
            throw Validation.invalid(t.address64() ? "memory size must be at most 2^48 pages (256TiB)"
                    : "memory size must be at most 65536 pages (4GiB)", where);
        }
        if (t.hasMax() && t.min() > t.max()) {
            throw Validation.invalid("size minimum must not be greater than maximum", where);
        }
    }

    /** C.refs: the functions referenced outside function bodies, which ref.func may name. */
    private void collectDeclaredFunctions() {
        for (Export e : module.exports) {
            if (e.kind() == dev.jazero.internal.wasm.ExternKind.FUNC) {
                declaredFunctions.add(e.index());
            }
        }
        for (Global g : module.globals) {
            collectRefFunc(g.init());
        }
        for (Table t : module.tables) {
            if (t.init() != null) {
                collectRefFunc(t.init());
            }
        }
        for (ElementSegment e : module.elements) {
            if (e.functionIndices() != null) {
                for (int f : e.functionIndices()) {
                    declaredFunctions.add(f);
                }
            } else {
                for (ConstExpr item : e.items()) {
                    collectRefFunc(item);
                }
            }
        }
    }

    private void collectRefFunc(ConstExpr expr) {
        InstructionReader r = new InstructionReader(new ByteReader(expr.code()), module.encoding);
        while (true) {
            int op = r.next();
            if (op == 0xD2) {
                declaredFunctions.add((int) Math.min(r.a, Integer.MAX_VALUE));
            } else if (op == 0x0B) {
                return;
            }
        }
    }

    private void exports() {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports) {
            String where = "export \"" + e.name() + "\"";
            if (!names.add(e.name())) {
                throw Validation.invalid("duplicate export name", where);
            }
            int count = switch (e.kind()) {
                case FUNC -> module.functionCount();
                case TABLE -> module.allTables().size();
                case MEMORY -> module.allMemories().size();
                case GLOBAL -> module.allGlobals().size();
                case TAG -> module.tagCount();
            };
            if (e.index() >= count) {
                throw Validation.invalid("unknown " + e.kind() + " " + e.index(), where);
            }
        }
    }

    private void element(ElementSegment e, String where) {
        valueType(e.type(), where);
        if (e.mode() == SegmentMode.ACTIVE) {
            if (e.tableIndex() >= module.allTables().size()) {
                throw Validation.invalid("unknown table " + e.tableIndex(), where);
            }
            TableType t = module.allTables().get(e.tableIndex());
            if (!Subtyping.isSubtype(module, e.type(), t.elementType())) {
                throw Validation.invalid("type mismatch: segment of " + e.type() + " for a table of " + t.elementType(), where);
            }
            constExpr(e.offset(), t.addressType(), where, module.allGlobals().size());
        }
        if (e.functionIndices() != null) {
            for (int f : e.functionIndices()) {
                if (f >= module.functionCount()) {
                    throw Validation.invalid("unknown function " + f, where);
                }
            }
        } else {
            for (ConstExpr item : e.items()) {
                constExpr(item, e.type(), where, module.allGlobals().size());
            }
        }
    }

    private void data(DataSegment d, String where) {
        if (d.mode() == SegmentMode.ACTIVE) {
            if (d.memoryIndex() >= module.allMemories().size()) {
                throw Validation.invalid("unknown memory " + d.memoryIndex(), where);
            }
            constExpr(d.offset(), module.allMemories().get(d.memoryIndex()).address64() ? ValueType.I64 : ValueType.I32,
                    where, module.allGlobals().size());
        }
    }

    /**
     * The constant instructions of garbage collection: {@code struct.new},
     * {@code struct.new_default}, {@code array.new}, {@code array.new_default},
     * {@code array.new_fixed}, {@code ref.i31} and the conversions between {@code any} and
     * {@code extern}. Pops their operands from {@code stack}, whose height is {@code d[0]}, and
     * returns their result's type.
     */
    private ValueType gcConstant(int sub, InstructionReader r, ValueType[] stack, int[] d, String where) {
        java.util.function.Consumer<ValueType> pop = expected -> {
            if (d[0] == 0 || !Subtyping.isSubtype(module, stack[d[0] - 1], expected)) {
                throw Validation.invalid("type mismatch: constant expression needs " + expected, where);
            }
            d[0]--;
        };
        ValueType result;
        switch (sub) {
            case Opcode.Fb.STRUCT_NEW, Opcode.Fb.STRUCT_NEW_DEFAULT -> {
                if (r.a >= module.types.size() || !(module.types.get((int) r.a).composite() instanceof StructType st)) {
                    throw Validation.invalid("unknown type " + r.a, where);
                }
                List<FieldType> fields = st.fields();
                for (int i = fields.size() - 1; i >= 0; i--) {
                    FieldType f = fields.get(i);
                    if (sub == Opcode.Fb.STRUCT_NEW) {
                        pop.accept(f.packedBits() != 0 ? ValueType.I32 : f.type());
                    } else if (f.type().isReference() && !f.type().isNullable()) {
                        throw Validation.invalid("field type is not defaultable", where);
                    }
                }
                result = ValueType.ref(HeapType.type((int) r.a), false);
            }
            case Opcode.Fb.ARRAY_NEW, Opcode.Fb.ARRAY_NEW_DEFAULT, Opcode.Fb.ARRAY_NEW_FIXED -> {
                if (r.a >= module.types.size() || !(module.types.get((int) r.a).composite() instanceof ArrayType at)) {
                    throw Validation.invalid("unknown type " + r.a, where);
                }
                FieldType e = at.element();
                ValueType element = e.packedBits() != 0 ? ValueType.I32 : e.type();
                if (sub == Opcode.Fb.ARRAY_NEW_FIXED) {
                    for (long i = 0; i < r.b; i++) {
                        pop.accept(element);
                    }
                } else {
                    pop.accept(ValueType.I32);
                    if (sub == Opcode.Fb.ARRAY_NEW) {
                        pop.accept(element);
                    } else if (e.type().isReference() && !e.type().isNullable()) {
                        throw Validation.invalid("array type is not defaultable", where);
                    }
                }
                result = ValueType.ref(HeapType.type((int) r.a), false);
            }
            case Opcode.Fb.REF_I31 -> {
                pop.accept(ValueType.I32);
                result = ValueType.ref(HeapType.I31, false);
            }
            case Opcode.Fb.ANY_CONVERT_EXTERN, Opcode.Fb.EXTERN_CONVERT_ANY -> {
                boolean toAny = sub == Opcode.Fb.ANY_CONVERT_EXTERN;
                ValueType operand = d[0] == 0 ? null : stack[d[0] - 1];
                pop.accept(ValueType.ref(toAny ? HeapType.EXTERN : HeapType.ANY, true));
                result = ValueType.ref(toAny ? HeapType.ANY : HeapType.EXTERN, operand.isNullable());
            }
            default -> throw Validation.invalid("constant expression required", where);
        }
        return result;
    }

    /**
     * Checks a constant expression that must produce one value of the expected type. WebAssembly
     * 2.0 allows one constant instruction: {@code t.const}, {@code ref.null}, {@code ref.func} and
     * {@code global.get} of an imported immutable global. With {@link CoreFeatures#EXTENDED_CONST}
     * also {@code i32} and {@code i64} {@code add}, {@code sub} and {@code mul}, and
     * {@code global.get} of the first {@code visibleGlobals} globals (imported, or defined before
     * the global being initialised).
     */
    private void constExpr(ConstExpr expr, ValueType expected, String where, int visibleGlobals) {
        boolean extended = features.isEnabled(CoreFeatures.EXTENDED_CONST);
        InstructionReader r = new InstructionReader(new ByteReader(expr.code()), module.encoding);
        ValueType[] stack = new ValueType[4];
        int depth = 0;
        while (true) {
            int op = r.next();
            ValueType produced;
            switch (op) {
                case Opcode.END -> {
                    if (depth != 1 || !Subtyping.isSubtype(module, stack[0], expected)) {
                        throw Validation.invalid("type mismatch: constant expression must produce one " + expected, where);
                    }
                    return;
                }
                case Opcode.I32_CONST -> produced = ValueType.I32;
                case Opcode.I64_CONST -> produced = ValueType.I64;
                case Opcode.F32_CONST -> produced = ValueType.F32;
                case Opcode.F64_CONST -> produced = ValueType.F64;
                case Opcode.V128_CONST_PACKED -> produced = ValueType.V128;
                case Opcode.REF_NULL -> {
                    produced = ValueType.ref(r.heapType, true);
                    valueType(produced, where);
                }
                case Opcode.REF_FUNC -> {
                    if (r.a >= module.functionCount()) {
                        throw Validation.invalid("unknown function " + r.a, where);
                    }
                    produced = CodeValidator.functionReference(module, features, (int) r.a);
                }
                case Opcode.I32_ADD, Opcode.I32_SUB, Opcode.I32_MUL, Opcode.I64_ADD, Opcode.I64_SUB, Opcode.I64_MUL -> {
                    if (!extended) {
                        throw Validation.invalid("constant expression required: " + Opcode.name(op)
                                + " in a constant expression needs the extended-const feature, which is disabled", where);
                    }
                    ValueType operand = op <= Opcode.I32_MUL ? ValueType.I32 : ValueType.I64;
                    if (depth < 2 || stack[depth - 1] != operand || stack[depth - 2] != operand) {
                        throw Validation.invalid("type mismatch: " + Opcode.name(op) + " needs two " + operand, where);
                    }
                    depth -= 2;
                    produced = operand;
                }
                case Opcode.GLOBAL_GET -> {
                    if (r.a >= (extended ? visibleGlobals : module.allGlobals().size())) {
                        throw Validation.invalid("unknown global " + r.a, where);
                    }
                    if (!extended && r.a >= module.importedGlobalCount()) {
                        throw Validation.invalid("unknown global " + r.a + ": constant expressions may only read imported globals"
                                + " (defined ones too with the extended-const feature, which is disabled)", where);
                    }
                    GlobalType g = module.allGlobals().get((int) r.a);
                    if (g.mutable()) {
                        throw Validation.invalid("constant expression required: global " + r.a + " is mutable", where);
                    }
                    produced = g.valueType();
                }
                default -> {
                    if (Opcode.prefix(op) != Opcode.PREFIX_FB || !features.isEnabled(CoreFeatures.GC)) {
                        throw Validation.invalid("constant expression required", where);
                    }
                    int[] height = {depth};
                    produced = gcConstant(Opcode.sub(op), r, stack, height, where);
                    depth = height[0];
                }
            }
            if (depth == stack.length) {
                if (!extended && !features.isEnabled(CoreFeatures.GC)) {
                    throw Validation.invalid("type mismatch: constant expression must produce one " + expected, where);
                }
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = produced;
        }
    }
}
