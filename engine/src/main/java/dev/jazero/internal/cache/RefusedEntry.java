package dev.jazero.internal.cache;

/** Why a cache file was not used: it is then ignored, and replaced once compiled again. */
public final class RefusedEntry extends Exception {

    private static final long serialVersionUID = 1L;

    public RefusedEntry(String reason) {
        super(reason, null, false, false);
    }
}
