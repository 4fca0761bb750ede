package dev.jazero.jsr223;

import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;

/**
 * WASI for a guest that imports {@value WasmScriptEngine#WASI_MODULE} and whose bindings do not
 * define that module: jazero-wasi, with the guest's standard streams on the context's reader,
 * writer and error writer (as UTF-8), its arguments from {@code javax.script.argv} after the
 * program name (the file name, else {@code "main.wasm"}), and the system's clocks.
 */
final class Wasi {

    private Wasi() {
    }

    static void instantiate(Runtime runtime) {
        WasiSnapshotPreview1.instantiate(runtime);
    }

    static ModuleConfig configure(ModuleConfig config, ScriptContext ctx, String fileName) {
        List<String> args = new ArrayList<>();
        args.add(fileName == null ? "main.wasm" : String.valueOf(Path.of(fileName).getFileName()));
        Object argv = ctx.getAttribute(ScriptEngine.ARGV);
        if (argv instanceof Object[] array) {
            Arrays.stream(array).map(String::valueOf).forEach(args::add);
        } else if (argv instanceof Collection<?> list) {
            list.stream().map(String::valueOf).forEach(args::add);
        } else if (argv != null) {
            args.add(argv.toString());
        }
        return config.withArgs(args.toArray(String[]::new))
                .withStdin(new ReaderInputStream(ctx.getReader()))
                .withStdout(new WriterOutputStream(ctx.getWriter()))
                .withStderr(new WriterOutputStream(ctx.getErrorWriter()))
                .withSysWalltime()
                .withSysNanotime()
                .withSysNanosleep();
    }

    /** Bytes of UTF-8 to a Writer; a character split across writes is kept until it is whole. */
    static final class WriterOutputStream extends OutputStream {
        private final Writer writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final ByteBuffer pending = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);

        WriterOutputStream(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int i = off;
            int end = off + len;
            while (i < end) {
                int n = Math.min(pending.remaining(), end - i);
                pending.put(b, i, n);
                i += n;
                decode(false);
            }
            writer.flush();
        }

        private void decode(boolean endOfInput) throws IOException {
            pending.flip();
            CoderResult r;
            do {
                r = decoder.decode(pending, chars, endOfInput);
                chars.flip();
                writer.append(chars);
                chars.clear();
            } while (r.isOverflow());
            pending.compact();
        }

        @Override
        public synchronized void flush() throws IOException {
            writer.flush();
        }
    }

    /** A Reader's characters as UTF-8 bytes. */
    static final class ReaderInputStream extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(4096);
        private final ByteBuffer bytes = ByteBuffer.allocate(16384);
        private boolean eof;

        ReaderInputStream(Reader reader) {
            this.reader = reader;
            bytes.flip();
            chars.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (eof && !chars.hasRemaining()) {
                    return -1;
                }
                if (!eof) {
                    chars.compact();
                    int n = reader == null ? -1 : reader.read(chars);
                    chars.flip();
                    if (n < 0) {
                        eof = true;
                    }
                }
                bytes.clear();
                encoder.encode(chars, bytes, eof);
                bytes.flip();
                if (eof && !bytes.hasRemaining() && !chars.hasRemaining()) {
                    return -1;
                }
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }
    }
}
