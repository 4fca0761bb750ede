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
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes values and result patterns the way scripts write them, such as {@code (i32.const -1)}
 * or {@code (f32.const nan:0x200000)}, for failure messages. Floats show their exact value (hex
 * when not a short decimal) so that a one-bit difference is visible.
 */
final class ValueText {

    private ValueText() {
    }

    /** Formats an actual value of the given type; {@code ref} is a reference's object. */
    static String actual(ValueType type, long low, long high, Object ref) {
        return switch (type.kind()) {
            case I32 -> "(i32.const " + (int) low + ")";
            case I64 -> "(i64.const " + low + ")";
            case F32 -> "(f32.const " + f32((int) low) + ")";
            case F64 -> "(f64.const " + f64(low) + ")";
            case V128 -> "(v128.const i32x4 " + hex32((int) low) + " " + hex32((int) (low >>> 32)) + " "
                    + hex32((int) high) + " " + hex32((int) (high >>> 32)) + ")";
            case REF -> reference(type, ref);
        };
    }

    private static String reference(ValueType type, Object ref) {
        if (ref == null) {
            return "(ref.null " + type.heapType() + ")";
        } else if (ref instanceof Long host) {
            return "(ref." + (type.heapType() == HeapType.EXTERN ? "extern " : "host ") + ExternRefs.fromSlot(host) + ")";
        } else if (ref instanceof I31 i) {
            return "(ref.i31 " + i.value() + ")";
        } else if (ref instanceof WasmStruct) {
            return "(ref.struct)";
        } else if (ref instanceof WasmArray) {
            return "(ref.array)";
        } else if (ref instanceof ThrownException) {
            return "(ref.exn)";
        }
        return "(ref." + (type.heapType().isAbstract() ? type.heapType() : "func") + " " + ref + ")";
    }

    /** Formats a script value (an argument or an exact expected value). */
    static String value(WastValue value) {
        if (value instanceof WastValue.I32 v) {
            return "(i32.const " + v.value() + ")";
        } else if (value instanceof WastValue.I64 v) {
            return "(i64.const " + v.value() + ")";
        } else if (value instanceof WastValue.F32 v) {
            return "(f32.const " + f32(v.bits()) + ")";
        } else if (value instanceof WastValue.F64 v) {
            return "(f64.const " + f64(v.bits()) + ")";
        } else if (value instanceof WastValue.V128 v) {
            return actual(ValueType.V128, v.low(), v.high(), null);
        } else if (value instanceof WastValue.RefNull v) {
            return v.heapType() == null ? "(ref.null)" : "(ref.null " + v.heapType() + ")";
        } else if (value instanceof WastValue.RefExtern v) {
            return "(ref.extern " + v.index() + ")";
        } else if (value instanceof WastValue.RefHost v) {
            return "(ref.host " + v.index() + ")";
        }
        return String.valueOf(value);
    }

    /** Formats an expected result pattern. */
    static String expected(WastResult result) {
        if (result instanceof WastResult.Value v) {
            return value(v.value());
        } else if (result instanceof WastResult.NaN n) {
            return "(" + (n.f64() ? "f64" : "f32") + ".const nan:" + n.kind().name().toLowerCase(Locale.ROOT) + ")";
        } else if (result instanceof WastResult.NonNullRef r) {
            return "(ref." + r.kind() + ")";
        } else if (result instanceof WastResult.Either e) {
            return e.alternatives().stream().map(ValueText::expected).collect(Collectors.joining(" ", "(either ", ")"));
        } else if (result instanceof WastResult.V128 v) {
            StringBuilder text = new StringBuilder("(v128.const ").append(v.shape().name().toLowerCase(Locale.ROOT));
            for (int i = 0; i < v.shape().lanes; i++) {
                text.append(' ');
                if (v.nans()[i] != null) {
                    text.append("nan:").append(v.nans()[i].name().toLowerCase(Locale.ROOT));
                } else if (v.shape() == WastResult.Shape.F32X4) {
                    text.append(f32((int) v.lanes()[i]));
                } else if (v.shape() == WastResult.Shape.F64X2) {
                    text.append(f64(v.lanes()[i]));
                } else {
                    text.append("0x").append(Long.toHexString(v.lanes()[i]));
                }
            }
            return text.append(')').toString();
        }
        return String.valueOf(result);
    }

    /** Formats a list of expected results, or {@code nothing}. */
    static String expected(List<WastResult> results) {
        return results.isEmpty() ? "nothing" : results.stream().map(ValueText::expected).collect(Collectors.joining(" "));
    }

    /** Formats f32 bits: a decimal that reads back to the same bits, or the NaN payload. */
    static String f32(int bits) {
        float value = Float.intBitsToFloat(bits);
        if (Float.isNaN(value)) {
            return (bits < 0 ? "-" : "") + "nan:0x" + Integer.toHexString(bits & 0x7F_FFFF);
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Float.toString(value) + " (0x" + Integer.toHexString(bits) + ")";
    }

    /** Formats f64 bits likewise. */
    static String f64(long bits) {
        double value = Double.longBitsToDouble(bits);
        if (Double.isNaN(value)) {
            return (bits < 0 ? "-" : "") + "nan:0x" + Long.toHexString(bits & 0xF_FFFF_FFFF_FFFFL);
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value) + " (0x" + Long.toHexString(bits) + ")";
    }

    private static String hex32(int value) {
        return "0x" + String.format("%08x", value);
    }
}
