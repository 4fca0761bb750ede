package dev.jazero.benchmarks;

import dev.jazero.CompiledModule;
import dev.jazero.HostModuleBuilder;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Function;
import dev.jazero.api.FunctionDefinition;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a Ruby script on CRuby for WASI, the {@code ruby.wasm} of the npm package
 * {@code @ruby/3.4-wasm-wasi} (16 MB): a WASI reactor whose interface is the component model's
 * canonical ABI, so no command line runs it. The steps are those of {@code programs/node-ruby.mjs}
 * on V8: {@code _initialize}, {@code ruby-init}, {@code ruby-init-loadpath}, then
 * {@code rb-eval-string-protect} of the script's text. The JavaScript-interop imports trap if
 * called; the canonical ABI's resources are a table of the guest's own values.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.jazero.benchmarks.RubyScript ruby.wasm SCRIPT.rb</pre>
 *
 * <p>Exit code 0, or 1 when the script raised an exception.
 */
public final class RubyScript {

    private static final String INIT = "ruby-init: func(args: list<string>) -> ()";
    private static final String INIT_LOADPATH = "ruby-init-loadpath: func() -> ()";
    private static final String EVAL = "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>";
    private static final String CANONICAL_ABI = "canonical_abi";

    private final Module ruby;
    private final Memory memory;
    private final Function realloc;

    private RubyScript(Module ruby) {
        this.ruby = ruby;
        this.memory = ruby.exportedMemory("memory");
        this.realloc = ruby.exportedFunction("cabi_realloc");
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RubyScript ruby.wasm SCRIPT.rb");
            System.exit(2);
        }
        String script = Files.readString(Path.of(args[1]));
        boolean ok;
        // As the jazero command runs programs: functions start in the interpreter, compiled once hot.
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withTieredCompilation(true))) {
            CompiledModule compiled = runtime.compileModule(Files.readAllBytes(Path.of(args[0])));
            WasiSnapshotPreview1.instantiate(runtime);
            defineImports(runtime, compiled);
            Module module = runtime.instantiate(compiled, ModuleConfig.defaults().withArgs("ruby")
                    .withStdout(System.out).withStderr(System.err).withStartFunctions("_initialize"));
            RubyScript ruby = new RubyScript(module);
            ruby.init("ruby", "--disable-gems", "-e_=0");
            ok = ruby.evaluate(script);
            // Ruby buffers standard output until its exit, which a reactor never reaches.
            ruby.evaluate("$stdout.flush; $stderr.flush");
        }
        System.out.flush();
        if (!ok) {
            System.err.println("the script raised an exception");
            System.exit(1);
        }
    }

    /** The canonical ABI's resource functions, and a trapping function for every other import but WASI's. */
    private static void defineImports(Runtime runtime, CompiledModule compiled) {
        List<Integer> resources = new ArrayList<>();
        Map<String, HostModuleBuilder> builders = new LinkedHashMap<>();
        for (FunctionDefinition f : compiled.importedFunctions()) {
            String module = f.importedAs()[0];
            String name = f.importedAs()[1];
            if (module.equals(WasiSnapshotPreview1.MODULE_NAME)) {
                continue;
            }
            HostModuleBuilder builder = builders.computeIfAbsent(module, runtime::newHostModuleBuilder);
            builder.newFunctionBuilder().withStackFunction(stack -> {
                switch (module.equals(CANONICAL_ABI) ? name : "") {
                    case "resource_new_rb-abi-value" -> {
                        resources.add((int) stack[0]);
                        stack[0] = resources.size();
                    }
                    case "resource_get_rb-abi-value" -> stack[0] = resources.get((int) stack[0] - 1) & 0xFFFF_FFFFL;
                    case "resource_drop_js-abi-value" -> {
                    }
                    default -> throw new TrapException(TrapKind.HOST_FUNCTION_FAILED,
                            "unknown import called: " + module + "." + name, null);
                }
            }, f.paramTypes(), f.resultTypes()).export(name);
        }
        builders.values().forEach(HostModuleBuilder::instantiate);
    }

    private void init(String... args) {
        int list = allocate(4, args.length * 8);
        for (int i = 0; i < args.length; i++) {
            long[] s = string(args[i]);
            memory.writeInt(list + i * 8L, (int) s[0]);
            memory.writeInt(list + i * 8L + 4, (int) s[1]);
        }
        ruby.exportedFunction(INIT).call(list, args.length);
        ruby.exportedFunction(INIT_LOADPATH).call();
    }

    /** Evaluates Ruby code; false when it raised. */
    private boolean evaluate(String code) {
        long[] s = string(code);
        int result = (int) ruby.exportedFunction(EVAL).call(s[0], s[1])[0];
        return memory.readInt(Integer.toUnsignedLong(result) + 4) == 0;
    }

    /** A string in the guest's memory, NUL-terminated (ruby-init hands the arguments to C as they are): pointer and length. */
    private long[] string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int ptr = allocate(1, bytes.length + 1);
        memory.write(Integer.toUnsignedLong(ptr), bytes);
        memory.writeByte(Integer.toUnsignedLong(ptr) + bytes.length, (byte) 0);
        return new long[] {Integer.toUnsignedLong(ptr), bytes.length};
    }

    private int allocate(int align, int size) {
        return (int) realloc.call(0, 0, align, size)[0];
    }
}
