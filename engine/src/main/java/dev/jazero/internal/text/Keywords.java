package dev.jazero.internal.text;

import java.util.Set;

/**
 * The words of the text and script formats. A word outside this set where the grammar expects
 * one is an "unknown operator" (like a misspelt instruction) rather than a misplaced token.
 */
final class Keywords {

    private Keywords() {}

    private static final Set<String> STRUCTURAL = Set.of(
            "module", "type", "func", "param", "result", "local", "import", "export", "table",
            "memory", "global", "elem", "data", "start", "offset", "item", "declare", "mut", "rec", "field", "sub", "final", "tag",
            "funcref", "externref", "anyref", "eqref", "i31ref", "structref", "arrayref",
            "nullref", "nullfuncref", "nullexternref", "exnref", "nullexnref",
            "ref", "null", "extern", "any", "eq", "i31", "struct", "array", "none", "nofunc",
            "noextern", "exn", "noexn",
            "i32", "i64", "f32", "f64", "v128", "i8", "i16",
            "then", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
            "binary", "quote", "definition", "instance", "register", "invoke", "get", "either",
            "assert_return", "assert_trap", "assert_exhaustion", "assert_malformed",
            "assert_invalid", "assert_unlinkable", "assert_uninstantiable", "assert_exception",
            "nan:canonical", "nan:arithmetic", "ref.extern", "ref.host");

    /** Whether an atom is a keyword of the language or a well-formed number. */
    static boolean isKnownAtom(String text) {
        if (STRUCTURAL.contains(text) || InstructionTable.contains(text)) {
            return true;
        }
        if (text.startsWith("offset=")) {
            return NumberLiterals.isNat(text.substring(7));
        }
        if (text.startsWith("align=")) {
            return NumberLiterals.isNat(text.substring(6));
        }
        return NumberLiterals.isNumber(text);
    }
}
