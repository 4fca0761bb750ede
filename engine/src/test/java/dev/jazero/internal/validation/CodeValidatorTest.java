package dev.jazero.internal.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.Runtime;
import dev.jazero.api.InvalidModuleException;
import org.junit.jupiter.api.Test;

/** Typing rules at their edges, through the public compile path. */
class CodeValidatorTest {

    private static void valid(String wat) {
        try (Runtime runtime = Runtime.create()) {
            assertDoesNotThrow(() -> runtime.compileModule(wat), wat);
        }
    }

    private static String invalid(String wat) {
        try (Runtime runtime = Runtime.create()) {
            return assertThrows(InvalidModuleException.class, () -> runtime.compileModule(wat), wat).getMessage();
        }
    }

    @Test
    void codeAfterUnreachableIsStackPolymorphic() {
        valid("(module (func (result i32) unreachable i32.add))");
        valid("(module (func (result i32) (block (result i32) (br 0 (unreachable))) ))");
        valid("(module (func unreachable select drop))");
        // Unknown types stay unknown across br_table targets of different value types.
        valid("(module (func (block (result f32) (block (result i32) unreachable (br_table 0 1 1)) drop (f32.const 0)) drop))");
    }

    @Test
    void polymorphismEndsWithTheBlock() {
        invalid("(module (func (result i32) (block unreachable) i32.add))");
    }

    @Test
    void aNewBlockInUnreachableCodeIsNotPolymorphic() {
        invalid("(module (func unreachable (block (i32.add) drop)))");
    }

    @Test
    void branchesCheckTheirLabelTypes() {
        assertTrue(invalid("(module (func (result i32) (block (result i32) (br 0 (i64.const 1)))))").contains("type mismatch"));
        invalid("(module (func (br 1)))");
        invalid("(module (func (block (result i32) (block (result i64) (i32.const 0) (br_table 0 1)))))");
    }

    @Test
    void multiValueBlocksTakeParameters() {
        valid("(module (type $t (func (param i32 i32) (result i32 i32)))"
                + " (func (result i32 i32) (i32.const 1) (i32.const 2) (block (type $t) (param i32 i32) (result i32 i32))))");
        // An if without else must leave its parameters as its results.
        invalid("(module (func (param i32) (result i64) (local.get 0) (if (param i32) (result i64) (i32.const 1) (then))))");
    }

    @Test
    void selectWithoutTypeRejectsReferences() {
        invalid("(module (func (result funcref) (ref.null func) (ref.null func) (i32.const 1) select))");
        valid("(module (func (result funcref) (ref.null func) (ref.null func) (i32.const 1) (select (result funcref))))");
    }

    @Test
    void refFuncNeedsADeclaration() {
        assertTrue(invalid("(module (func $f) (func (result funcref) (ref.func $f)))").contains("undeclared function reference"));
        valid("(module (func $f) (elem declare func $f) (func (result funcref) (ref.func $f)))");
    }

    @Test
    void constantExpressionsAreChecked() {
        invalid("(module (global i32 (i32.div_u (i32.const 1) (i32.const 2))))");
        invalid("(module (global $g (mut i32) (i32.const 0)) (global i32 (global.get $g)))");
        invalid("(module (global i64 (i32.const 0)))");
    }

    @Test
    void limitsAndAlignmentAreChecked() {
        invalid("(module (memory 2 1))");
        invalid("(module (memory 65537))");
        invalid("(module (memory 1) (func (drop (i32.load align=8 (i32.const 0)))))");
        invalid("(module (func (drop (i32.load (i32.const 0)))))");
    }
}
