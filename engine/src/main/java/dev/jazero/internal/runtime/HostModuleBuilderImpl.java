package dev.jazero.internal.runtime;

import dev.jazero.CompiledModule;
import dev.jazero.HostFunctionBuilder;
import dev.jazero.HostModuleBuilder;
import dev.jazero.ModuleConfig;
import dev.jazero.api.HostFunction;
import dev.jazero.api.Module;
import dev.jazero.api.StackFunction;
import dev.jazero.api.ValueType;
import dev.jazero.internal.hostfunc.FuncAdapter;
import dev.jazero.internal.wasm.DefinedType;
import dev.jazero.internal.wasm.Export;
import dev.jazero.internal.wasm.ExternKind;
import dev.jazero.internal.wasm.FuncType;
import dev.jazero.internal.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a host module as a module model whose functions are host functions, so that linking and
 * instantiation treat it like any other module.
 */
final class HostModuleBuilderImpl implements HostModuleBuilder {

    private final RuntimeImpl runtime;
    private final String moduleName;
    private final List<Definition> functions = new ArrayList<>();
    private final Set<String> exportNames = new HashSet<>();
    /** The tags, by export name: their parameter types. */
    private final Map<String, FuncType> tags = new java.util.LinkedHashMap<>();

    private record Definition(String exportName, String name, HostFunction function, FuncType type,
            List<String> paramNames, List<String> resultNames) {
    }

    HostModuleBuilderImpl(RuntimeImpl runtime, String moduleName) {
        this.runtime = runtime;
        this.moduleName = Objects.requireNonNull(moduleName, "moduleName");
    }

    @Override
    public HostFunctionBuilder newFunctionBuilder() {
        return new FunctionBuilder();
    }

    @Override
    public CompiledModule compile() {
        WasmModule module = new WasmModule();
        int[] typeIndices = new int[functions.size()];
        HostFunction[] hosts = new HostFunction[functions.size()];
        List<List<String>> paramNames = new ArrayList<>();
        List<List<String>> resultNames = new ArrayList<>();
        for (int i = 0; i < functions.size(); i++) {
            Definition d = functions.get(i);
            concreteTypesRefused(d);
            typeIndices[i] = typeIndex(module, d.type());
            hosts[i] = d.function();
            module.exports.add(new Export(d.exportName(), ExternKind.FUNC, i));
            module.names.putFunctionName(i, d.name());
            paramNames.add(d.paramNames());
            resultNames.add(d.resultNames());
        }
        for (Map.Entry<String, FuncType> tag : tags.entrySet()) {
            module.exports.add(new Export(tag.getKey(), ExternKind.TAG, module.tags.size()));
            module.tags.add(typeIndex(module, tag.getValue()));
        }
        module.functionTypeIndices = typeIndices;
        module.names.setModuleName(moduleName);
        module.finishIndexSpaces();
        return new CompiledModuleImpl(module, null, null, null, hosts, moduleName, paramNames, resultNames);
    }

    @Override
    public HostModuleBuilder exportTag(String name, List<ValueType> params) {
        FuncType type = new FuncType(params.toArray(new ValueType[0]), new ValueType[0]);
        for (ValueType t : type.params()) {
            if (t.isReference() && !t.heapType().isAbstract()) {
                throw new IllegalArgumentException("tag " + name + " of host module " + moduleName
                        + ": a host module has no types for " + t + " to name");
            }
        }
        if (!exportNames.add(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("host module " + moduleName + " already exports " + name);
        }
        tags.put(name, type);
        return this;
    }

    /** The index of {@code type} among the module's types, added when it is not there. */
    private static int typeIndex(WasmModule module, FuncType type) {
        int t = 0;
        while (t < module.types.size() && !module.funcType(t).equals(type)) {
            t++;
        }
        if (t == module.types.size()) {
            module.types.add(DefinedType.alone(type, t));
        }
        return t;
    }

    @Override
    public Module instantiate() {
        return runtime.instantiate(compile(), ModuleConfig.defaults().withName(moduleName).withStartFunctions());
    }

    private final class FunctionBuilder implements HostFunctionBuilder {

        private HostFunction function;
        private FuncType type;
        private String name;
        private List<String> paramNames = List.of();
        private List<String> resultNames = List.of();
        /** Names that withFunc derived, used unless withParameterNames/withResultNames set them. */
        private List<String> derivedParamNames = List.of();
        private List<String> derivedResultNames = List.of();

        @Override
        public HostFunctionBuilder withStackFunction(StackFunction fn, List<ValueType> params, List<ValueType> results) {
            Objects.requireNonNull(fn, "function");
            return withHostFunction((caller, stack) -> fn.call(stack), params, results);
        }

        @Override
        public HostFunctionBuilder withHostFunction(HostFunction fn, List<ValueType> params, List<ValueType> results) {
            this.function = Objects.requireNonNull(fn, "function");
            this.type = new FuncType(params.toArray(new ValueType[0]), results.toArray(new ValueType[0]));
            this.derivedParamNames = List.of();
            this.derivedResultNames = List.of();
            return this;
        }

        @Override
        public HostFunctionBuilder withReferenceFunction(dev.jazero.api.ReferenceHostFunction fn, List<ValueType> params,
                List<ValueType> results) {
            Objects.requireNonNull(fn, "function");
            return withHostFunction(new ReferenceHost(fn), params, results);
        }

        @Override
        public <F> HostFunctionBuilder withFunc(Class<F> functionalInterface, F fn) {
            return use(FuncAdapter.resolve(functionalInterface, fn));
        }

        @Override
        public HostFunctionBuilder withFunc(MethodHandle handle) {
            return use(FuncAdapter.resolve(handle));
        }

        private HostFunctionBuilder use(FuncAdapter.Resolved resolved) {
            if (resolved.referenceFunction() != null) {
                withReferenceFunction(resolved.referenceFunction(), resolved.params(), resolved.results());
            } else {
                withHostFunction(resolved.function(), resolved.params(), resolved.results());
            }
            this.derivedParamNames = resolved.paramNames();
            this.derivedResultNames = resolved.resultNames();
            return this;
        }

        @Override
        public HostFunctionBuilder withName(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HostFunctionBuilder withParameterNames(String... names) {
            this.paramNames = List.of(names);
            return this;
        }

        @Override
        public HostFunctionBuilder withResultNames(String... names) {
            this.resultNames = List.of(names);
            return this;
        }

        @Override
        public HostModuleBuilder export(String exportName) {
            if (function == null) {
                throw new IllegalStateException("function " + exportName + " of host module " + moduleName
                        + " has no implementation: call withStackFunction, withHostFunction or withFunc first");
            }
            if (paramNames.isEmpty()) {
                paramNames = derivedParamNames;
            }
            if (resultNames.isEmpty()) {
                resultNames = derivedResultNames;
            }
            if (!exportNames.add(exportName)) {
                throw new IllegalArgumentException("host module " + moduleName + " already exports " + exportName);
            }
            if (!paramNames.isEmpty() && paramNames.size() != type.params().length) {
                throw new IllegalArgumentException("function " + exportName + " has " + type.params().length
                        + " parameters but " + paramNames.size() + " parameter names");
            }
            if (!resultNames.isEmpty() && resultNames.size() != type.results().length) {
                throw new IllegalArgumentException("function " + exportName + " has " + type.results().length
                        + " results but " + resultNames.size() + " result names");
            }
            functions.add(new Definition(exportName, name != null ? name : exportName, function, type, paramNames,
                    resultNames));
            return HostModuleBuilderImpl.this;
        }
    }

    /** A host module has no types of its own that a typed reference could name. */
    private static void concreteTypesRefused(Definition d) {
        for (dev.jazero.api.ValueType[] types : new dev.jazero.api.ValueType[][] {d.type().params(), d.type().results()}) {
            for (dev.jazero.api.ValueType t : types) {
                if (t.isReference() && !t.heapType().isAbstract()) {
                    throw new IllegalArgumentException("host function " + d.name() + ": " + t
                            + " names a type of a module; a host function takes abstract reference types only");
                }
            }
        }
    }
}
