package dev.jazero.internal.runtime;

import dev.jazero.api.Tag;
import dev.jazero.api.ValueType;
import dev.jazero.internal.wasm.FuncType;
import java.util.List;

/**
 * A tag: what an exception is an exception of. A tag is one object however many modules import
 * and export it, so that catching matches a thrown exception by the identity of its tag, not by
 * its index or type.
 */
public final class TagInstance implements Tag {

    /** The runtime-wide number of its type (whose parameters an exception of it carries), for import matching. */
    public final int typeId;
    /** Its type: an exception of it carries the parameters. */
    public final FuncType type;
    private final List<ValueType> paramTypes;

    public TagInstance(int typeId, FuncType type) {
        this.typeId = typeId;
        this.type = type;
        this.paramTypes = List.of(type.params());
    }

    @Override
    public List<ValueType> paramTypes() {
        return paramTypes;
    }
}
