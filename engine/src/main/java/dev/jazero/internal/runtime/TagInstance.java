package dev.jazero.internal.runtime;

/**
 * A tag: what an exception is an exception of. A tag is one object however many modules import
 * and export it, so that catching matches a thrown exception by the identity of its tag, not by
 * its index or type.
 */
public final class TagInstance {

    /** The runtime-wide number of its type (whose parameters an exception of it carries), for import matching. */
    public final int typeId;

    public TagInstance(int typeId) {
        this.typeId = typeId;
    }
}
