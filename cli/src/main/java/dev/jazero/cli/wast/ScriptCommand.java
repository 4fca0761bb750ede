package dev.jazero.cli.wast;

/**
 * One top-level command of a script, as {@link WastScript#commands()} lists them, before it runs.
 *
 * @param fileName the script's file name
 * @param line the command's 1-based line
 * @param index the command's position in the script, from 0
 * @param description a short description, such as {@code assert_trap "div_s"}
 */
public record ScriptCommand(String fileName, int line, int index, String description) {

    /** Returns {@code FILE.wast:LINE}. */
    public String location() {
        return fileName + ":" + line;
    }
}
