package dev.jazero.internal.text;

import java.util.List;

/**
 * {@code (invoke $module? "name" arg*)} or {@code (get $module? "name")}.
 *
 * @param kind invoke a function or read a global
 * @param module the script name of the target module ({@code "$M"}), or null for the most
 *     recently defined one
 * @param name the export name
 * @param args the arguments of an invoke (empty for get)
 */
public record WastAction(Kind kind, String module, String name, List<WastValue> args) {

    /** The two kinds of action. */
    public enum Kind { INVOKE, GET }
}
