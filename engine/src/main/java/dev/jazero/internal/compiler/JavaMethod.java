package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.H_INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * A Java method that generated code calls. It is looked up when the class that holds the constant
 * initialises, so that a method renamed, removed or given other parameters fails there, once,
 * with its name, rather than when some generated class is first defined; its descriptor comes
 * from the method itself.
 *
 * @param opcode {@code INVOKESTATIC}, {@code INVOKEVIRTUAL} or {@code INVOKEINTERFACE}
 */
record JavaMethod(int opcode, String owner, String name, String descriptor) {

    /** The method {@code name(parameters)} that {@code owner} declares. */
    static JavaMethod of(Class<?> owner, String name, Class<?>... parameters) {
        Method m;
        try {
            m = owner.getDeclaredMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("generated code calls " + owner.getName() + "." + name + "("
                    + Arrays.stream(parameters).map(Class::getSimpleName).collect(Collectors.joining(", "))
                    + "), which does not exist", e);
        }
        if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isPublic(owner.getModifiers())) {
            // Compiled classes have a package and class loader of their own (CompiledLoader).
            throw new IllegalStateException("generated code calls " + owner.getName() + "." + name
                    + ", which is not public");
        }
        int opcode = Modifier.isStatic(m.getModifiers()) ? INVOKESTATIC
                : owner.isInterface() ? INVOKEINTERFACE : INVOKEVIRTUAL;
        return new JavaMethod(opcode, Type.getInternalName(owner), name, Type.getMethodDescriptor(m));
    }

    /** The method as a bootstrap method's handle, for an {@code invokedynamic}. */
    Handle handle() {
        return new Handle(H_INVOKESTATIC, owner, name, descriptor, false);
    }

    /** Emits the call; its arguments (after the receiver, for an instance method) are on the stack. */
    void call(MethodVisitor mv) {
        mv.visitMethodInsn(opcode, owner, name, descriptor, opcode == INVOKEINTERFACE);
    }
}
