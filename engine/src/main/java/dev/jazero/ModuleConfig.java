package dev.jazero;

import dev.jazero.sys.Nanosleep;
import dev.jazero.sys.Nanotime;
import dev.jazero.sys.Osyield;
import dev.jazero.sys.Walltime;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one instance of a module is made: its name, the exports called after instantiation, and
 * what a system interface such as WASI shows it (arguments, environment, standard streams,
 * clocks, randomness and file system). Immutable: each {@code withX} method returns a changed
 * copy. Like wazero's {@code ModuleConfig}.
 *
 * <p>The defaults are deterministic and isolated, as in wazero: no arguments or environment,
 * empty standard input, discarded standard output and error, fake clocks that advance 1 ms per
 * read, sleep and yield that return at once, a seeded random source, and no file system.
 */
public final class ModuleConfig {

    /** The wall time of the fake clock's first read: 2022-01-01T00:00:00Z, as in wazero. */
    public static final long FAKE_EPOCH_NANOS = 1_640_995_200_000_000_000L;

    private String name;
    private boolean nameSet;
    private List<String> startFunctions;
    private List<String> args = List.of();
    private Map<String, String> env = Map.of();
    private InputStream stdin;
    private OutputStream stdout;
    private OutputStream stderr;
    private Walltime walltime;
    private Nanotime nanotime;
    private Nanosleep nanosleep;
    private Osyield osyield;
    private InputStream randSource;
    private FSConfig fsConfig = FSConfig.defaults();
    private List<ServerSocketChannel> tcpListeners = List.of();
    private Duration instantiationTimeout;

    private ModuleConfig() {
    }

    private ModuleConfig copy() {
        ModuleConfig c = new ModuleConfig();
        c.name = name;
        c.nameSet = nameSet;
        c.startFunctions = startFunctions;
        c.args = args;
        c.env = env;
        c.stdin = stdin;
        c.stdout = stdout;
        c.stderr = stderr;
        c.walltime = walltime;
        c.nanotime = nanotime;
        c.nanosleep = nanosleep;
        c.osyield = osyield;
        c.randSource = randSource;
        c.fsConfig = fsConfig;
        c.tcpListeners = tcpListeners;
        c.instantiationTimeout = instantiationTimeout;
        return c;
    }

    /**
     * Returns the default configuration: the module's own name (from its name section), the
     * start function {@code _start} (called when the module exports it), and the isolated
     * system described above.
     */
    public static ModuleConfig defaults() {
        ModuleConfig c = new ModuleConfig();
        c.startFunctions = List.of("_start");
        return c;
    }

    /**
     * Returns a copy that names the instance; {@code null} makes it anonymous, so that several
     * instances of one module can live in a runtime. Other modules import from it by this name.
     */
    public ModuleConfig withName(String name) {
        ModuleConfig c = copy();
        c.name = name;
        c.nameSet = true;
        return c;
    }

    /**
     * Returns a copy that calls these exports, in order, after instantiation (and after the
     * module's start section); an export that is missing is skipped. None at all disables it.
     * A start function that exits with code 0 ends instantiation normally (the module is then
     * closed); another code throws {@link dev.jazero.sys.ExitException}.
     */
    public ModuleConfig withStartFunctions(String... names) {
        ModuleConfig c = copy();
        c.startFunctions = List.of(names);
        return c;
    }

    /** Returns a copy with these program arguments; the first is by convention the program name. */
    public ModuleConfig withArgs(String... args) {
        ModuleConfig c = copy();
        c.args = List.of(args);
        return c;
    }

    /** Returns a copy with an environment variable added (or replaced). */
    public ModuleConfig withEnv(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable " + key + "=" + value);
        }
        Map<String, String> m = new LinkedHashMap<>(env);
        m.put(key, value);
        ModuleConfig c = copy();
        c.env = Collections.unmodifiableMap(m);
        return c;
    }

    /** Returns a copy that reads standard input from this stream ({@code null}: empty input). */
    public ModuleConfig withStdin(InputStream stdin) {
        ModuleConfig c = copy();
        c.stdin = stdin;
        return c;
    }

    /** Returns a copy that writes standard output to this stream ({@code null}: discarded). */
    public ModuleConfig withStdout(OutputStream stdout) {
        ModuleConfig c = copy();
        c.stdout = stdout;
        return c;
    }

    /** Returns a copy that writes standard error to this stream ({@code null}: discarded). */
    public ModuleConfig withStderr(OutputStream stderr) {
        ModuleConfig c = copy();
        c.stderr = stderr;
        return c;
    }

    /** Returns a copy with this wall clock ({@code null}: the fake one). */
    public ModuleConfig withWalltime(Walltime walltime) {
        ModuleConfig c = copy();
        c.walltime = walltime;
        return c;
    }

    /** Returns a copy that reads the host's real wall clock. */
    public ModuleConfig withSysWalltime() {
        return withWalltime(() -> {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        });
    }

    /** Returns a copy with this monotonic clock ({@code null}: the fake one). */
    public ModuleConfig withNanotime(Nanotime nanotime) {
        ModuleConfig c = copy();
        c.nanotime = nanotime;
        return c;
    }

    /** Returns a copy that reads the host's real monotonic clock ({@link System#nanoTime()}). */
    public ModuleConfig withSysNanotime() {
        return withNanotime(System::nanoTime);
    }

    /** Returns a copy with this sleep ({@code null}: returns at once). */
    public ModuleConfig withNanosleep(Nanosleep nanosleep) {
        ModuleConfig c = copy();
        c.nanosleep = nanosleep;
        return c;
    }

    /** Returns a copy that really sleeps. */
    public ModuleConfig withSysNanosleep() {
        return withNanosleep(nanos -> {
            if (nanos > 0) {
                try {
                    Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** Returns a copy with this yield ({@code null}: returns at once). */
    public ModuleConfig withOsyield(Osyield osyield) {
        ModuleConfig c = copy();
        c.osyield = osyield;
        return c;
    }

    /**
     * Returns a copy that reads random bytes from this stream ({@code null}: a deterministic,
     * seeded source); {@code new java.security.SecureRandom()} wrapped in a stream gives real ones.
     */
    public ModuleConfig withRandSource(InputStream randSource) {
        ModuleConfig c = copy();
        c.randSource = randSource;
        return c;
    }

    /** Returns a copy with this file system configuration. */
    public ModuleConfig withFSConfig(FSConfig fsConfig) {
        ModuleConfig c = copy();
        c.fsConfig = Objects.requireNonNull(fsConfig, "fsConfig");
        return c;
    }

    /**
     * Returns a copy that pre-opens a listening TCP socket for the guest, after the mounts (like
     * wazero's {@code sock.WithTCPListener}): WASI's {@code sock_accept} takes connections from
     * it. The caller binds the channel and closes it.
     */
    public ModuleConfig withTCPListener(ServerSocketChannel listener) {
        Objects.requireNonNull(listener, "listener");
        java.util.ArrayList<ServerSocketChannel> l = new java.util.ArrayList<>(tcpListeners);
        l.add(listener);
        ModuleConfig c = copy();
        c.tcpListeners = List.copyOf(l);
        return c;
    }

    /**
     * Returns a copy that limits the time instantiation may take: from the initialisation of
     * tables and memories on, the module's start function and the start functions
     * ({@link #withStartFunctions}) run until it passes, then the module is closed and
     * {@code instantiate} throws {@link dev.jazero.sys.ExitException} with
     * {@link dev.jazero.sys.ExitException#DEADLINE_EXCEEDED}. {@code null} means no limit (the
     * default). Like a call's timeout, it needs {@link RuntimeConfig#withCloseOnCancel}{@code (true)}
     * ({@code instantiate} throws {@link IllegalStateException} without it), with which an
     * interrupt of the instantiating thread and closing the runtime stop them as well.
     */
    public ModuleConfig withInstantiationTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        ModuleConfig c = copy();
        c.instantiationTimeout = timeout;
        return c;
    }

    /** Returns the limit on the time instantiation may take, or {@code null} for none. */
    public Duration instantiationTimeout() {
        return instantiationTimeout;
    }

    /** Returns the pre-opened TCP listeners, in order. */
    public List<ServerSocketChannel> tcpListeners() {
        return tcpListeners;
    }

    /** Returns the instance name, or {@code null}. */
    public String name() {
        return name;
    }

    /** Returns true when {@link #withName} chose the name, rather than the module. */
    public boolean isNameSet() {
        return nameSet;
    }

    /** Returns the start functions. */
    public List<String> startFunctions() {
        return startFunctions;
    }

    /** Returns the program arguments. */
    public List<String> args() {
        return args;
    }

    /** Returns the environment variables, in the order they were added. */
    public Map<String, String> env() {
        return env;
    }

    /** Returns standard input, or {@code null} for empty input. */
    public InputStream stdin() {
        return stdin;
    }

    /** Returns standard output, or {@code null} when discarded. */
    public OutputStream stdout() {
        return stdout;
    }

    /** Returns standard error, or {@code null} when discarded. */
    public OutputStream stderr() {
        return stderr;
    }

    /** Returns the wall clock, or {@code null} for the fake one. */
    public Walltime walltime() {
        return walltime;
    }

    /** Returns the monotonic clock, or {@code null} for the fake one. */
    public Nanotime nanotime() {
        return nanotime;
    }

    /** Returns the sleep, or {@code null} for none. */
    public Nanosleep nanosleep() {
        return nanosleep;
    }

    /** Returns the yield, or {@code null} for none. */
    public Osyield osyield() {
        return osyield;
    }

    /** Returns the random source, or {@code null} for the deterministic one. */
    public InputStream randSource() {
        return randSource;
    }

    /** Returns the file system configuration. */
    public FSConfig fsConfig() {
        return fsConfig;
    }

}
