package dev.jazero.integration.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jazero.HostModuleBuilder;
import dev.jazero.ModuleConfig;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.Tiers;
import dev.jazero.api.Function;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import dev.jazero.wasi.WasiSnapshotPreview1;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The common WASI functions allocate nothing on their success path: a guest calls each in a loop
 * of {@value #CALLS}, and the JVM's per-thread allocation counter, read around a warmed-up loop,
 * shows no more bytes per call than the same loop calling a hand-written host function of the
 * same signature that does nothing (the engine's own cost of a host call, such as its stack
 * array). The bound is well below one object per call: a lambda or a copy per call is 16 to 100
 * bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WasiAllocationTest {

    static final int CALLS = 100_000;
    /** Average bytes per call allowed above the baseline's: well below one object per call. */
    static final double BOUND = 4;

    /** The functions, with their WAT signature (all return an errno). */
    static final Map<String, String> SIGNATURES = Map.of(
            "clock_time_get", "(param i32 i64 i32) (result i32)",
            "random_get", "(param i32 i32) (result i32)",
            "args_sizes_get", "(param i32 i32) (result i32)",
            "args_get", "(param i32 i32) (result i32)",
            "environ_get", "(param i32 i32) (result i32)",
            "fd_write", "(param i32 i32 i32 i32) (result i32)",
            "fd_read", "(param i32 i32 i32 i32) (result i32)",
            "fd_fdstat_get", "(param i32 i32) (result i32)",
            "sched_yield", "(result i32)");

    /** Loop name: the loop body, a call returning an errno ($F stands for the function). */
    static final Map<String, String> LOOPS = new LinkedHashMap<>();

    static {
        LOOPS.put("clock_time_get", "(call $F (i32.const 1) (i64.const 0) (i32.const 0))");
        LOOPS.put("clock_time_get_realtime", "(call $F (i32.const 0) (i64.const 0) (i32.const 0))");
        LOOPS.put("random_get", "(call $F (i32.const 4096) (i32.const 16))");
        LOOPS.put("args_sizes_get", "(call $F (i32.const 0) (i32.const 4))");
        LOOPS.put("args_get", "(call $F (i32.const 1024) (i32.const 2048))");
        LOOPS.put("environ_get", "(call $F (i32.const 1024) (i32.const 2048))");
        LOOPS.put("fd_write_stdout", "(call $F (i32.const 1) (i32.const 512) (i32.const 2) (i32.const 8))");
        LOOPS.put("fd_read_stdin", "(call $F (i32.const 0) (i32.const 528) (i32.const 1) (i32.const 8))");
        LOOPS.put("fd_fdstat_get", "(call $F (i32.const 1) (i32.const 1536))");
        LOOPS.put("sched_yield", "(call $F)");
    }

    /** Per tier ("compiler", "interpreter"), the runtime and its guest's loops by export name. */
    private final Map<String, Runtime> runtimes = new LinkedHashMap<>();
    private final Map<String, Map<String, Function>> loops = new LinkedHashMap<>();
    private long written;

    static String function(String loop) {
        return loop.startsWith("fd_write") ? "fd_write" : loop.startsWith("fd_read") ? "fd_read"
                : loop.startsWith("clock_time_get") ? "clock_time_get" : loop;
    }

    @BeforeAll
    void instantiate() {
        StringBuilder wat = new StringBuilder("(module\n");
        for (Map.Entry<String, String> f : SIGNATURES.entrySet()) {
            wat.append("  (import \"wasi_snapshot_preview1\" \"").append(f.getKey()).append("\" (func $wasi_")
                    .append(f.getKey()).append(' ').append(f.getValue()).append("))\n");
            wat.append("  (import \"baseline\" \"").append(f.getKey()).append("\" (func $baseline_")
                    .append(f.getKey()).append(' ').append(f.getValue()).append("))\n");
        }
        wat.append("""
                  (memory (export "memory") 1)
                  ;; two iovecs at 512: "Hello, " at 768 and "World!\\n" at 775; one at 528: 64 bytes at 1536
                  (data (i32.const 512) "\\00\\03\\00\\00\\07\\00\\00\\00\\07\\03\\00\\00\\07\\00\\00\\00")
                  (data (i32.const 528) "\\00\\06\\00\\00\\40\\00\\00\\00")
                  (data (i32.const 768) "Hello, World!\\n")
                """);
        for (Map.Entry<String, String> loop : LOOPS.entrySet()) {
            for (String module : new String[] {"wasi", "baseline"}) {
                String call = loop.getValue().replace("$F", "$" + module + "_" + function(loop.getKey()));
                wat.append("  (func (export \"").append(module).append('_').append(loop.getKey())
                        .append("\") (param $n i32) (result i32)\n")
                        .append("    (local $err i32)\n")
                        .append("    (loop $again\n")
                        .append("      (local.set $err (i32.or (local.get $err) ").append(call).append("))\n")
                        .append("      (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))\n")
                        .append("    (local.get $err))\n");
            }
        }
        wat.append(")\n");
        OutputStream stdout = new OutputStream() {
            @Override
            public void write(int b) {
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written += len;
            }
        };
        InputStream stdin = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }

            @Override
            public int available() {
                return Integer.MAX_VALUE;
            }
        };
        for (RuntimeConfig config : Tiers.configs()) {
            String tier = Tiers.name(config);
            Runtime runtime = Runtime.create(config);
            runtimes.put(tier, runtime);
            WasiSnapshotPreview1.instantiate(runtime);
            HostModuleBuilder baseline = runtime.newHostModuleBuilder("baseline");
            for (String name : SIGNATURES.keySet()) {
                List<ValueType> types = switch (name) {
                    case "clock_time_get" -> List.of(ValueType.I32, ValueType.I64, ValueType.I32);
                    case "fd_write", "fd_read" -> List.of(ValueType.I32, ValueType.I32, ValueType.I32, ValueType.I32);
                    case "sched_yield" -> List.of();
                    default -> List.of(ValueType.I32, ValueType.I32);
                };
                baseline.newFunctionBuilder().withStackFunction(stack -> stack[0] = 0, types, List.of(ValueType.I32))
                        .export(name);
            }
            baseline.instantiate();
            Module guest = runtime.instantiate(runtime.compileModule(wat.toString().getBytes(StandardCharsets.UTF_8)),
                    ModuleConfig.defaults().withName("loops").withArgs("loops", "one", "two").withEnv("NAME", "Jazero")
                            .withStdout(stdout).withStdin(stdin));
            Map<String, Function> exports = new LinkedHashMap<>();
            for (String name : LOOPS.keySet()) {
                exports.put("wasi_" + name, guest.exportedFunction("wasi_" + name));
                exports.put("baseline_" + name, guest.exportedFunction("baseline_" + name));
            }
            loops.put(tier, exports);
        }
    }

    @AfterAll
    void close() {
        runtimes.values().forEach(Runtime::close);
    }

    /** The fewest bytes allocated per call of the loop over a few rounds, after warming up. */
    static double bytesPerCall(Function loop) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long id = Thread.currentThread().getId();
        double best = Double.MAX_VALUE;
        // Warm up (class loading, the JIT), then take the best of a few rounds, so that an
        // allocation of the JVM's own on this thread in one round does not count.
        for (int round = 0; round < 8; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            long errno = loop.call(CALLS)[0];
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertEquals(0, errno, "a call failed");
            if (round >= 3) {
                best = Math.min(best, (double) allocated / CALLS);
            }
        }
        return best;
    }

    static Stream<Arguments> loops() {
        return Stream.of("compiler", "interpreter")
                .flatMap(tier -> LOOPS.keySet().stream().map(name -> Arguments.of(tier, name)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("loops")
    void allocatesNothingPerCall(String tier, String name) {
        double wasi = bytesPerCall(loops.get(tier).get("wasi_" + name));
        double baseline = bytesPerCall(loops.get(tier).get("baseline_" + name));
        System.out.printf("%s, %s: %.2f bytes per call, %.2f for a host function doing nothing%n", tier, name, wasi,
                baseline);
        assertTrue(wasi - baseline < BOUND,
                String.format("%s allocated %.2f bytes per call, %.2f more than a host function doing nothing", name,
                        wasi, wasi - baseline));
        if (name.startsWith("fd_write")) {
            assertTrue(written > 0);
        }
    }
}
