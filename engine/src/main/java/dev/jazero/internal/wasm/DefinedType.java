package dev.jazero.internal.wasm;

/**
 * A type of the type section: what it describes, and the recursive group it was defined in
 * (types of a group may refer to each other; a type defined alone is a group of one).
 *
 * @param groupStart the index of the group's first type
 * @param groupSize how many types the group has
 * @param isFinal whether no type may declare it as its supertype
 * @param supertype the index of the type it declares as its supertype, -1 for none, -2 for more
 *     than one (which is invalid)
 */
public record DefinedType(CompositeType composite, int groupStart, int groupSize, boolean isFinal, int supertype) {

    /** A final type without supertype in a group of its own at {@code index}, as 2.0's function types are. */
    public static DefinedType alone(CompositeType composite, int index) {
        return new DefinedType(composite, index, 1, true, -1);
    }

    /** The index after the group's last type: the types this one may refer to are those before it. */
    public int groupEnd() {
        return groupStart + groupSize;
    }
}
