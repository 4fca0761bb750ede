package dev.jazero.internal.ir;

/**
 * What code a runtime's configuration asks both tiers to add to every function: checks for
 * cancellation, and calls to function listeners. Off, they cost nothing, since no code is made.
 *
 * @param cancellable check for cancellation at function entry and loop headers
 * @param listening call the function's listener on entry, return and abort
 */
public record CodeOptions(boolean cancellable, boolean listening) {

    /** Neither. */
    public static final CodeOptions NONE = new CodeOptions(false, false);
}
