package dev.jazero.cli.wast;

import dev.jazero.api.HeapType;
import dev.jazero.api.I31;
import dev.jazero.api.ThrownException;
import dev.jazero.api.WasmArray;
import dev.jazero.api.WasmStruct;
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
            if (!matches(expected.get(i), actual.types().get(i), actual.low(i), actual.high(i), actual.ref(i))) {
                String which = expected.size() == 1 ? "" : " (result " + (i + 1) + " differs)";
                return "expected " + ValueText.expected(expected) + ", got " + actual.describe() + which;
            }
        }
        return null;
    }

    /** Returns whether one value of type {@code type} matches one pattern; {@code ref} is a reference's object. */
    static boolean matches(WastResult expected, ValueType type, long low, long high, Object ref) {
        if (expected instanceof WastResult.Value v) {
            return matchesValue(v.value(), type, low, high, ref);
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
            return type.isReference() && ref != null && kindMatches(r.kind(), type, ref);
        } else if (expected instanceof WastResult.Either e) {
            return e.alternatives().stream().anyMatch(alternative -> matches(alternative, type, low, high, ref));
        }
        return false;
    }

    private static boolean matchesValue(WastValue expected, ValueType type, long low, long high, Object ref) {
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
            // (ref.null) is any null; (ref.null ht) one of the hierarchy of ht, whose name a
            // defined type's index ($t) does not say.
            String heapType = v.heapType();
            String hierarchy = heapType == null ? null : hierarchy(heapType);
            return type.isReference() && ref == null && (hierarchy == null || inHierarchy(hierarchy, type));
        } else if (expected instanceof WastValue.RefExtern v) {
            return type.isReference() && Long.valueOf(ExternRefs.toSlot(v.index())).equals(ref);
        } else if (expected instanceof WastValue.RefHost v) {
            return type.isReference() && Long.valueOf(ExternRefs.toSlot(v.index())).equals(ref);
        }
        return false;
    }

    /** The top of the hierarchy of an abstract heap type's name, or null for another name. */
    private static String hierarchy(String heapType) {
        return switch (heapType) {
            case "func", "nofunc" -> "func";
            case "extern", "noextern" -> "extern";
            case "exn", "noexn" -> "exn";
            case "any", "eq", "i31", "struct", "array", "none" -> "any";
            default -> null;
        };
    }

    /** The top of the hierarchy of a reference type to an abstract heap type; null for a defined type's. */
    private static String hierarchy(ValueType type) {
        HeapType h = type.heapType();
        return h.isAbstract() ? hierarchy(h.toString()) : null;
    }

    /** Whether a reference type is of a hierarchy; one of a defined type (which the type alone does not place) is of func's or any's. */
    private static boolean inHierarchy(String hierarchy, ValueType type) {
        String own = hierarchy(type);
        return own == null ? hierarchy.equals("func") || hierarchy.equals("any") : own.equals(hierarchy);
    }

    /** Whether a non-null reference of {@code type}, {@code ref}, is of the kind a pattern names: {@code (ref.func)}, {@code (ref.struct)}, ... */
    private static boolean kindMatches(String kind, ValueType type, Object ref) {
        return switch (kind) {
            case "i31" -> ref instanceof I31;
            case "struct" -> ref instanceof WasmStruct;
            case "array" -> ref instanceof WasmArray;
            case "eq" -> ref instanceof I31 || ref instanceof WasmStruct || ref instanceof WasmArray;
            case "exn" -> ref instanceof ThrownException;
            case "any" -> inHierarchy("any", type);
            case "func" -> inHierarchy("func", type) && !(ref instanceof WasmStruct || ref instanceof WasmArray);
            case "extern" -> inHierarchy("extern", type);
            default -> false;
        };
    }
}
