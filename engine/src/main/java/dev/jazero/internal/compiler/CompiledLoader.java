package dev.jazero.internal.compiler;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Defines the classes of one compiled module, one per function, and those of its structs'
 * layouts ({@link StructClasses}).
 *
 * <p>Why a class loader and not hidden classes: a {@link StackOverflowError} carries the innermost
 * frames of the stack it ran out of, filled in by the JVM where it was thrown, at no cost to the
 * code that did not throw it; hidden classes are left out of those frames, ordinary classes are
 * not. That is how compiled code's "call stack exhausted" trap names the calls that exhausted
 * the stack (docs/compiler.md, "Call depth"). The loader goes when nothing uses its module's code
 * any more, and its classes with it.
 *
 * <p>The classes live in the loader's unnamed module; when the engine is a named module, it
 * exports its packages to that module only, and reads it, so that generated code reaches the
 * public members {@link JavaMembers} lists and nothing else outside the engine does.
 */
final class CompiledLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    /** The package of every generated class, in binary-name form. */
    static final String PACKAGE = "jazero/code/";

    /** Numbers the loaders: a stack trace tells classes apart by their loader's name. */
    private static final AtomicLong LOADERS = new AtomicLong();

    private final CompiledClasses classes;

    CompiledLoader(CompiledClasses classes) {
        super("jazero-" + LOADERS.incrementAndGet(), CompiledLoader.class.getClassLoader());
        this.classes = classes;
        Module engine = CompiledLoader.class.getModule();
        if (engine.isNamed()) {
            Module code = getUnnamedModule();
            for (String p : engine.getPackages()) {
                engine.addExports(p, code);
            }
            engine.addReads(code);
        }
    }

    /** Makes a struct class when generated code first names it: its name says all it is ({@link StructClasses}). */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String layout = StructClasses.layoutOf(name);
        if (layout == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes = StructClasses.generate(layout);
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The internal name of the class of a function (an index of the function space). */
    static String className(int function) {
        return PACKAGE + "F" + function;
    }

    /** The module whose code the class that looks up is. */
    static CompiledClasses classesOf(MethodHandles.Lookup caller) {
        return ((CompiledLoader) caller.lookupClass().getClassLoader()).classes;
    }

    /**
     * Defines the class of a function, or finds it defined already (a first attempt may have
     * failed after defining it, on a stack that ran out), returning a lookup with its private
     * access. The caller holds the function's lock.
     */
    MethodHandles.Lookup define(int function, byte[] bytes) throws IllegalAccessException {
        return define(className(function), bytes);
    }

    /** {@link #define(int, byte[])}, for the class of internal name {@code internalName}. */
    MethodHandles.Lookup define(String internalName, byte[] bytes) throws IllegalAccessException {
        String name = internalName.replace('/', '.');
        Class<?> c = findLoadedClass(name);
        if (c == null) {
            c = defineClass(name, bytes, 0, bytes.length);
        }
        return MethodHandles.privateLookupIn(c, MethodHandles.lookup());
    }
}
