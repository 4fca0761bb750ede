package dev.jazero.internal.runtime;

import dev.jazero.CompiledModule;
import dev.jazero.CustomSection;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.HostFunction;
import dev.jazero.api.MemoryDefinition;
import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.validation.InternalCodeMaker;
import dev.jazero.internal.wasm.CanonicalTypes;
import dev.jazero.internal.wasm.CustomSectionData;
import dev.jazero.internal.wasm.Export;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.Import;
import dev.jazero.internal.wasm.MemoryType;
import dev.jazero.internal.wasm.WasmModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated module with the code of its functions: WebAssembly code lowered by the validator,
 * or, for a host module, the host functions. Immutable once built, so instances of it can be made
 * from several threads.
 */
public final class CompiledModuleImpl implements CompiledModule {

    final WasmModule module;
    /**
     * Internal code of the defined functions, or only their frames' sizes ({@link IrFunction#isKept}),
     * or null where the function's class was generated; null for a host module.
     */
    private final IrFunction[] code;
    /** Makes the code of a function that validation did not keep; null for a host module. */
    private final InternalCodeMaker codeMaker;
    /** The functions of a host module; null for a WebAssembly module. */
    final HostFunction[] hostFunctions;
    /** The tier's code for the module ({@link Engine#prepare}), or null. */
    final ModuleCode compiledCode;
    private final String name;
    final FunctionDefinitionImpl[] functionDefinitions;
    private final MemoryDefinitionImpl[] memoryDefinitions;
    private final List<CustomSection> customSections;

    CompiledModuleImpl(WasmModule module, IrFunction[] code, ModuleCode compiledCode, InternalCodeMaker codeMaker,
            HostFunction[] hostFunctions, String name, List<List<String>> paramNames, List<List<String>> resultNames) {
        this.module = module;
        this.compiledCode = compiledCode;
        this.code = code;
        this.codeMaker = codeMaker;
        this.hostFunctions = hostFunctions;
        this.name = name;
        this.functionDefinitions = new FunctionDefinitionImpl[module.functionCount()];
        int f = 0;
        for (Import imp : module.imports) {
            if (imp.kind() == dev.jazero.internal.wasm.ExternKind.FUNC) {
                FuncType t = module.funcType(imp.typeIndex());
                functionDefinitions[f] = new FunctionDefinitionImpl(name, f, module.names.functionName(f),
                        new String[] {imp.module(), imp.name()}, t.params(), t.results(), List.of(), List.of(), null);
                f++;
            }
        }
        for (; f < functionDefinitions.length; f++) {
            FuncType t = module.functionType(f);
            int defined = f - module.importedFunctionCount();
            List<String> params = paramNames != null ? paramNames.get(defined) : localNames(f, t.params().length);
            List<String> results = resultNames != null ? resultNames.get(defined) : List.of();
            functionDefinitions[f] = new FunctionDefinitionImpl(name, f, module.names.functionName(f), null, t.params(),
                    t.results(), params, results, hostFunctions != null ? hostFunctions[defined] : null);
        }
        this.memoryDefinitions = new MemoryDefinitionImpl[module.allMemories().size()];
        int m = 0;
        for (Import imp : module.imports) {
            if (imp.kind() == dev.jazero.internal.wasm.ExternKind.MEMORY) {
                memoryDefinitions[m] = new MemoryDefinitionImpl(name, m, imp.memory(),
                        new String[] {imp.module(), imp.name()});
                m++;
            }
        }
        for (MemoryType t : module.memories) {
            memoryDefinitions[m] = new MemoryDefinitionImpl(name, m, t, null);
            m++;
        }
        for (Export e : module.exports) {
            switch (e.kind()) {
                case FUNC -> functionDefinitions[e.index()].exportNames.add(e.name());
                case MEMORY -> memoryDefinitions[e.index()].exportNames.add(e.name());
                default -> { }
            }
        }
        List<CustomSection> customs = new ArrayList<>();
        for (CustomSectionData c : module.customSections) {
            customs.add(new CustomSection(c.name(), c.data()));
        }
        this.customSections = Collections.unmodifiableList(customs);
    }

    /** Whether this is a WebAssembly module, whose functions have internal code. */
    boolean hasInternalCode() {
        return code != null;
    }

    /** What is held for a defined function's internal code, made again or not (see {@link #internalCode}). */
    IrFunction heldCode(int defined) {
        return code[defined];
    }

    /**
     * The internal code of a defined function (its index among the defined ones), made again when
     * validation kept only its frame's sizes or when it was dropped because the function's class
     * was generated (a class that then fails the JVM's verification runs in the interpreter).
     */
    IrFunction internalCode(int defined) {
        IrFunction ir = code[defined];
        if (ir != null && ir.isKept()) {
            return ir;
        }
        synchronized (code) {
            ir = code[defined];
            if (ir == null || !ir.isKept()) {
                ir = codeMaker.make(module.importedFunctionCount() + defined);
                code[defined] = ir;
            }
            return ir;
        }
    }

    private List<String> localNames(int function, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String n = module.names.localName(function, i);
            if (n == null) {
                return List.of();
            }
            names.add(n);
        }
        return Collections.unmodifiableList(names);
    }

    public WasmModule module() {
        return module;
    }

    /** The tier's code for the module, or null (the interpreter tier). */
    public ModuleCode moduleCode() {
        return compiledCode;
    }

    /** Returns true when the compiler tier compiled the function (an index of the function space). */
    public boolean isCompiled(int function) {
        return compiledCode != null && compiledCode.isCompiled(function);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<FunctionDefinition> importedFunctions() {
        List<FunctionDefinition> out = new ArrayList<>();
        for (int i = 0; i < module.importedFunctionCount(); i++) {
            out.add(functionDefinitions[i]);
        }
        return out;
    }

    @Override
    public Map<String, FunctionDefinition> exportedFunctions() {
        Map<String, FunctionDefinition> out = new LinkedHashMap<>();
        for (Export e : module.exports) {
            if (e.kind() == dev.jazero.internal.wasm.ExternKind.FUNC) {
                out.put(e.name(), functionDefinitions[e.index()]);
            }
        }
        return out;
    }

    @Override
    public List<MemoryDefinition> importedMemories() {
        List<MemoryDefinition> out = new ArrayList<>();
        for (MemoryDefinitionImpl d : memoryDefinitions) {
            if (d.importedAs() != null) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public Map<String, MemoryDefinition> exportedMemories() {
        Map<String, MemoryDefinition> out = new LinkedHashMap<>();
        for (Export e : module.exports) {
            if (e.kind() == dev.jazero.internal.wasm.ExternKind.MEMORY) {
                out.put(e.name(), memoryDefinitions[e.index()]);
            }
        }
        return out;
    }

    MemoryDefinitionImpl memoryDefinition(int index) {
        return memoryDefinitions[index];
    }

    @Override
    public List<CustomSection> customSections() {
        return customSections;
    }

    @Override
    public void close() {
        // Nothing is held beyond the Java heap yet; the compiler tier will unload its classes here.
    }

    /** A runtime's numbers of the module's types, with the registry they are of. */
    private record TypeNumbers(CanonicalTypes registry, int[] ids) {
    }

    private volatile TypeNumbers typeNumbers;

    /**
     * The runtime's numbers of the module's types, by index, shared by its instances (read only):
     * numbered on the first instantiation, since the runtime's registry gives the same numbers
     * every time.
     */
    int[] typeIds(RuntimeImpl runtime) {
        TypeNumbers n = typeNumbers;
        if (n == null || n.registry() != runtime.types()) {
            n = new TypeNumbers(runtime.types(), runtime.typeIds(module));
            typeNumbers = n;
        }
        return n.ids();
    }
}
