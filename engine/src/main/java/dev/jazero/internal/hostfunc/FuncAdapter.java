package dev.jazero.internal.hostfunc;

import dev.jazero.api.HostFunction;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.ReferenceHostFunction;
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
 * {@code (Module, long[], Object[])void} is composed from {@code java.lang.invoke} combinators: it
 * reads each parameter from its stack slot (a reference from the objects beside the slots) and
 * decodes it with {@link ValueType}'s helpers, calls the function, and encodes the results back.
 * A call then is one {@code invokeExact}: no reflection, no boxing, no allocation. A function
 * with references becomes a {@link ReferenceHostFunction}, which gets the objects.
 */
public final class FuncAdapter {

    /**
     * A function ready for the builder: adapter (a {@link HostFunction}, or a
     * {@link ReferenceHostFunction} when the signature has references, the other null),
     * signature and names.
     */
    public record Resolved(HostFunction function, ReferenceHostFunction referenceFunction, List<ValueType> params,
            List<ValueType> results, List<String> paramNames, List<String> resultNames) {
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** {@code (long[], int)long}. */
    private static final MethodHandle GET = MethodHandles.arrayElementGetter(long[].class);
    /** {@code (long[], int, long)void}. */
    private static final MethodHandle SET = MethodHandles.arrayElementSetter(long[].class);
    /** {@code (Object[], int)Object}. */
    private static final MethodHandle GET_REF = MethodHandles.arrayElementGetter(Object[].class);
    /** {@code (Object[], int, Object)void}. */
    private static final MethodHandle SET_REF = MethodHandles.arrayElementSetter(Object[].class);
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
            MethodHandle arg;   // (Module, long[], Object[])p
            if (p == Module.class) {
                arg = MethodHandles.dropArguments(MethodHandles.identity(Module.class), 1, long[].class, Object[].class);
            } else if (p == Memory.class) {
                arg = MethodHandles.dropArguments(MEMORY_OF, 1, long[].class, Object[].class);
            } else if (HostTypes.referenceType(name) != null) {
                MethodHandle ref = MethodHandles.insertArguments(GET_REF, 1, params.size());   // (Object[])Object
                arg = MethodHandles.dropArguments(ref.asType(MethodType.methodType(p, Object[].class)), 0, Module.class,
                        long[].class);
                params.add(HostTypes.referenceType(name));
            } else {
                ValueType vt = HostTypes.valueType(name);
                if (vt == null) {
                    throw new IllegalArgumentException(where + ": " + HostTypes.unsupportedParameter(name));
                }
                MethodHandle slot = MethodHandles.insertArguments(GET, 1, params.size());   // (long[])long
                arg = MethodHandles.dropArguments(MethodHandles.dropArguments(
                        MethodHandles.filterReturnValue(slot, decoder(p)), 0, Module.class), 2, Object[].class);
                params.add(vt);
            }
            // Replaces parameter i (now at 3*i, after the triples before it) with (Module, long[], Object[]).
            h = MethodHandles.collectArguments(h, 3 * i, arg);
        }
        int[] reorder = new int[3 * n];
        for (int i = 0; i < n; i++) {
            reorder[3 * i] = 0;
            reorder[3 * i + 1] = 1;
            reorder[3 * i + 2] = 2;
        }
        Class<?> r = type.returnType();
        h = MethodHandles.permuteArguments(h, MethodType.methodType(r, Module.class, long[].class, Object[].class), reorder);

        List<ValueType> results = new ArrayList<>();
        List<String> resultNames = new ArrayList<>();
        MethodHandle invoker;
        if (r == void.class) {
            invoker = h;
        } else {
            MethodHandle writer;   // (long[], Object[], r)void
            if (r.isRecord()) {
                writer = recordWriter(r, where, results, resultNames);
            } else {
                ValueType vt = valueOrReference(typeName(r));
                if (vt == null) {
                    throw new IllegalArgumentException(where + ": " + HostTypes.unsupportedResult(typeName(r)));
                }
                results.add(vt);
                writer = writer(0, r);
            }
            // (r, Module, long[], Object[])void, then run h first and pass its result in.
            writer = MethodHandles.permuteArguments(MethodHandles.dropArguments(writer, 0, Module.class),
                    MethodType.methodType(void.class, r, Module.class, long[].class, Object[].class), 1, 2, 3, 0);
            invoker = MethodHandles.foldArguments(writer, h);
        }
        List<String> names = paramNames.size() == params.size() ? List.copyOf(paramNames) : List.of();
        boolean references = params.stream().anyMatch(ValueType::isReference) || results.stream().anyMatch(ValueType::isReference);
        Adapter adapter = new Adapter(invoker, where);
        return new Resolved(references ? null : adapter, references ? adapter : null, List.copyOf(params),
                List.copyOf(results), names, List.copyOf(resultNames));
    }

    private static ValueType valueOrReference(String javaType) {
        return HostTypes.valueOrReference(javaType);
    }

    /** {@code (long[], Object[], X)void} storing a value of Java type {@code t} at {@code slot}. */
    private static MethodHandle writer(int slot, Class<?> t) {
        if (HostTypes.referenceType(typeName(t)) != null) {
            MethodHandle set = MethodHandles.insertArguments(SET_REF, 1, slot).asType(
                    MethodType.methodType(void.class, Object[].class, t));
            return MethodHandles.dropArguments(set, 0, long[].class);
        }
        return MethodHandles.dropArguments(slotWriter(slot, encoder(t)), 1, Object[].class);
    }

    /** {@code (long[], Object[], R)void} writing each component of record {@code R} into its slot. */
    private static MethodHandle recordWriter(Class<?> record, String where, List<ValueType> results, List<String> names) {
        RecordComponent[] components = record.getRecordComponents();
        if (components.length == 0) {
            throw new IllegalArgumentException(where + ": " + HostTypes.emptyRecord(typeName(record)));
        }
        MethodHandle all = null;
        for (int k = components.length - 1; k >= 0; k--) {
            RecordComponent c = components[k];
            ValueType vt = valueOrReference(typeName(c.getType()));
            if (vt == null) {
                throw new IllegalArgumentException(where + ": "
                        + HostTypes.unsupportedRecordComponent(typeName(record), c.getName(), typeName(c.getType())));
            }
            MethodHandle accessor = unreflect(c.getAccessor(), where);   // (R)c
            MethodHandle w = MethodHandles.filterArguments(writer(k, c.getType()), 2, accessor);
            // A void combiner runs first and leaves the arguments to the rest.
            all = all == null ? w : MethodHandles.foldArguments(all, w);
        }
        for (RecordComponent c : components) {
            results.add(valueOrReference(typeName(c.getType())));
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
    private static final class Adapter implements HostFunction, ReferenceHostFunction {
        private final MethodHandle invoker;
        private final String description;

        Adapter(MethodHandle invoker, String description) {
            this.invoker = invoker;
            this.description = description;
        }

        @Override
        public void call(Module caller, long[] stack) {
            call(caller, stack, null);
        }

        @Override
        public void call(Module caller, long[] stack, Object[] references) {
            try {
                invoker.invokeExact(caller, stack, references);
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
