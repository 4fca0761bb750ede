package dev.jazero.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;

import dev.jazero.internal.semantics.Numerics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The Java members generated code uses are found from Java, and a missing one fails at once, by name. */
class JavaMembersTest {

    @Test
    void everyMemberIsFoundWhenTheTableInitialises() throws IllegalAccessException {
        int count = 0;
        for (Field f : JavaMembers.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                Object member = f.get(null);
                assertTrue(member instanceof JavaMethod || member instanceof JavaField, f.getName());
                count++;
            }
        }
        assertTrue(count > 100, "the table holds the members: " + count);
    }

    @Test
    void theDescriptorAndTheCallComeFromTheMethod() {
        assertEquals("(II)I", JavaMembers.I32_DIV_S.descriptor());
        assertEquals(INVOKESTATIC, JavaMembers.I32_DIV_S.opcode());
        assertEquals("(ILdev/jazero/internal/runtime/MemoryInstance;I)J", JavaMembers.LOAD_I64.descriptor());
        assertEquals(INVOKESTATIC, JavaMembers.LOAD_I64.opcode());
        assertEquals("(JJ)J", JavaMembers.LOAD64_I64.descriptor());
        assertEquals(INVOKEVIRTUAL, JavaMembers.LOAD64_I64.opcode());
        assertEquals(INVOKEINTERFACE, JavaMembers.COMPILED_CODE_CALL.opcode());
        assertEquals("[J", JavaMembers.INSTANCE_RESULTS.descriptor());
    }

    @Test
    void aRenamedMethodFailsWithItsName() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JavaMethod.of(Numerics.class, "i32DivSigned", int.class, int.class));
        assertTrue(e.getMessage().contains("dev.jazero.internal.semantics.Numerics.i32DivSigned(int, int),"), e.getMessage());
        IllegalStateException f = assertThrows(IllegalStateException.class,
                () -> JavaField.of(dev.jazero.internal.runtime.ModuleInstance.class, "result"));
        assertTrue(f.getMessage().contains("ModuleInstance.result,"), f.getMessage());
    }
}
