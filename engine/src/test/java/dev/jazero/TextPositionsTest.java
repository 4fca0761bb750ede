package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A module in the text format: its errors and its traps' stack traces give line and column. */
class TextPositionsTest {

    private static final String DIVIDE = """
            (module
              (func $inner (param i32) (result i32)
                (i32.div_u (i32.const 1) (local.get 0)))
              (func (export "outer") (param i32) (result i32)
                local.get 0
                call $inner))
            """;

    @InBothTiers
    void trapFramesGiveTheLineAndColumnOfTheirInstruction(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(DIVIDE, "divide.wat"));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("outer").call(0));
            List<String> lines = e.getMessage().lines().toList();
            assertTrue(lines.get(2).startsWith("\tinner(i32) i32, offset 0x"), e.getMessage());
            assertEquals("\t\tdivide.wat:3:6", lines.get(3), e.getMessage());
            assertTrue(lines.get(4).startsWith("\touter(i32) i32, offset 0x"), e.getMessage());
            assertEquals("\t\tdivide.wat:6:5", lines.get(5), e.getMessage());
        }
    }

    @InBothTiers
    void withoutANameThePositionIsLineAndColumn(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            for (Module m : new Module[] {runtime.instantiate(runtime.compileModule(DIVIDE)),
                runtime.instantiate(runtime.compileModule(DIVIDE.getBytes(StandardCharsets.UTF_8)))}) {
                TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("outer").call(0));
                assertTrue(e.getMessage().contains("\n\t\t3:6\n"), e.getMessage());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void validationErrorsGiveThePositionOfTheInstruction() {
        try (Runtime runtime = Runtime.create()) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> runtime.compileModule("""
                    (module
                      (func (result i32)
                        (i32.add (i32.const 1) (i64.const 2))))
                    """, "bad.wat"));
            assertTrue(e.getMessage().startsWith("type mismatch"), e.getMessage());
            assertTrue(e.getMessage().endsWith(", bad.wat:3:6)"), e.getMessage());
            MalformedModuleException m = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule("(module (func (nop) (nop)))) ", "bad.wat"));
            assertEquals("bad.wat:1:28: unexpected token (near ')')", m.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void aBinaryModuleHasNoTextPositions() {
        try (Runtime runtime = Runtime.create()) {
            byte[] binary = dev.jazero.internal.text.WatParser.parseModule(DIVIDE);
            Module m = runtime.instantiate(runtime.compileModule(binary));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("outer").call(0));
            assertEquals(4, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
