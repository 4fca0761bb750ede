package dev.jazero.internal.runtime;

/**
 * How the compiler tier's interpreter hands hot code to the compiler: functions start in the
 * interpreter, whose sampled code ({@code CodeOptions.sampled}) calls {@link #sample} now and
 * then at a function's entry or a loop's header, and a function sampled often enough is compiled,
 * a loop's call carrying on in compiled code from the loop's header (docs/compiler.md, "Tiered
 * execution").
 */
public interface TierUp {

    /**
     * Takes a sample of {@code function}, running in the interpreter with its frame at
     * {@code values[fp..sp)} (locals, then operands; references in {@code refs} at the same
     * slots) before the instruction at {@code pc}. Compiles the function once it is hot; at a
     * loop's header, may then run the rest of the call in compiled code.
     *
     * @return -1 when the interpreter goes on; else the number of result slots that the rest of
     *     the call, run compiled, left at {@code values[fp..]} (and {@code refs[fp..]})
     */
    int sample(FunctionInstance function, long[] values, Object[] refs, int fp, int sp, int pc);

    /**
     * Compiles {@code function} now, unless it is compiled already: for a call from compiled code,
     * and for a call that would pass the interpreter's depth limit (compiled code keeps its frames
     * on the thread's stack, which is then its limit, as for any compiled call). Returns whether
     * the function runs compiled.
     */
    boolean compile(FunctionInstance function);
}
