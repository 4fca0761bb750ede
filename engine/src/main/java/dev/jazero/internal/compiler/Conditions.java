package dev.jazero.internal.compiler;

/**
 * A comparison's 0 or 1, for the comparisons whose result is kept as a value rather than branched
 * on. One method per JVM jump that the comparison ends in ({@link NumericEmitter#emitCondition}):
 * generated code calls these instead of making the 0 or 1 with a jump of its own.
 *
 * <p>Why a call: HotSpot's C2 rotates a loop whose first block ends in the loop's exit test, by
 * cloning that block, and a jump inside the block splits it so that the loop no longer has that
 * shape. A called method's jumps are its own, so the caller's blocks stay whole; C2 inlines these
 * methods everywhere (they are a few bytes) and then either branches on the comparison directly
 * or uses a conditional move. Recursive {@code fib}, whose loop keeps {@code n > 3} in a local
 * until its end, ran about 20% faster for it.
 */
public final class Conditions {

    private Conditions() {
    }

    public static int eqz(int a) {
        return a == 0 ? 1 : 0;
    }

    public static int nez(int a) {
        return a != 0 ? 1 : 0;
    }

    public static int ltz(int a) {
        return a < 0 ? 1 : 0;
    }

    public static int gtz(int a) {
        return a > 0 ? 1 : 0;
    }

    public static int lez(int a) {
        return a <= 0 ? 1 : 0;
    }

    public static int gez(int a) {
        return a >= 0 ? 1 : 0;
    }

    public static int eq(int a, int b) {
        return a == b ? 1 : 0;
    }

    public static int ne(int a, int b) {
        return a != b ? 1 : 0;
    }

    public static int lt(int a, int b) {
        return a < b ? 1 : 0;
    }

    public static int gt(int a, int b) {
        return a > b ? 1 : 0;
    }

    public static int le(int a, int b) {
        return a <= b ? 1 : 0;
    }

    public static int ge(int a, int b) {
        return a >= b ? 1 : 0;
    }
}
