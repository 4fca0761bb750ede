package dev.jazero.internal.ir;

/**
 * What code a runtime's configuration asks both tiers to add to every function: checks for
 * cancellation, calls to function listeners, and the replacement of NaN results by the canonical
 * NaN. Off, they cost nothing, since no code is made.
 *
 * @param cancellable check for cancellation at function entry and loop headers
 * @param listening call the function's listener on entry, return and abort
 * @param canonicalNaNs after each instruction that {@link ArithmeticNaNs} lists, replace a NaN
 *     result by the canonical NaN
 */
public record CodeOptions(boolean cancellable, boolean listening, boolean canonicalNaNs) {

    /** None of them. */
    public static final CodeOptions NONE = new CodeOptions(false, false, false);
}
