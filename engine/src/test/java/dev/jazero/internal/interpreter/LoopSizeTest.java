package dev.jazero.internal.interpreter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.internal.compiler.MethodSizes;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's main loop stays under the 8,000 bytes of bytecode that HotSpot compiles by
 * default: past them it would run in the JVM's own interpreter, many times slower.
 */
class LoopSizeTest {

    @Test
    void theLoopIsCompiledByHotSpot() throws IOException {
        byte[] classFile;
        try (InputStream in = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            classFile = in.readAllBytes();
        }
        int size = MethodSizes.of(classFile).get("execute");
        assertTrue(size <= 8000, "the loop has " + size + " bytes of bytecode");
    }
}
