package dev.jazero.internal.compiler;

import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.PUTSTATIC;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * A Java field that generated code reads, looked up when the class that holds the constant
 * initialises (see {@link JavaMethod}).
 */
record JavaField(int opcode, String owner, String name, String descriptor) {

    /** The field {@code name} that {@code owner} declares. */
    static JavaField of(Class<?> owner, String name) {
        Field f;
        try {
            f = owner.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("generated code reads " + owner.getName() + "." + name
                    + ", which does not exist", e);
        }
        if (!Modifier.isPublic(f.getModifiers()) || !Modifier.isPublic(owner.getModifiers())) {
            // Compiled classes have a package and class loader of their own (CompiledLoader).
            throw new IllegalStateException("generated code reads " + owner.getName() + "." + name
                    + ", which is not public");
        }
        return new JavaField(Modifier.isStatic(f.getModifiers()) ? GETSTATIC : GETFIELD, Type.getInternalName(owner),
                name, Type.getDescriptor(f.getType()));
    }

    /** Emits the read; the object whose field it is, for an instance field, is on the stack. */
    void get(MethodVisitor mv) {
        mv.visitFieldInsn(opcode, owner, name, descriptor);
    }

    /** Emits the write of the value on top; the object whose field it is, for an instance field, under it. */
    void put(MethodVisitor mv) {
        mv.visitFieldInsn(opcode == GETSTATIC ? PUTSTATIC : PUTFIELD, owner, name, descriptor);
    }
}
