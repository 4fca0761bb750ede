package dev.jazero.internal.runtime;

import dev.jazero.internal.wasm.FuncType;

/**
 * A tag: what an exception is an exception of. A tag is one object however many modules import
 * and export it, so that catching matches a thrown exception by the identity of its tag, not by
 * its index or type.
 */
public final class TagInstance {

    /** The tag's type: the parameters are the values an exception of it carries. */
    public final FuncType type;
    /** The runtime-wide number of its type, for import matching. */
    public final int typeId;

    public TagInstance(FuncType type, int typeId) {
        this.type = type;
        this.typeId = typeId;
    }
}
