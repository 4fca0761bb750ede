package dev.jazero.wasi.internal;

import java.io.InputStream;
import java.io.OutputStream;

/** A standard stream: stdin (an input stream) or stdout, stderr (an output stream), as configured. */
final class StreamEntry extends Entry {
    /** The stream read from; null for an output. */
    final InputStream in;
    /** The stream written to; null for an input. */
    final OutputStream out;

    StreamEntry(InputStream in, OutputStream out) {
        super(Flags.FILETYPE_CHARACTER_DEVICE, Rights.STDIO, 0);
        this.in = in;
        this.out = out;
    }
}
