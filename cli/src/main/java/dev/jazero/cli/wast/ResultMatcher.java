package dev.jazero.cli.wast;

import dev.jazero.api.HeapType;
import dev.jazero.api.ValueType;
import dev.jazero.internal.text.WastResult;
import dev.jazero.internal.text.WastValue;
import java.util.List;

/**
 * Checks the values an action returned against the results {@code assert_return} expects,
 * bit-exactly as the reference interpreter does: integers and floats by their bits (so
 * {@code -0.0} differs from {@code 0.0} and NaN payloads count), NaN patterns by their quiet bit,
 * vectors lane by lane in the expected shape, references by nullness or identity.
 */
final class ResultMatcher {

    private ResultMatcher() {
    }

    /** Returns null when {@code actual} matches {@code expected}, else why not. */
    static String mismatch(List<WastResult> expected, Values actual) {
        if (expected.size() != actual.size()) {
            return "expected " + expected.size() + " result" + (expected.size() == 1 ? "" : "s") + " "
                    + ValueText.expected(expected) + ", got " + actual.size() + ": " + actual.describe();
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!matches(expected.get(i), actual.types().get(i), actual.low(i), actual.high(i))) {
                String which = expected.size() == 1 ? "" : " (result " + (i + 1) + " differs)";
                return "expected " + ValueText.expected(expected) + ", got " + actual.describe() + which;
            }
        }
        return null;
    }

    /** Returns whether one value of type {@code type} matches one pattern. */
    static boolean matches(WastResult expected, ValueType type, long low, long high) {
        if (expected instanceof WastResult.Value v) {
            return matchesValue(v.value(), type, low, high);
        } else if (expected instanceof WastResult.NaN n) {
            if (n.f64()) {
                return type == ValueType.F64 && (n.kind() == WastResult.NanKind.CANONICAL
                        ? FloatPatterns.isCanonicalNan64(low) : FloatPatterns.isArithmeticNan64(low));
            }
            return type == ValueType.F32 && (n.kind() == WastResult.NanKind.CANONICAL
                    ? FloatPatterns.isCanonicalNan32((int) low) : FloatPatterns.isArithmeticNan32((int) low));
        } else if (expected instanceof WastResult.V128 v) {
            return type == ValueType.V128 && v.matches(low, high);
        } else if (expected instanceof WastResult.NonNullRef r) {
            return low != 0 && refKindMatches(r.kind(), type);
        } else if (expected instanceof WastResult.Either e) {
            return e.alternatives().stream().anyMatch(alternative -> matches(alternative, type, low, high));
        }
        return false;
    }

    private static boolean matchesValue(WastValue expected, ValueType type, long low, long high) {
        if (expected instanceof WastValue.I32 v) {
            return type == ValueType.I32 && (int) low == v.value();
        } else if (expected instanceof WastValue.I64 v) {
            return type == ValueType.I64 && low == v.value();
        } else if (expected instanceof WastValue.F32 v) {
            return type == ValueType.F32 && (int) low == v.bits();
        } else if (expected instanceof WastValue.F64 v) {
            return type == ValueType.F64 && low == v.bits();
        } else if (expected instanceof WastValue.V128 v) {
            return type == ValueType.V128 && low == v.low() && high == v.high();
        } else if (expected instanceof WastValue.RefNull v) {
            // Only func and extern name one of our reference types; other heap types are 3.0's.
            String heapType = v.heapType();
            boolean typed = "func".equals(heapType) || "extern".equals(heapType);
            return type.isReference() && low == 0 && (!typed || refKindMatches(heapType, type));
        } else if (expected instanceof WastValue.RefExtern v) {
            return type.isReference() && type.heapType() == HeapType.EXTERN && low == ExternRefs.toSlot(v.index());
        }
        // (ref.host n) belongs to WebAssembly 3.0 scripts, which this runner does not support.
        return false;
    }

    /** Whether a reference of {@code type} belongs to the hierarchy of heap type {@code kind}. */
    private static boolean refKindMatches(String kind, ValueType type) {
        HeapType h = type.heapType();
        return switch (kind) {
            case "func" -> h == HeapType.FUNC || h == HeapType.NOFUNC || !h.isAbstract();
            case "extern" -> h == HeapType.EXTERN || h == HeapType.NOEXTERN;
            default -> false;
        };
    }
}
