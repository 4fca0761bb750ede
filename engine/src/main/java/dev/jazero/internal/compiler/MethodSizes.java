package dev.jazero.internal.compiler;

import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;

/**
 * The bytecode length of each method of a class file, which ASM does not report: HotSpot compiles
 * no method of more than 8,000 bytes by default, so generated code and the interpreter's loop are
 * measured against it.
 */
public final class MethodSizes {

    private MethodSizes() {
    }

    /** Each method's code length by name (the last of several of one name), in the class file's order. */
    public static Map<String, Integer> of(byte[] classFile) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        ClassReader reader = new ClassReader(classFile);
        char[] buffer = new char[reader.getMaxStringLength()];
        // Walk the class file to each method's Code attribute.
        int at = reader.header + 6;
        at += 2 + 2 * reader.readUnsignedShort(at);
        int fields = reader.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipMember(reader, at);
        }
        int methods = reader.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methods; i++) {
            String name = reader.readUTF8(at + 2, buffer);
            int attributes = reader.readUnsignedShort(at + 6);
            int attribute = at + 8;
            for (int a = 0; a < attributes; a++) {
                int length = reader.readInt(attribute + 2);
                if (reader.readUTF8(attribute, buffer).equals("Code")) {
                    sizes.put(name, reader.readInt(attribute + 10));
                }
                attribute += 6 + length;
            }
            at = attribute;
        }
        return sizes;
    }

    private static int skipMember(ClassReader reader, int at) {
        int attributes = reader.readUnsignedShort(at + 6);
        at += 8;
        for (int a = 0; a < attributes; a++) {
            at += 6 + reader.readInt(at + 2);
        }
        return at;
    }
}
