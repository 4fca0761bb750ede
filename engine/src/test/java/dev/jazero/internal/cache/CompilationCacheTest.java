package dev.jazero.internal.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.CompilationCache;
import dev.jazero.InBothTiers;
import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.internal.engine.Engines;
import dev.jazero.internal.runtime.Compilation;
import dev.jazero.internal.runtime.CompilationCodec;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import dev.jazero.internal.text.WatParser;
import dev.jazero.internal.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The compilation cache: hits, keys, damaged files, concurrency, in both tiers. */
class CompilationCacheTest {

    private static final int FUNCTIONS = 1200;
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path dir;

    /**
     * 1,200 functions, so two generated classes that call each other, a table, a loop, and a
     * function that traps: everything the cache must carry over.
     */
    static byte[] module(int salt) {
        StringBuilder wat = new StringBuilder("(module (memory 1) (table funcref (elem $sq))\n");
        wat.append("(func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))\n");
        for (int i = 1; i < FUNCTIONS; i++) {
            wat.append("(func $f").append(i).append(" (param i32) (result i32) (i32.add (call $f").append(i - 1 == 0 ? "0" : String.valueOf(i - 1))
                    .append(" (local.get 0)) (i32.const ").append(i % 7 + salt).append(")))\n");
        }
        wat.append("(func $f0 (param i32) (result i32) (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0)))\n");
        wat.append("""
                (func (export "sum") (param i32) (result i32)
                  (local i32)
                  (loop $l
                    (local.set 1 (i32.add (local.get 1) (call $last (local.get 0))))
                    (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                  (local.get 1))
                (func $last (param i32) (result i32) (call $f%d (local.get 0)))
                (func $deep (export "trap") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
                (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
                (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
                )""".formatted(FUNCTIONS - 1));
        return WatParser.parseModule(wat.toString());
    }

    /** sum(n) of the module above, computed in Java. */
    static long expectedSum(int n, int salt) {
        long add = 0;
        for (int i = 1; i < FUNCTIONS; i++) {
            add += i % 7 + salt;
        }
        long sum = 0;
        for (int k = n; k > 0; k--) {
            sum += (long) k * k + add;
        }
        return sum & 0xFFFF_FFFFL;
    }

    private static void check(Runtime runtime, byte[] binary, int salt) {
        Module m = runtime.instantiate(runtime.compileModule(binary));
        assertArrayEquals(new long[] {expectedSum(5, salt)}, m.exportedFunction("sum").call(5));
        m.exportedFunction("store").call(64, 0xCAFE);
        assertArrayEquals(new long[] {0xCAFE}, m.exportedFunction("load").call(64));
        TrapException trap = assertThrows(TrapException.class, () -> m.exportedFunction("trap").call(0));
        assertTrue(trap.getMessage().startsWith("integer divide by zero"), trap.getMessage());
        assertTrue(trap.getMessage().contains("deep(i32) i32, offset 0x"), trap.getMessage());
        m.close();
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private Path onlyEntry() throws IOException {
        List<Path> files = entries();
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).toString().endsWith(".jzc"));
        return files.get(0);
    }

    @InBothTiers
    void inMemoryCacheSharesOneCompilationBetweenRuntimes(RuntimeConfig tier) {
        byte[] binary = module(0);
        try (CompilationCache cache = CompilationCache.inMemory();
                Runtime first = Runtime.create(tier.withCompilationCache(cache));
                Runtime second = Runtime.create(tier.withCompilationCache(cache))) {
            CompiledModuleImpl a = (CompiledModuleImpl) first.compileModule(binary);
            CompiledModuleImpl b = (CompiledModuleImpl) second.compileModule(binary);
            assertSame(a.module(), b.module(), "the second compile is a hit");
            assertSame(a.moduleCode(), b.moduleCode());
            if (tier.isCompiler()) {
                assertNotNull(a.moduleCode());
            }
            check(first, binary, 0);
            check(second, binary, 0);
            cache.close();
            CompiledModuleImpl c = (CompiledModuleImpl) second.compileModule(binary);
            assertNotEquals(a.module(), c.module(), "a closed cache keeps nothing");
        }
    }

    @InBothTiers
    void directoryCacheSurvivesTheRuntimeAndIsUsedByTheNext(RuntimeConfig tier) throws IOException {
        byte[] binary = module(0);
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(tier.withCompilationCache(cache))) {
            check(runtime, binary, 0);
        }
        Path entry = onlyEntry();
        Files.setLastModifiedTime(entry, LONG_AGO);
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(tier.withCompilationCache(cache))) {
            check(runtime, binary, 0);
            CompiledModuleImpl hit = (CompiledModuleImpl) runtime.compileModule(binary);
            if (tier.isCompiler()) {
                assertTrue(hit.isCompiled(hit.module().importedFunctionCount()), "compiled code comes from the file");
            }
        }
        assertEquals(LONG_AGO, Files.getLastModifiedTime(entry), "a hit does not write the entry again");
        assertEquals(1, entries().size());
    }

    /**
     * A function that stays in the interpreter (260 JVM slots of parameters, past a method's 255)
     * is stored with its internal code, which the compiler tier otherwise does not keep, and runs
     * from the entry in the next runtime.
     */
    @Test
    void aFunctionLeftToTheInterpreterIsStoredWithItsCode() throws IOException {
        byte[] binary = WatParser.parseModule("(module (func $wide (param" + " i64".repeat(130) + ") (result i64)"
                + " (i64.add (local.get 129) (local.get 0)))"
                + " (func (export \"call\") (param i64) (result i64) (call $wide (local.get 0)"
                + " (i64.const 12)".repeat(129) + ")))");
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            assertArrayEquals(new long[] {15}, runtime.instantiate(runtime.compileModule(binary)).exportedFunction("call").call(3));
        }
        Path entry = onlyEntry();
        Files.setLastModifiedTime(entry, LONG_AGO);
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            CompiledModuleImpl hit = (CompiledModuleImpl) runtime.compileModule(binary);
            assertFalse(hit.isCompiled(0), "the wide function runs in the interpreter");
            assertArrayEquals(new long[] {15}, runtime.instantiate(hit).exportedFunction("call").call(3));
        }
        assertEquals(LONG_AGO, Files.getLastModifiedTime(entry), "the second runtime read the entry rather than writing it");
    }

    @Test
    void compilerHitDefinesItsClassesOnlyWhenCalled() throws IOException {
        byte[] binary = module(0);
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            runtime.compileModule(binary);
        }
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(binary);
            var classes = (dev.jazero.internal.compiler.CompiledClasses) compiled.moduleCode();
            Module m = runtime.instantiate(compiled);
            assertFalse(classes.isLoaded(0), "instantiating defines no class");
            m.exportedFunction("load").call(0);
            int load = compiled.module().functionCount() - 1;
            assertTrue(classes.isLoaded(load));
            assertFalse(classes.isLoaded(0), "a call defines only its own class");
            assertArrayEquals(new long[] {expectedSum(3, 0)}, m.exportedFunction("sum").call(3));
            assertTrue(classes.isLoaded(0), "calls into other classes define them");
        }
    }

    @Test
    void everySettingThatChangesTheCodeHasItsOwnEntry() throws IOException {
        byte[] binary = module(0);
        RuntimeConfig[] configs = {
            RuntimeConfig.compiler(), RuntimeConfig.interpreter(),
            RuntimeConfig.compiler().withCloseOnCancel(true), RuntimeConfig.compiler().withCustomSections(true),
            RuntimeConfig.compiler().withDebugInfoEnabled(false),
            RuntimeConfig.compiler().withCoreFeatures(dev.jazero.api.CoreFeatures.V3),
        };
        try (CompilationCache cache = CompilationCache.directory(dir)) {
            for (RuntimeConfig config : configs) {
                try (Runtime runtime = Runtime.create(config.withCompilationCache(cache))) {
                    check(runtime, binary, 0);
                }
            }
            assertEquals(configs.length - 1, entries().size(), "one entry per distinct setting (the last equals the first)");
            try (Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
                check(runtime, module(1), 1);
            }
            assertEquals(configs.length, entries().size(), "another module, another entry");
        }
    }

    /** Ways a file can be wrong: each must be ignored, the module compiled again, the file replaced. */
    @ParameterizedTest
    @ValueSource(strings = {"empty", "truncated", "header only", "payload byte flipped", "class byte flipped",
        "last byte flipped", "appended", "random", "foreign entry", "another format"})
    void damagedFilesAreNeverLoaded(String damage) throws IOException {
        byte[] binary = module(0);
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            runtime.compileModule(binary);
            runtime.compileModule(module(1));
        }
        List<Path> files = entries();
        byte[] other = null;
        Path entry = null;
        try (CompilationCache cache = CompilationCache.directory(dir)) {
            CacheKey key = keyOf(RuntimeConfig.compiler(), binary);
            entry = dir.resolve(key.hex() + ".jzc");
            assertTrue(files.contains(entry));
            for (Path f : files) {
                if (!f.equals(entry)) {
                    other = Files.readAllBytes(f);
                }
            }
        }
        byte[] good = Files.readAllBytes(entry);
        byte[] bad = switch (damage) {
            case "empty" -> new byte[0];
            case "truncated" -> java.util.Arrays.copyOf(good, good.length / 2);
            case "header only" -> java.util.Arrays.copyOf(good, 56);
            case "payload byte flipped" -> flip(good, 60);
            case "class byte flipped" -> flip(good, good.length / 3);
            case "last byte flipped" -> flip(good, good.length - 1);
            case "appended" -> java.util.Arrays.copyOf(good, good.length + 10);
            case "random" -> {
                byte[] r = new byte[good.length];
                new Random(1).nextBytes(r);
                yield r;
            }
            case "foreign entry" -> other;
            case "another format" -> {
                byte[] f = good.clone();
                f[11] ^= 0x40;
                yield f;
            }
            default -> throw new AssertionError(damage);
        };
        Files.write(entry, bad);
        try (CompilationCache cache = CompilationCache.directory(dir); Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(cache))) {
            check(runtime, binary, 0);
        }
        byte[] replaced = Files.readAllBytes(entry);
        assertEquals(good.length, replaced.length, "the entry was written again");
        assertNotNull(readEntry(binary, replaced), "and is whole");
        assertNull(readEntry(binary, bad), "the damaged file is refused");
    }

    private static Compilation readEntry(byte[] binary, byte[] file) {
        CacheKey key = keyOf(RuntimeConfig.compiler(), binary);
        try {
            return EntryFile.read(file, key, codec(RuntimeConfig.compiler(), () -> dev.jazero.internal.decoding.BinaryDecoder.decode(binary, false)));
        } catch (RefusedEntry e) {
            return null;
        }
    }

    /**
     * A payload that passes the checksum but is cut short or changed (a writer's bug, or a forged
     * file) is refused as well, whatever count or length the damage hits: never another exception.
     */
    @InBothTiers
    void damagedPayloadsUnderAValidChecksumAreRefused(RuntimeConfig tier) throws Exception {
        byte[] binary = module(0);
        RuntimeConfig config = tier;
        Compilation compilation = compilation(config, binary);
        CacheKey key = keyOf(config, binary);
        byte[] good = EntryFile.write(key, compilation, codec(config, null));
        var module = dev.jazero.internal.decoding.BinaryDecoder.decodeSections(binary, dev.jazero.internal.wasm.Encoding.V2, false, true);
        int header = 52;
        int step = Math.max(1, (good.length - header) / 400);
        for (int cut = header; cut < good.length; cut += step) {
            assertRefused(resealed(java.util.Arrays.copyOf(good, cut), header), key, config, module);
        }
        for (int at = header; at < good.length; at += step) {
            byte[] changed = good.clone();
            changed[at] = (byte) 0xFF;
            try {
                EntryFile.read(resealed(changed, header), key, codec(config, () -> module));
            } catch (RefusedEntry e) {
                // Refused, or read: a changed class byte is the JVM verifier's to reject.
            }
        }
    }

    /** What a cache would store for the module: with a cache, every class is generated up front. */
    private static Compilation compilation(RuntimeConfig config, byte[] binary) throws Exception {
        try (CompilationCache cache = CompilationCache.inMemory();
                Runtime runtime = Runtime.create(config.withCompilationCache(cache))) {
            CompiledModuleImpl m = (CompiledModuleImpl) runtime.compileModule(binary);
            return new Compilation(m.module(), codeOf(m), m.moduleCode());
        }
    }

    /** The key of a module compiled with the default code options. */
    private static CacheKey keyOf(RuntimeConfig config, byte[] binary) {
        return CacheKey.of(config, dev.jazero.internal.ir.CodeOptions.NONE, binary);
    }

    private static void assertRefused(byte[] file, CacheKey key, RuntimeConfig config, WasmModule module) {
        assertThrows(RefusedEntry.class, () -> EntryFile.read(file, key, codec(config, () -> module)));
    }

    /** The runtime's codec for the entries of {@code config}'s tier. */
    private static CompilationCodec codec(RuntimeConfig config, java.util.function.Supplier<WasmModule> decode) {
        return new CompilationCodec(Engines.create(config), decode);
    }

    /** The file with its header's payload length and CRC-32C made to match its payload again. */
    private static byte[] resealed(byte[] file, int header) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, header, file.length - header);
        java.nio.ByteBuffer.wrap(file).putInt(header - 8, file.length - header).putInt(header - 4, (int) crc.getValue());
        return file;
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    @InBothTiers
    void internalCodeSurvivesTheFileUnchanged(RuntimeConfig tier) throws Exception {
        byte[] binary = module(3);
        RuntimeConfig config = tier;
        Compilation original = compilation(config, binary);
        CacheKey key = keyOf(config, binary);
        CompilationCodec codec = codec(config, () -> dev.jazero.internal.decoding.BinaryDecoder.decodeSections(binary, dev.jazero.internal.wasm.Encoding.V2, false, true));
        byte[] file = EntryFile.write(key, original, codec);
        Compilation copy = EntryFile.read(file, key, codec);
        assertEquals(original.code().length, copy.code().length);
        for (int i = 0; i < original.code().length; i++) {
            assertEquals(original.code()[i] == null, copy.code()[i] == null);
            if (original.code()[i] != null) {
                assertArrayEquals(original.code()[i].code(), copy.code()[i].code());
                assertArrayEquals(original.code()[i].offsets(), copy.code()[i].offsets());
                assertEquals(original.code()[i].maxStackSlots(), copy.code()[i].maxStackSlots());
            }
        }
        assertEquals(original.classes() == null, copy.classes() == null);
        assertArrayEquals(file, EntryFile.write(key, copy, codec), "the classes too");
    }

    private static dev.jazero.internal.ir.IrFunction[] codeOf(CompiledModuleImpl m) throws Exception {
        var field = CompiledModuleImpl.class.getDeclaredField("code");
        field.setAccessible(true);
        return (dev.jazero.internal.ir.IrFunction[]) field.get(m);
    }

    @Test
    void concurrentRuntimesShareOneDirectory() throws Exception {
        int modules = 4;
        byte[][] binaries = new byte[modules][];
        for (int i = 0; i < modules; i++) {
            binaries[i] = module(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (CompilationCache shared = CompilationCache.directory(dir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        int i = (thread + round) % modules;
                        // Some threads open their own cache object on the same directory.
                        try (CompilationCache own = thread % 2 == 0 ? shared : CompilationCache.directory(dir);
                                Runtime runtime = Runtime.create(RuntimeConfig.compiler().withCompilationCache(own))) {
                            check(runtime, binaries[i], i);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Path> files = entries();
        assertEquals(modules, files.size(), "one whole entry per module and no temporary file left: " + files);
        for (int i = 0; i < modules; i++) {
            CacheKey key = keyOf(RuntimeConfig.compiler(), binaries[i]);
            assertNotNull(readEntry(binaries[i], Files.readAllBytes(dir.resolve(key.hex() + ".jzc"))));
        }
    }

    @Test
    void concurrentProcessesShareOneDirectory() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            // Each process compiles the three modules in another order, twice: misses and hits interleave.
            List<String> command = new ArrayList<>(List.of(java, "-cp", classPath(),
                    CacheUserProcess.class.getName(), dir.toString(), "2"));
            for (int i = 0; i < 3; i++) {
                command.add(String.valueOf((p + i) % 3));
            }
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), output);
        }
        List<Path> files = entries();
        assertEquals(3, files.size(), "one whole entry per module and no temporary file left: " + files);
        for (int i = 0; i < 3; i++) {
            byte[] binary = module(i);
            CacheKey key = keyOf(RuntimeConfig.compiler(), binary);
            assertNotNull(readEntry(binary, Files.readAllBytes(dir.resolve(key.hex() + ".jzc"))));
        }
    }

    /** The test's classes and the engine's, all on a class path (surefire puts the engine on the module path). */
    private static String classPath() {
        String modules = System.getProperty("jdk.module.path", "");
        String classes = System.getProperty("java.class.path", "");
        return modules.isEmpty() ? classes : classes + java.io.File.pathSeparator + modules;
    }

    @Test
    void onlyJazerosCachesAreAccepted() {
        CompilationCache foreign = () -> { };
        assertThrows(IllegalArgumentException.class, () -> Runtime.create(RuntimeConfig.compiler().withCompilationCache(foreign)));
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAnIOException() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThrows(IOException.class, () -> CompilationCache.directory(file.resolve("sub")));
    }
}
