package dev.jazero.api;

import java.util.List;

/**
 * A tag of an instantiated module: what a WebAssembly exception is an exception of, and the
 * types of the values it carries. A tag is one object however many modules import and export
 * it; a {@code catch} matches an exception by the identity of its tag.
 *
 * <p>Jazero implements this interface; applications use it and do not implement it, so that later
 * versions can add methods (docs/architecture.md, "Why the API interfaces are not sealed").
 */
public interface Tag {

    /** The types of the values an exception of this tag carries, in order. */
    List<ValueType> paramTypes();
}
