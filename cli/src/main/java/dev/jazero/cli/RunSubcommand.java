package dev.jazero.cli;

import dev.jazero.CompilationCache;
import dev.jazero.CompiledModule;
import dev.jazero.FSConfig;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Module;
import dev.jazero.cli.CommandSyntax.Option;
import dev.jazero.cli.CommandSyntax.Parameter;
import dev.jazero.experimental.HostLogging;
import dev.jazero.sys.ExitException;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code jazero run [--invoke NAME] FILE [ARGS...]}: runs a WASI program (a module that imports
 * {@code wasi_snapshot_preview1}) with ARGS as its arguments, or instantiates a module and calls
 * one exported function with arguments parsed by its parameter types, printing each result on
 * its own line.
 */
final class RunSubcommand implements Subcommand {

    /** The export called when {@code --invoke} is not given, as in WASI commands. */
    static final String DEFAULT_EXPORT = "_start";

    private static final CommandSyntax SYNTAX = new CommandSyntax("jazero run",
            List.of("Runs a WASI program (a module importing wasi_snapshot_preview1, without --invoke): ARGS are its"
                    + " arguments, stdin, stdout and stderr pass through, and the exit code is the program's.",
                    "Otherwise instantiates a module (.wasm or .wat) and calls an exported function, printing each"
                    + " result on its own line.",
                    "Arguments follow the parameter types: i32/i64 decimal or 0x hex, signed or unsigned; f32/f64 as"
                    + " float text, also inf, nan, nan:0xPAYLOAD."),
            Stream.concat(TierOptions.OPTIONS.stream(), Stream.of(CacheOptions.CACHE_DIR,
                    Option.value("--invoke", "NAME", "The exported function to call (default: " + DEFAULT_EXPORT + ")."),
                    Option.value("--dir", "HOST[:GUEST][:ro]", "Mounts the host directory HOST at the guest path GUEST"
                            + " (default: HOST as written), read-only with :ro. Repeatable; the longest matching guest"
                            + " path wins.").asRepeatable(),
                    Option.value("--timeout", "DURATION", "Stops the program after DURATION (such as 500ms, 2s, 1m; a"
                            + " bare number is seconds) and exits with 124."),
                    Option.flag("--hostlogging", "Logs every call of a host function (WASI included) to stderr."),
                    Option.value("--env", "KEY=VALUE", "Sets an environment variable of the guest. Repeatable.")
                            .asRepeatable(),
                    Option.flag("--sys-walltime", "The guest reads the host's wall clock (default: a fake clock)."),
                    Option.flag("--sys-nanotime", "The guest reads the host's monotonic clock (default: a fake clock)."),
                    Option.flag("--sys-clocks", "Real time: --sys-walltime, --sys-nanotime, and sleeps (poll_oneoff)"
                            + " that really sleep."))).toList(),
            List.of(new Parameter("FILE", "The module, in the binary or the text format.", Parameter.Count.ONE),
                    new Parameter("ARGS", "The program's or the function's arguments.", Parameter.Count.ANY)),
            true);

    private String command;
    private String invoke;
    private List<String> dirs;
    private Duration timeout;
    private List<String> env;
    private boolean sysWalltime;
    private boolean sysNanotime;
    private boolean sysClocks;
    private Path file;
    private List<String> args;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public CommandSyntax syntax() {
        return SYNTAX;
    }

    @Override
    public int run(Arguments arguments, PrintWriter out, PrintWriter err) throws Exception {
        this.command = arguments.command();
        this.out = out;
        this.err = err;
        invoke = arguments.value("--invoke");
        dirs = arguments.values("--dir");
        timeout = arguments.value("--timeout", DurationConverter::parse);
        env = arguments.values("--env");
        sysWalltime = arguments.has("--sys-walltime");
        sysNanotime = arguments.has("--sys-nanotime");
        sysClocks = arguments.has("--sys-clocks");
        file = Path.of(arguments.parameters().get(0));
        args = arguments.parameters().subList(1, arguments.parameters().size());
        // A command's functions start in the interpreter and are compiled once hot: most of a short
        // program's code runs a few times, and generating it would cost more (docs/compiler.md).
        RuntimeConfig runtimeConfig = new TierOptions(arguments).runtimeConfig().withCloseOnCancel(timeout != null)
                .withTieredCompilation(true);
        if (arguments.has("--hostlogging")) {
            runtimeConfig = runtimeConfig.withFunctionListenerFactory(HostLogging.factory(line -> {
                err.println(line);
                err.flush();
            }));
        }
        // --timeout and --hostlogging change the compiled code, so they have cache entries of their own.
        try (CompilationCache cache = new CacheOptions(arguments).open();
                Runtime runtime = Runtime.create(runtimeConfig.withCompilationCache(cache));
                Worker worker = new Worker("jazero-run")) {
            return worker.call(() -> run(runtime, timeout), null);
        }
    }

    /**
     * Compiles, instantiates and runs the program; {@code limit}, when given, limits all of it
     * from here on: instantiation (start functions, {@code _start} of a WASI program) and the call.
     */
    private int run(Runtime runtime, Duration limit) {
        long startNanos = System.nanoTime();
        CompiledModule compiled = ModuleFiles.compile(runtime, file);
        WasiSnapshotPreview1.instantiate(runtime);
        // A module that imports WASI but exports no _start (a reactor) is not run as a program: the
        // call below then says which functions it exports.
        boolean wasiProgram = invoke == null && compiled.exportedFunctions().containsKey(DEFAULT_EXPORT)
                && compiled.importedFunctions().stream()
                        .anyMatch(f -> f.importedAs() != null && WasiSnapshotPreview1.MODULE_NAME.equals(f.importedAs()[0]));
        OutputStream stdout = new WriterOutputStream(out);
        OutputStream stderr = new WriterOutputStream(err);
        ModuleConfig config = wasiConfig(wasiProgram).withStdin(System.in).withStdout(stdout).withStderr(stderr);
        if (limit != null) {
            config = config.withInstantiationTimeout(remaining(limit, startNanos));
        }
        if (wasiProgram) {
            try {
                runtime.instantiate(compiled, config.withStartFunctions(DEFAULT_EXPORT));
                return 0;
            } catch (ExitException e) {
                return exitCode(e, limit);
            } finally {
                out.flush();
                err.flush();
            }
        }
        // No start functions here: the export to call is chosen below and called once.
        Module module;
        try {
            module = runtime.instantiate(compiled, config.withStartFunctions());
        } catch (ExitException e) {
            return exitCode(e, limit);
        }
        Function function = chooseFunction(module);
        FunctionDefinition definition = function.definition();
        long[] params;
        try {
            params = ArgumentParser.parse(definition.paramTypes(), args);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command, "function \"" + invokedName() + "\": " + e.getMessage());
        }
        long[] results;
        try {
            results = limit == null ? function.call(params) : function.call(remaining(limit, startNanos), params);
        } catch (ExitException e) {
            return exitCode(e, limit);
        }
        for (String value : ValueFormatter.format(definition.resultTypes(), results)) {
            out.println(value);
        }
        return 0;
    }

    /** The process's exit code for a guest's exit; a deadline is reported, and exits with 124. */
    private int exitCode(ExitException e, Duration deadline) {
        if (deadline != null && e.exitCode() == ExitException.DEADLINE_EXCEEDED) {
            err.println("jazero: " + file + " timed out after " + DurationConverter.format(timeout));
            err.flush();
            return TIMED_OUT;
        }
        return e.exitCode();
    }

    /** What is left of {@code timeout} since {@code startNanos}; zero when it has passed. */
    private static Duration remaining(Duration timeout, long startNanos) {
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The exit code of a run stopped by --timeout, as coreutils' timeout uses. */
    static final int TIMED_OUT = 124;

    /** The guest's arguments (FILE, then ARGS for a WASI program), environment, mounts and clocks. */
    private ModuleConfig wasiConfig(boolean wasiProgram) {
        List<String> argv = new ArrayList<>();
        argv.add(file.getFileName().toString());
        if (wasiProgram) {
            argv.addAll(args);
        }
        ModuleConfig config = ModuleConfig.defaults().withArgs(argv.toArray(String[]::new));
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(command,
                        "--env needs KEY=VALUE, got \"" + e + "\"");
            }
            config = config.withEnv(e.substring(0, eq), e.substring(eq + 1));
        }
        FSConfig fs = FSConfig.defaults();
        for (String d : dirs) {
            String host = d;
            boolean readOnly = false;
            if (host.endsWith(":ro")) {
                readOnly = true;
                host = host.substring(0, host.length() - 3);
            }
            String guest = host;
            int colon = host.indexOf(':');
            if (colon >= 0) {
                guest = host.substring(colon + 1);
                host = host.substring(0, colon);
            }
            if (host.isEmpty() || guest.isEmpty()) {
                throw new UsageException(command,
                        "--dir needs HOST[:GUEST][:ro], got \"" + d + "\"");
            }
            if (!java.nio.file.Files.isDirectory(Path.of(host))) {
                throw new UsageException(command,
                        "--dir " + d + ": " + host + " is not a directory");
            }
            fs = readOnly ? fs.withReadOnlyDirMount(host, guest) : fs.withDirMount(host, guest);
        }
        config = config.withFSConfig(fs);
        if (sysWalltime || sysClocks) {
            config = config.withSysWalltime();
        }
        if (sysNanotime || sysClocks) {
            config = config.withSysNanotime();
        }
        if (sysClocks) {
            config = config.withSysNanosleep().withOsyield(Thread::yield);
        }
        return config;
    }

    /** Bytes from the guest, decoded as UTF-8 onto the command's writer (state kept across writes). */
    private static final class WriterOutputStream extends OutputStream {
        private final Writer writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pending = ByteBuffer.allocate(0);

        WriterOutputStream(Writer writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
            in.put(pending).put(b, off, len).flip();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, out, false);
            pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
            writer.write(out.flip().toString());
        }

        @Override
        public void flush() throws java.io.IOException {
            writer.flush();
        }
    }

    private String invokedName() {
        return invoke != null ? invoke : DEFAULT_EXPORT;
    }

    private Function chooseFunction(Module module) {
        String name = invokedName();
        Function function = module.exportedFunction(name);
        if (function != null) {
            return function;
        }
        Map<String, FunctionDefinition> exports = module.exportedFunctionDefinitions();
        String which = invoke != null ? "no exported function \"" + name + "\""
                : "no exported function \"" + DEFAULT_EXPORT + "\" (choose one with --invoke NAME)";
        String available = exports.isEmpty() ? "it exports no functions"
                : "exported functions: " + String.join(", ", new TreeSet<>(exports.keySet()));
        throw new IllegalArgumentException(file + " has " + which + "; " + available);
    }
}
