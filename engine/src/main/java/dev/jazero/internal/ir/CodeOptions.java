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
 * @param sampled internal code only: a cancellation check at function entry and at every loop
 *     header (none at branches), where the compiler tier's interpreter also samples which
 *     functions are hot, and a final {@code RETURN} after the function's code, where a call whose
 *     rest ran compiled returns (docs/compiler.md, "Tiered execution")
 */
public record CodeOptions(boolean cancellable, boolean listening, boolean canonicalNaNs, boolean sampled) {

    /** None of them. */
    public static final CodeOptions NONE = new CodeOptions(false, false, false);

    /** The options a configuration asks for, unsampled. */
    public CodeOptions(boolean cancellable, boolean listening, boolean canonicalNaNs) {
        this(cancellable, listening, canonicalNaNs, false);
    }

    /** These options, sampled. */
    public CodeOptions sampling() {
        return new CodeOptions(cancellable, listening, canonicalNaNs, true);
    }
}
