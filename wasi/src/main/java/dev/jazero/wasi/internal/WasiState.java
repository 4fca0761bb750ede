package dev.jazero.wasi.internal;

import dev.jazero.ModuleConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What one guest sees of WASI, made from its {@link ModuleConfig} on its first call: its
 * descriptors, arguments and environment (as the UTF-8 bytes {@code args_get} and
 * {@code environ_get} write), clocks and random source, and a {@link Scratch} buffer for its I/O.
 */
final class WasiState {

    final ModuleConfig config;
    final FdTable fds;
    /** The arguments, each as UTF-8 bytes. */
    final byte[][] args;
    /** The environment, each variable as the UTF-8 bytes of {@code KEY=VALUE}. */
    final byte[][] env;
    final Scratch scratch = new Scratch();
    private long fakeWalltime = ModuleConfig.FAKE_EPOCH_NANOS;
    private long fakeNanotime;
    private final InputStream random;

    WasiState(ModuleConfig config) {
        this.config = config;
        this.random = config.randSource() != null ? config.randSource() : seeded();
        this.fds = new FdTable(config);
        List<String> argList = config.args();
        args = new byte[argList.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = argList.get(i).getBytes(StandardCharsets.UTF_8);
        }
        env = new byte[config.env().size()][];
        int i = 0;
        for (Map.Entry<String, String> e : config.env().entrySet()) {
            env[i++] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The default random source: deterministic, seeded with a constant. */
    private static InputStream seeded() {
        SplittableRandom r = new SplittableRandom(42);
        return new InputStream() {
            @Override
            public int read() {
                return r.nextInt(256);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) r.nextInt(256);
                }
                return len;
            }
        };
    }

    long walltime() {
        if (config.walltime() != null) {
            return config.walltime().walltime();
        }
        fakeWalltime += 1_000_000L;
        return fakeWalltime;
    }

    long nanotime() {
        if (config.nanotime() != null) {
            return config.nanotime().nanotime();
        }
        fakeNanotime += 1_000_000L;
        return fakeNanotime;
    }

    void nanosleep(long nanos) {
        if (config.nanosleep() != null) {
            config.nanosleep().nanosleep(nanos);
        }
    }

    void osyield() {
        if (config.osyield() != null) {
            config.osyield().osyield();
        }
    }

    /** Fills {@code buf[off, off + len)} from the random source. */
    void random(byte[] buf, int off, int len) throws IOException {
        int end = off + len;
        while (off < end) {
            int n = random.read(buf, off, end - off);
            if (n < 0) {
                throw new IOException("random source ended");
            }
            off += n;
        }
    }

    /** The entry of {@code fd}; {@code EBADF} when it is not open. */
    Entry entry(int fd) {
        return fds.entry(fd);
    }
}
