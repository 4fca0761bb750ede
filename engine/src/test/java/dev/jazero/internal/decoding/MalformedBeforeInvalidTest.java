package dev.jazero.internal.decoding;

import static dev.jazero.internal.decoding.BinaryDecoderTest.HEADER;
import static dev.jazero.internal.decoding.BinaryDecoderTest.bytes;
import static dev.jazero.internal.decoding.BinaryDecoderTest.section;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Compiling reads the function bodies once, in validation, and checks their syntax only when
 * validation fails: a module with a malformed body is malformed even when an earlier body, or
 * anything else, is invalid, because the binary format is judged first.
 */
class MalformedBeforeInvalidTest {

    /** {@code i32.add} on an empty stack: invalid. */
    private static final int[] INVALID_BODY = {0, 0x6A, 0x0B};
    /** A well-formed, valid body. */
    private static final int[] VALID_BODY = {0, 0x0B};
    /** A byte after the final {@code end}: malformed. */
    private static final int[] TRAILING_BYTE = {0, 0x0B, 0x01};
    /** An opcode that does not exist: malformed. */
    private static final int[] UNKNOWN_OPCODE = {0, 0xFF, 0x0B};
    /** A block whose {@code end} is the body's last byte: the body ends before its own. */
    private static final int[] ENDS_EARLY = {0, 0x02, 0x40, 0x0B};
    /** {@code memory.init} without a data count section: malformed. */
    private static final int[] MEMORY_INIT = {0, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 8, 0, 0, 0x0B};

    /** A module of functions of type [] -> [] with these bodies, and a memory. */
    private static byte[] module(int[]... bodies) {
        return module(false, bodies);
    }

    /**
     * A module of functions of type [] -> [] with these bodies, and a memory; with
     * {@code badExport}, an export of a function that does not exist (invalid).
     */
    private static byte[] module(boolean badExport, int[]... bodies) {
        int[] functions = new int[1 + bodies.length];
        functions[0] = bodies.length;
        // The count, then each body as its size and its bytes.
        int[] code = IntStream.concat(IntStream.of(bodies.length),
                Arrays.stream(bodies).flatMapToInt(body -> IntStream.concat(IntStream.of(body.length), Arrays.stream(body))))
                .toArray();
        return bytes(HEADER, section(1, 1, 0x60, 0, 0), section(3, functions), section(5, 1, 0, 1),
                badExport ? section(7, 1, 1, 'f', 0, 100) : new byte[0], section(10, code));
    }

    private static String compileError(Class<? extends RuntimeException> expected, byte[] module) {
        try (Runtime runtime = Runtime.create()) {
            return assertThrows(expected, () -> runtime.compileModule(module)).getMessage();
        }
    }

    @Test
    void aMalformedBodyAfterAnInvalidOneMakesTheModuleMalformed() {
        String message = compileError(MalformedModuleException.class, module(INVALID_BODY, TRAILING_BYTE));
        assertTrue(message.contains("bytes after the function's final end"), message);
        assertTrue(message.contains("code of function 1"), message);
        message = compileError(MalformedModuleException.class, module(INVALID_BODY, UNKNOWN_OPCODE));
        assertTrue(message.contains("code of function 1"), message);
    }

    @Test
    void aMalformedBodyMakesAModuleWithAnInvalidExportMalformed() {
        String message = compileError(MalformedModuleException.class, module(true, VALID_BODY, TRAILING_BYTE));
        assertTrue(message.contains("code of function 1"), message);
        compileError(InvalidModuleException.class, module(true, VALID_BODY, VALID_BODY));
    }

    @Test
    void eachSyntaxRuleOfABodyIsCheckedWithoutAnotherBodyToFail() {
        compileError(MalformedModuleException.class, module(ENDS_EARLY));
        compileError(MalformedModuleException.class, module(TRAILING_BYTE));
        compileError(MalformedModuleException.class, module(UNKNOWN_OPCODE));
        String message = compileError(MalformedModuleException.class, module(VALID_BODY, MEMORY_INIT));
        assertTrue(message.contains("data count section required"), message);
    }

    /**
     * {@code array.new_data} names a data segment too, so without a data count section it is
     * malformed, as {@code memory.init} is: a module of an array type, a function that makes an
     * array from data segment 0, and that passive segment, with a data count section or without.
     */
    @Test
    void anArrayFromADataSegmentNeedsTheDataCountSection() {
        String message = compileError(MalformedModuleException.class, arrayFromData(false));
        assertTrue(message.contains("data count section required"), message);
        try (Runtime runtime = Runtime.create()) {
            assertDoesNotThrow(() -> runtime.compileModule(arrayFromData(true)));
        }
    }

    private static byte[] arrayFromData(boolean dataCount) {
        return bytes(HEADER, section(1, 2, 0x5E, 0x7F, 0, 0x60, 0, 0), section(3, 1, 1),
                dataCount ? section(12, 1) : new byte[0],
                section(10, 1, 11, 0, 0x41, 0, 0x41, 0, 0xFB, 9, 0, 0, 0x1A, 0x0B), section(11, 1, 1, 0));
    }

    @Test
    void anInvalidBodyAloneMakesTheModuleInvalid() {
        compileError(InvalidModuleException.class, module(VALID_BODY, INVALID_BODY));
        try (Runtime runtime = Runtime.create()) {
            assertDoesNotThrow(() -> runtime.compileModule(module(VALID_BODY, VALID_BODY)));
        }
    }
}
