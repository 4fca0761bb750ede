package dev.jazero.internal.runtime;

import dev.jazero.ModuleConfig;
import dev.jazero.api.TrapException;
import dev.jazero.api.UninstantiableModuleException;
import dev.jazero.api.UnlinkableModuleException;
import dev.jazero.api.ValueType;
import dev.jazero.api.WasmException;
import dev.jazero.internal.decoding.ByteReader;
import dev.jazero.internal.decoding.InstructionReader;
import dev.jazero.internal.wasm.ConstExpr;
import dev.jazero.internal.wasm.DataSegment;
import dev.jazero.internal.wasm.DefinedType;
import dev.jazero.internal.wasm.ElementSegment;
import dev.jazero.internal.wasm.Export;
import dev.jazero.internal.wasm.ExternKind;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.Global;
import dev.jazero.internal.wasm.Import;
import dev.jazero.internal.wasm.MemoryType;
import dev.jazero.internal.wasm.Opcode;
import dev.jazero.internal.wasm.SegmentMode;
import dev.jazero.internal.wasm.Subtyping;
import dev.jazero.internal.wasm.Table;
import dev.jazero.internal.wasm.TableType;
import dev.jazero.internal.wasm.WasmModule;
import dev.jazero.sys.ExitException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a module instance, in the specification's order: resolve and check the imports, allocate
 * functions, tables, memories and globals, evaluate the segments, then initialise tables and
 * memories from the active segments one by one, and call the start function. A trap in the last
 * two steps fails instantiation, but what earlier segments wrote into imported tables and memories
 * stays, as the specification says.
 */
final class Instantiator {

    private final RuntimeImpl runtime;
    private final CompiledModuleImpl compiled;
    private final WasmModule module;
    private final ModuleConfig config;
    private final ModuleInstance instance;

    Instantiator(RuntimeImpl runtime, CompiledModuleImpl compiled, String name, ModuleConfig config) {
        this.runtime = runtime;
        this.compiled = compiled;
        this.module = compiled.module;
        this.config = config;
        this.instance = new ModuleInstance(runtime, compiled, name);
        this.instance.config = config;
    }

    @SuppressWarnings("try") // the deadline is the resource: closing it ends it
    ModuleInstance instantiate() {
        link();
        // Registered while its start functions run, so that closing the runtime stops them.
        runtime.startInstantiating(instance);
        try (Deadline d = Deadline.start(instance, config.instantiationTimeout())) {
            initialise();
            runtime.add(instance);
            for (String start : config.startFunctions()) {
                Export e = instance.export(start);
                if (e != null && e.kind() == ExternKind.FUNC) {
                    try {
                        instance.exportedFunction(start).call(new long[instance.functions[e.index()].type.paramSlots()]);
                    } catch (ExitException exit) {
                        // wazero: exit code 0 is a normal end of instantiation; the module is closed.
                        instance.closeWithExitCode(exit.exitCode());
                        if (exit.exitCode() != 0) {
                            throw exit;
                        }
                        return instance;
                    }
                }
            }
            return instance;
        } finally {
            runtime.endInstantiating(instance);
        }
    }

    // ---- linking ------------------------------------------------------------------------------

    private void link() {
        int functionCount = module.functionCount();
        List<FunctionInstance> functions = new ArrayList<>(functionCount);
        List<TableInstance> tables = new ArrayList<>();
        List<MemoryInstance> memories = new ArrayList<>();
        List<GlobalInstance> globals = new ArrayList<>();
        List<TagInstance> tags = new ArrayList<>();
        instance.typeIds = compiled.typeIds(runtime);
        instance.gcTypes = new GcType[module.types.size()];
        for (int i = 0; i < module.types.size(); i++) {
            dev.jazero.internal.wasm.CompositeType composite = module.types.get(i).composite();
            if (!(composite instanceof FuncType)) {
                instance.gcTypes[i] = new GcType(instance.typeIds[i], composite);
                var factory = compiled.compiledCode == null ? null : compiled.compiledCode.structFactory(i);
                if (factory != null) {
                    instance.gcTypes[i].makeStructsWith(factory);
                }
            }
        }
        for (Import imp : module.imports) {
            ModuleInstance source = runtime.instance(imp.module());
            if (source == null) {
                throw unlinkable(imp, "unknown import: no module named \"" + imp.module() + "\"");
            }
            Export export = source.export(imp.name());
            if (export == null) {
                throw unlinkable(imp, "unknown import: module \"" + imp.module() + "\" exports no \"" + imp.name() + "\"");
            }
            if (export.kind() != imp.kind()) {
                throw unlinkable(imp, "incompatible import type: expected a " + imp.kind() + " but found a " + export.kind());
            }
            switch (imp.kind()) {
                case FUNC -> {
                    FunctionInstance f = source.functions[export.index()];
                    FuncType expected = module.funcType(imp.typeIndex());
                    if (!f.hasType(instance.typeIds[imp.typeIndex()])) {
                        throw unlinkable(imp, "incompatible import type: expected " + expected + " but found " + f.type);
                    }
                    functions.add(f);
                    if (f.host == null) {
                        f.module.markLinked();
                    }
                }
                case TABLE -> {
                    TableInstance t = source.tables[export.index()];
                    TableType expected = imp.table();
                    // The table's type is in the numbers of the module that defined it, which may not be source.
                    if (!Subtyping.isSame(t.elementType(), t.typeIds, expected.elementType(), instance.typeIds,
                            runtime.types())
                            || t.address64() != expected.address64()
                            || !limitsMatch(t.size(), t.hasMax(), t.declaredMax(), expected.min(), expected.hasMax(),
                                    expected.max())) {
                        throw unlinkable(imp, "incompatible import type: table limits or element type do not match");
                    }
                    tables.add(t);
                    // Either side may put its functions in the table for the other to call.
                    source.markLinked();
                    instance.markLinked();
                }
                case MEMORY -> {
                    MemoryInstance m = source.memories[export.index()];
                    MemoryType expected = imp.memory();
                    if (m.address64() != expected.address64()
                            || !limitsMatch(m.pages(), m.declaredMaxPages() != -1, m.declaredMaxPages(), expected.min(),
                                    expected.hasMax(), expected.max())) {
                        throw unlinkable(imp, "incompatible import type: memory limits do not match");
                    }
                    memories.add(m);
                }
                case GLOBAL -> {
                    GlobalInstance g = source.globals[export.index()];
                    ValueType expected = imp.global().valueType();
                    // A mutable global is read and written, so its type must be the same; else a subtype will do.
                    if (g.isMutable() != imp.global().mutable() || (g.isMutable()
                            ? !Subtyping.isSame(g.type(), g.typeIds, expected, instance.typeIds, runtime.types())
                            : !Subtyping.isSubtype(g.type(), g.typeIds, expected, instance.typeIds, runtime.types()))) {
                        throw unlinkable(imp, "incompatible import type: global type does not match");
                    }
                    globals.add(g);
                    if (g.type().isReference()) {
                        source.markLinked();
                        instance.markLinked();
                    }
                }
                case TAG -> {
                    TagInstance t = source.tags[export.index()];
                    // Tags match by type equivalence, in both directions: a catch reads the values a throw made.
                    if (t.typeId != instance.typeIds[imp.typeIndex()]) {
                        throw unlinkable(imp, "incompatible import type: tag type does not match");
                    }
                    tags.add(t);
                }
            }
        }
        for (int tag : module.tags) {
            tags.add(new TagInstance(instance.typeIds[tag], module.funcType(tag)));
        }
        instance.tags = tags.toArray(new TagInstance[0]);
        for (int i = module.importedFunctionCount(); i < functionCount; i++) {
            int defined = i - module.importedFunctionCount();
            FuncType type = module.functionType(i);
            ModuleCode tier = compiled.compiledCode;
            // Code not generated yet is generated by the first call into it, which then fills in
            // the function's entry and handle.
            CompiledCode entry = tier != null ? tier.entry(i) : null;
            functions.add(new FunctionInstance(instance, i, type, instance.typeIds[module.functionTypeIndex(i)],
                    compiled.hasInternalCode() && entry == null ? compiled.internalCode(defined) : null,
                    compiled.hostFunctions != null ? compiled.hostFunctions[defined] : null,
                    entry, entry != null ? tier.entryHandle(i) : null,
                    compiled.functionDefinitions[i], listener(compiled.functionDefinitions[i])));
        }
        int resultSlots = 1;
        int stackSlots = 1;
        boolean references = false;
        for (DefinedType d : module.types) {
            if (d.composite() instanceof FuncType t) {
                resultSlots = Math.max(resultSlots, t.resultSlots());
                stackSlots = Math.max(stackSlots, Math.max(t.paramSlots(), t.resultSlots()));
                references |= t.hasReferences();
            }
        }
        instance.results = new long[resultSlots];
        instance.tailStack = new long[stackSlots];
        instance.tailCallStack = new long[stackSlots];
        if (references) {
            instance.refResults = new Object[resultSlots];
            instance.tailRefs = new Object[stackSlots];
            instance.tailCallRefs = new Object[stackSlots];
        }
        instance.functions = functions.toArray(new FunctionInstance[0]);
        instance.tierUp = compiled.compiledCode != null ? compiled.compiledCode.tierUp() : null;
        RuntimeLimits.check(module, runtime.config(), instance.name());
        // Globals first: a table's initialiser may read the imported ones.
        instance.globals = globals.toArray(new GlobalInstance[module.allGlobals().size()]);
        int g = globals.size();
        try {
            for (Global global : module.globals) {
                Constant value = evaluate(global.init());
                instance.globals[g++] = new GlobalInstance(runtime, global.type().valueType(), instance.typeIds,
                        global.type().mutable(), value.low(), value.high(), value.ref());
            }
        } catch (dev.jazero.api.TrapException e) {
            // A constant expression that allocates may trap ("out of memory").
            throw new UninstantiableModuleException("module " + instance.name() + ": " + e.getMessage(), e);
        }
        try {
            for (Table table : module.tables) {
                TableType t = table.type();
                Object init = table.init() == null ? null : evaluate(table.init()).ref();
                tables.add(new TableInstance(t.elementType(), instance.typeIds, t.min(), t.max(), t.hasMax(), t.address64(),
                        runtime.config().tableLimitElements(), init));
            }
            int index = memories.size();
            for (MemoryType t : module.memories) {
                memories.add(new MemoryInstance(compiled.memoryDefinition(index++), t.address64(), t.min(), t.max(),
                        Math.min(runtime.config().memoryLimitPages(), t.addressablePages()),
                        runtime.config().memoryCapacityFromMax()));
            }
        } catch (IllegalStateException | OutOfMemoryError e) {
            throw new UninstantiableModuleException("module " + instance.name() + ": " + e.getMessage(), null);
        } catch (dev.jazero.api.TrapException e) {
            throw new UninstantiableModuleException("module " + instance.name() + ": " + e.getMessage(), e);
        }
        instance.tables = tables.toArray(new TableInstance[0]);
        instance.memories = memories.toArray(new MemoryInstance[0]);
        instance.memory0 = memories.isEmpty() ? null : memories.get(0);
        instance.chooseHostMemory();
        instance.elements = new Object[module.elements.size()][];
        try {
            for (int i = 0; i < instance.elements.length; i++) {
                instance.elements[i] = elementValues(module.elements.get(i));
            }
        } catch (dev.jazero.api.TrapException e) {
            throw new UninstantiableModuleException("module " + instance.name() + ": " + e.getMessage(), e);
        }
        instance.datas = new byte[module.datas.size()][];
        for (int i = 0; i < instance.datas.length; i++) {
            instance.datas[i] = module.datas.get(i).data();
        }
    }

    private dev.jazero.experimental.FunctionListener listener(dev.jazero.api.FunctionDefinition definition) {
        dev.jazero.experimental.FunctionListenerFactory factory = runtime.config().functionListenerFactory();
        return factory == null ? null : factory.newListener(definition);
    }

    /**
     * Import matching of limits: at least the expected minimum, and a maximum within the expected
     * one, if it has one. All bounds are unsigned: a 64-bit type's may be 2^63 or more.
     */
    private static boolean limitsMatch(long actualMin, boolean actualHasMax, long actualMax, long expectedMin,
            boolean expectedHasMax, long expectedMax) {
        if (Long.compareUnsigned(actualMin, expectedMin) < 0) {
            return false;
        }
        if (!expectedHasMax) {
            return true;
        }
        return actualHasMax && Long.compareUnsigned(actualMax, expectedMax) <= 0;
    }

    private UnlinkableModuleException unlinkable(Import imp, String message) {
        return new UnlinkableModuleException(message + " (import " + imp.module() + "." + imp.name()
                + (instance.name() != null ? " of module " + instance.name() : "") + ")");
    }

    // ---- constant expressions -----------------------------------------------------------------

    /** A constant expression's value: its slots (two for v128), or its reference. */
    private record Constant(long low, long high, Object ref) {
    }

    /**
     * Evaluates a validated constant expression. Its values are kept on a small stack, two slots
     * and an object each: extended constant expressions add, subtract and multiply.
     */
    private Constant evaluate(ConstExpr expr) {
        InstructionReader r = new InstructionReader(new ByteReader(expr.code()), module.encoding);
        long[] stack = new long[8];
        Object[] refs = new Object[4];
        int sp = 0;
        while (true) {
            int op = r.next();
            if (op == Opcode.END) {
                return new Constant(stack[sp - 2], stack[sp - 1], refs[sp / 2 - 1]);
            }
            if (sp + 2 > stack.length) {
                stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                refs = java.util.Arrays.copyOf(refs, refs.length * 2);
            }
            long low = 0;
            long high = 0;
            Object ref = null;
            switch (op) {
                case Opcode.I32_CONST, Opcode.I64_CONST, Opcode.F32_CONST, Opcode.F64_CONST -> low = r.a;
                case Opcode.V128_CONST_PACKED -> {
                    low = r.a;
                    high = r.b;
                }
                case Opcode.REF_NULL -> ref = null;
                case Opcode.REF_FUNC -> ref = instance.functions[(int) r.a];
                case Opcode.GLOBAL_GET -> {
                    GlobalInstance g = instance.globals[(int) r.a];
                    low = g.value;
                    high = g.high;
                    ref = g.type().isReference() ? g.getReference() : null;
                }
                case Opcode.I32_ADD, Opcode.I32_SUB, Opcode.I32_MUL, Opcode.I64_ADD, Opcode.I64_SUB, Opcode.I64_MUL -> {
                    long b = stack[sp - 2];
                    long a = stack[sp - 4];
                    sp -= 4;
                    long result = switch (op) {
                        case Opcode.I32_ADD, Opcode.I64_ADD -> a + b;
                        case Opcode.I32_SUB, Opcode.I64_SUB -> a - b;
                        default -> a * b;
                    };
                    // An i32 is kept sign-extended.
                    low = op <= Opcode.I32_MUL ? (int) result : result;
                }
                default -> {
                    // Garbage collection's constants pop their operands and push one reference.
                    sp = gcConstant(Opcode.sub(op), r, stack, refs, sp);
                    ref = refs[sp / 2];
                    low = stack[sp];
                }
            }
            refs[sp / 2] = ref;
            stack[sp++] = low;
            stack[sp++] = high;
        }
    }

    /**
     * A constant instruction of garbage collection on the evaluation stack of
     * {@link #evaluate} (two slots and an object per value) whose height is {@code sp}: pops its
     * operands and leaves its result (in the slots and object at the returned height, which does
     * not count it yet).
     */
    private int gcConstant(int sub, InstructionReader r, long[] stack, Object[] refs, int sp) {
        Object result;
        long low = 0;
        switch (sub) {
            case Opcode.Fb.STRUCT_NEW, Opcode.Fb.STRUCT_NEW_DEFAULT -> {
                GcType type = instance.gcTypes[(int) r.a];
                StructInstance o = StructInstance.create(type);
                if (sub == Opcode.Fb.STRUCT_NEW) {
                    sp -= 2 * type.fields.length;
                    for (int f = 0; f < type.fields.length; f++) {
                        int slot = o.slot(f);
                        int at = sp + 2 * f;
                        if (type.fields[f].type().isReference()) {
                            // Constant expressions keep an i31 as an I31; a field keeps its pair.
                            Object ref = refs[at / 2];
                            o.setRef(slot, I31Pairs.unboxRef(ref));
                            if (type.isPair(f)) {
                                o.setSlot(slot, I31Pairs.unboxValue(ref));
                            }
                            continue;
                        }
                        o.setSlot(slot, StructInstance.pack(type.fields[f].packedBits(), stack[at]));
                        if (type.fields[f].type().slots() == 2) {
                            o.setSlot(slot + 1, stack[at + 1]);
                        }
                    }
                }
                result = o;
            }
            case Opcode.Fb.ARRAY_NEW, Opcode.Fb.ARRAY_NEW_DEFAULT, Opcode.Fb.ARRAY_NEW_FIXED -> {
                GcType type = instance.gcTypes[(int) r.a];
                ArrayInstance a;
                if (sub == Opcode.Fb.ARRAY_NEW_FIXED) {
                    sp -= 2 * (int) r.b;
                    a = new ArrayInstance(type, r.b);
                    for (int i = 0; i < (int) r.b; i++) {
                        setElement(a, i, stack, refs, sp + 2 * i);
                    }
                } else {
                    sp -= 2;
                    long length = stack[sp] & 0xFFFF_FFFFL;
                    a = new ArrayInstance(type, length);
                    if (sub == Opcode.Fb.ARRAY_NEW) {
                        sp -= 2;
                        for (int i = 0; i < length; i++) {
                            setElement(a, i, stack, refs, sp);
                        }
                    }
                }
                result = a;
            }
            case Opcode.Fb.REF_I31 -> {
                sp -= 2;
                result = dev.jazero.api.I31.of((int) stack[sp]);
            }
            case Opcode.Fb.ANY_CONVERT_EXTERN, Opcode.Fb.EXTERN_CONVERT_ANY -> {
                sp -= 2;
                result = refs[sp / 2];
                low = stack[sp];
            }
            default -> throw new IllegalStateException("not a constant instruction: 0xfb " + sub);
        }
        refs[sp / 2] = result;
        stack[sp] = low;
        return sp;
    }

    private static void setElement(ArrayInstance a, int i, long[] stack, Object[] refs, int at) {
        if (a.type.fields[0].type().isReference()) {
            a.setPair(i, I31Pairs.unboxRef(refs[at / 2]), I31Pairs.unboxValue(refs[at / 2]));
        } else {
            a.set(i, stack[at], stack[at + 1]);
        }
    }

    private Object[] elementValues(ElementSegment segment) {
        Object[] values = new Object[segment.size()];
        if (segment.functionIndices() != null) {
            int[] indices = segment.functionIndices();
            for (int i = 0; i < values.length; i++) {
                values[i] = instance.functions[indices[i]];
            }
            return values;
        }
        ConstExpr[] items = segment.items();
        for (int i = 0; i < values.length; i++) {
            values[i] = evaluate(items[i]).ref();
        }
        return values;
    }

    // ---- initialisation -----------------------------------------------------------------------

    private void initialise() {
        try {
            for (int i = 0; i < module.elements.size(); i++) {
                ElementSegment segment = module.elements.get(i);
                if (segment.mode() == SegmentMode.ACTIVE) {
                    TableInstance table = instance.tables[segment.tableIndex()];
                    long offset = evaluate(segment.offset()).low();
                    Object[] values = instance.elements[i];
                    table.init(values, table.address64() ? TableInstance.index(offset) : (int) offset, 0, values.length);
                }
                if (segment.mode() != SegmentMode.PASSIVE) {
                    instance.elements[i] = new Object[0];
                }
            }
            for (int i = 0; i < module.datas.size(); i++) {
                DataSegment segment = module.datas.get(i);
                if (segment.mode() == SegmentMode.ACTIVE) {
                    MemoryInstance memory = instance.memories[segment.memoryIndex()];
                    long offset = memory.address(evaluate(segment.offset()).low());
                    byte[] data = instance.datas[i];
                    memory.init(data, offset, 0, data.length);
                    instance.datas[i] = new byte[0];
                }
            }
            if (module.startFunction >= 0) {
                FunctionInstance start = instance.functions[module.startFunction];
                ExportedFunction.invoke(instance, start, new long[Math.max(start.type.paramSlots(), start.type.resultSlots())], null);
            }
        } catch (TrapException e) {
            throw new UninstantiableModuleException(e.getMessage(), e);
        } catch (ExitException e) {
            throw e;
        } catch (WasmException e) {
            throw new UninstantiableModuleException(e.getMessage(), e);
        }
    }
}
