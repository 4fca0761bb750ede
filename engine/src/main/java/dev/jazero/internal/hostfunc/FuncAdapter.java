package dev.jazero.internal.hostfunc;

import dev.jazero.api.HostFunction;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Java function into a stack {@link HostFunction}, for {@code HostFunctionBuilder.withFunc}.
 *
 * <p>All the work happens once, when the function is defined: the functional interface's method
 * is found and checked against {@link HostTypes}, and a {@link MethodHandle} tree of type
 * {@code (Module, long[])void} is composed from {@code java.lang.invoke} combinators: it reads
 * each parameter from its stack slot and decodes it with {@link ValueType}'s helpers, calls the
 * function, and encodes the results back into the stack. A call then is one
 * {@code invokeExact}: no reflection, no boxing, no allocation.
 */
public final class FuncAdapter {

    /** A function ready for the builder: adapter, signature and names. */
    public record Resolved(HostFunction function, List<ValueType> params, List<ValueType> results,
            List<String> paramNames, List<String> resultNames) {
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** {@code (long[], int)long}. */
    private static final MethodHandle GET = MethodHandles.arrayElementGetter(long[].class);
    /** {@code (long[], int, long)void}. */
    private static final MethodHandle SET = MethodHandles.arrayElementSetter(long[].class);
    /** {@code (Module)Memory}. */
    private static final MethodHandle MEMORY_OF;

    static {
        try {
            MEMORY_OF = LOOKUP.findStatic(FuncAdapter.class, "memoryOf", MethodType.methodType(Memory.class, Module.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FuncAdapter() {
    }

    /**
     * Resolves {@code function}, an implementation of {@code functionalInterface}, whose single
     * abstract method gives the signature.
     *
     * @throws IllegalArgumentException when the interface is not functional or its method breaks
     *     the {@link HostTypes} rules
     */
    public static <F> Resolved resolve(Class<F> functionalInterface, F function) {
        if (functionalInterface == null || function == null) {
            throw new NullPointerException(functionalInterface == null ? "functionalInterface" : "function");
        }
        if (!functionalInterface.isInterface()) {
            throw new IllegalArgumentException("withFunc: " + functionalInterface.getName()
                    + " is not an interface: pass the functional interface that the lambda or method reference implements");
        }
        functionalInterface.cast(function);
        Method sam = singleAbstractMethod(functionalInterface);
        String where = "withFunc(" + typeName(functionalInterface) + "." + sam.getName() + ")";
        for (Class<?> exception : sam.getExceptionTypes()) {
            if (!RuntimeException.class.isAssignableFrom(exception) && !Error.class.isAssignableFrom(exception)) {
                throw new IllegalArgumentException(where + ": " + HostTypes.checkedException(typeName(exception)));
            }
        }
        MethodHandle handle = unreflect(sam, where).bindTo(function);
        List<String> names = new ArrayList<>();
        for (Parameter p : sam.getParameters()) {
            if (p.isNamePresent() && !HostTypes.isInjected(typeName(p.getType()))) {
                names.add(p.getName());
            }
        }
        return adapt(handle, where, names);
    }

    /**
     * Resolves a method handle, whose type gives the signature. The handle may throw only
     * unchecked exceptions; a checked one still traps, wrapped in an
     * {@link IllegalStateException}.
     */
    public static Resolved resolve(MethodHandle handle) {
        if (handle == null) {
            throw new NullPointerException("handle");
        }
        return adapt(handle, "withFunc(MethodHandle" + handle.type() + ")", List.of());
    }

    private static Resolved adapt(MethodHandle target, String where, List<String> paramNames) {
        MethodType type = target.type();
        int n = type.parameterCount();
        List<ValueType> params = new ArrayList<>();
        MethodHandle h = target;
        for (int i = 0; i < n; i++) {
            Class<?> p = type.parameterType(i);
            String name = typeName(p);
            MethodHandle arg;   // (Module, long[])p
            if (p == Module.class) {
                arg = MethodHandles.dropArguments(MethodHandles.identity(Module.class), 1, long[].class);
            } else if (p == Memory.class) {
                arg = MethodHandles.dropArguments(MEMORY_OF, 1, long[].class);
            } else {
                ValueType vt = HostTypes.valueType(name);
                if (vt == null) {
                    throw new IllegalArgumentException(where + ": " + HostTypes.unsupportedParameter(name));
                }
                MethodHandle slot = MethodHandles.insertArguments(GET, 1, params.size());   // (long[])long
                arg = MethodHandles.dropArguments(MethodHandles.filterReturnValue(slot, decoder(p)), 0, Module.class);
                params.add(vt);
            }
            // Replaces parameter i (now at 2*i, after the pairs before it) with (Module, long[]).
            h = MethodHandles.collectArguments(h, 2 * i, arg);
        }
        int[] reorder = new int[2 * n];
        for (int i = 0; i < n; i++) {
            reorder[2 * i] = 0;
            reorder[2 * i + 1] = 1;
        }
        Class<?> r = type.returnType();
        h = MethodHandles.permuteArguments(h, MethodType.methodType(r, Module.class, long[].class), reorder);

        List<ValueType> results = new ArrayList<>();
        List<String> resultNames = new ArrayList<>();
        MethodHandle invoker;
        if (r == void.class) {
            invoker = h;
        } else {
            MethodHandle writer;   // (long[], r)void
            if (r.isRecord()) {
                writer = recordWriter(r, where, results, resultNames);
            } else {
                ValueType vt = HostTypes.valueType(typeName(r));
                if (vt == null) {
                    throw new IllegalArgumentException(where + ": " + HostTypes.unsupportedResult(typeName(r)));
                }
                results.add(vt);
                writer = slotWriter(0, encoder(r));
            }
            // (r, Module, long[])void, then run h first and pass its result in.
            writer = MethodHandles.permuteArguments(MethodHandles.dropArguments(writer, 0, Module.class),
                    MethodType.methodType(void.class, r, Module.class, long[].class), 1, 2, 0);
            invoker = MethodHandles.foldArguments(writer, h);
        }
        List<String> names = paramNames.size() == params.size() ? List.copyOf(paramNames) : List.of();
        return new Resolved(new Adapter(invoker, where), List.copyOf(params), List.copyOf(results), names,
                List.copyOf(resultNames));
    }

    /** {@code (long[], R)void} writing each component of record {@code R} into its slot. */
    private static MethodHandle recordWriter(Class<?> record, String where, List<ValueType> results, List<String> names) {
        RecordComponent[] components = record.getRecordComponents();
        if (components.length == 0) {
            throw new IllegalArgumentException(where + ": " + HostTypes.emptyRecord(typeName(record)));
        }
        MethodHandle all = null;
        for (int k = components.length - 1; k >= 0; k--) {
            RecordComponent c = components[k];
            ValueType vt = HostTypes.valueType(typeName(c.getType()));
            if (vt == null) {
                throw new IllegalArgumentException(where + ": "
                        + HostTypes.unsupportedRecordComponent(typeName(record), c.getName(), typeName(c.getType())));
            }
            MethodHandle accessor = unreflect(c.getAccessor(), where);   // (R)c
            MethodHandle w = slotWriter(k, MethodHandles.filterReturnValue(accessor, encoder(c.getType())));
            // A void combiner runs first and leaves the arguments to the rest.
            all = all == null ? w : MethodHandles.foldArguments(all, w);
        }
        for (RecordComponent c : components) {
            results.add(HostTypes.valueType(typeName(c.getType())));
            names.add(c.getName());
        }
        return all;
    }

    /** {@code (long[], X)void} storing {@code encode(x)} at {@code slot}, where encode is {@code (X)long}. */
    private static MethodHandle slotWriter(int slot, MethodHandle encode) {
        return MethodHandles.filterArguments(MethodHandles.insertArguments(SET, 1, slot), 1, encode);
    }

    private static MethodHandle decoder(Class<?> t) {
        if (t == long.class) {
            return MethodHandles.identity(long.class);
        }
        return helper("decode" + suffix(t), MethodType.methodType(t, long.class));
    }

    private static MethodHandle encoder(Class<?> t) {
        if (t == long.class) {
            return MethodHandles.identity(long.class);
        }
        return helper("encode" + suffix(t), MethodType.methodType(long.class, t));
    }

    private static String suffix(Class<?> t) {
        if (t == int.class) {
            return "I32";
        } else if (t == float.class) {
            return "F32";
        } else if (t == double.class) {
            return "F64";
        } else if (t == boolean.class) {
            return "Boolean";
        }
        throw new AssertionError(t);
    }

    /** One of {@link ValueType}'s encode/decode helpers, the one shared set for the host ABI. */
    private static MethodHandle helper(String name, MethodType type) {
        try {
            return LOOKUP.findStatic(ValueType.class, name, type);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Method singleAbstractMethod(Class<?> iface) {
        Method found = null;
        for (Method m : iface.getMethods()) {
            if (!Modifier.isAbstract(m.getModifiers()) || isObjectMethod(m)) {
                continue;
            }
            if (found != null && !(found.getName().equals(m.getName())
                    && java.util.Arrays.equals(found.getParameterTypes(), m.getParameterTypes()))) {
                throw new IllegalArgumentException("withFunc: " + typeName(iface)
                        + " is not a functional interface: it has abstract methods " + found.getName() + " and " + m.getName());
            }
            found = m;
        }
        if (found == null) {
            throw new IllegalArgumentException("withFunc: " + typeName(iface) + " is not a functional interface: it has no abstract method");
        }
        return found;
    }

    private static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** A handle for {@code m}, also when its class is not public (reflection here, once, never per call). */
    private static MethodHandle unreflect(Method m, String where) {
        try {
            return MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException notPublic) {
            try {
                m.setAccessible(true);
                return LOOKUP.unreflect(m);
            } catch (RuntimeException | IllegalAccessException e) {
                IllegalArgumentException failure = new IllegalArgumentException(where + ": cannot access "
                        + typeName(m.getDeclaringClass()) + "." + m.getName() + ": make it public", e);
                failure.addSuppressed(notPublic);
                throw failure;
            }
        }
    }

    /** The type as Java source names it: {@code int}, {@code a.b.Outer.Inner}, {@code long[]}. */
    static String typeName(Class<?> c) {
        String canonical = c.getCanonicalName();
        return canonical != null ? canonical : c.getTypeName();
    }

    /** The injected {@link Memory} parameter: the caller's first memory. */
    static Memory memoryOf(Module caller) {
        Memory memory = caller.memory();
        if (memory == null) {
            throw new IllegalStateException("the host function takes the caller's memory, but module "
                    + caller.name() + " has none");
        }
        return memory;
    }

    /** The host function: one {@code invokeExact} of the composed tree. */
    private static final class Adapter implements HostFunction {
        private final MethodHandle invoker;
        private final String description;

        Adapter(MethodHandle invoker, String description) {
            this.invoker = invoker;
            this.description = description;
        }

        @Override
        public void call(Module caller, long[] stack) {
            try {
                invoker.invokeExact(caller, stack);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(description + " threw checked " + t, t);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
