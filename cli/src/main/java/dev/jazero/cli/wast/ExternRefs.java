package dev.jazero.cli.wast;

/**
 * The mapping between the scripts' host references and the host ABI: the script's
 * {@code (ref.extern N)} is the slot value {@code N + 1}, because the slot value 0 is the null
 * reference. The same mapping applies to arguments and to expected results.
 */
final class ExternRefs {

    private ExternRefs() {
    }

    /** Returns the slot value of the script's {@code (ref.extern n)}. */
    static long toSlot(long scriptValue) {
        return scriptValue + 1;
    }

    /** Returns the script's {@code n} for a non-null slot value. */
    static long fromSlot(long slot) {
        return slot - 1;
    }
}
