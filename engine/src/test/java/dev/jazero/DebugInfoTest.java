package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.Module;
import dev.jazero.api.TrapException;
import dev.jazero.api.TrapKind;
import dev.jazero.internal.runtime.CompiledModuleImpl;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Source positions in trap messages, end to end in both tiers: traps.wasm (DWARF 4) and
 * traps-dwarf5.wasm, built by clang from the C files beside them in
 * src/test/resources/dev/jazero/internal/dwarf (see build.sh there).
 */
class DebugInfoTest {

    static Stream<Arguments> tiersAndModules() {
        List<Arguments> out = new ArrayList<>();
        for (RuntimeConfig tier : Tiers.configs()) {
            for (String module : List.of("traps.wasm", "traps-dwarf5.wasm")) {
                out.add(Arguments.of(Named.of(Tiers.name(tier), tier), module));
            }
        }
        return out.stream();
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = DebugInfoTest.class.getResourceAsStream("/dev/jazero/internal/dwarf/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    /** Calls run(kind, x) and returns its trap. */
    private static TrapException trap(RuntimeConfig config, String module, int kind, int x) throws IOException {
        try (Runtime runtime = Runtime.create(config)) {
            CompiledModule compiled = runtime.compileModule(resource(module));
            if (config.isCompiler()) {
                for (int f = 0; f < ((CompiledModuleImpl) compiled).module().functionCount(); f++) {
                    assertTrue(((CompiledModuleImpl) compiled).isCompiled(f), "function " + f + " is compiled");
                }
            }
            Module m = runtime.instantiate(compiled);
            return assertThrows(TrapException.class, () -> m.exportedFunction("run").call(kind, x));
        }
    }

    /** The stack trace part of a message, with the offsets (which differ between the modules) as X. */
    private static String trace(TrapException e) {
        String message = e.getMessage();
        int at = message.indexOf("\nwasm stack trace:");
        assertTrue(at > 0, message);
        return message.substring(at).replaceAll("offset 0x[0-9a-f]+", "offset X");
    }

    @ParameterizedTest
    @MethodSource("tiersAndModules")
    void eachFrameShowsItsSourceLine(RuntimeConfig tier, String module) throws IOException {
        TrapException e = trap(tier, module, 0, 7);
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, e.trapKind());
        assertEquals("""

                wasm stack trace:
                \tdivide(i32,i32) i32, offset X
                \t\thelper.c:5:14
                \tmiddle(i32,i32) i32, offset X
                \t\ttraps.c:6:16
                \trun(i32,i32) i32, offset X
                \t\ttraps.c:19:18""", trace(e));
        assertEquals(3, e.wasmStackTrace().size());
        assertTrue(e.wasmStackTrace().get(0).startsWith("divide(i32,i32) i32, offset 0x"), e.wasmStackTrace().get(0));
    }

    @ParameterizedTest
    @MethodSource("tiersAndModules")
    void trapsInstructionsAndAHeaderFile(RuntimeConfig tier, String module) throws IOException {
        TrapException crash = trap(tier, module, 1, 0);
        assertEquals(TrapKind.UNREACHABLE, crash.trapKind());
        assertEquals("""

                wasm stack trace:
                \tcrash(), offset X
                \t\thelper.c:9:5
                \tmiddle(i32,i32) i32, offset X
                \t\ttraps.c:9:9
                \trun(i32,i32) i32, offset X
                \t\ttraps.c:19:18""", trace(crash));
        // A static inline function of helper.h, which -O0 keeps as a function of traps.c's unit.
        TrapException positive = trap(tier, module, 2, -1);
        assertEquals(TrapKind.UNREACHABLE, positive.trapKind());
        assertEquals("""

                wasm stack trace:
                \tpositive(i32) i32, offset X
                \t\thelper.h:8:9
                \tmiddle(i32,i32) i32, offset X
                \t\ttraps.c:13:16
                \trun(i32,i32) i32, offset X
                \t\ttraps.c:19:18""", trace(positive));
        TrapException load = trap(tier, module, 3, -16);
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, load.trapKind());
        assertEquals("""

                wasm stack trace:
                \tload(i32) i32, offset X
                \t\thelper.c:13:12
                \tmiddle(i32,i32) i32, offset X
                \t\ttraps.c:15:12
                \trun(i32,i32) i32, offset X
                \t\ttraps.c:19:18""", trace(load));
    }

    @ParameterizedTest
    @MethodSource("tiersAndModules")
    void withoutDebugInfoTheTraceHasNoSourceLines(RuntimeConfig tier, String module) throws IOException {
        TrapException e = trap(tier.withDebugInfoEnabled(false), module, 0, 7);
        assertEquals("""

                wasm stack trace:
                \tdivide(i32,i32) i32, offset X
                \tmiddle(i32,i32) i32, offset X
                \trun(i32,i32) i32, offset X""", trace(e));
        assertFalse(e.getMessage().contains(".c:"), e.getMessage());
    }

    @Test
    void debugInfoIsOnByDefault() {
        assertTrue(RuntimeConfig.defaults().debugInfoEnabled());
        assertTrue(RuntimeConfig.interpreter().debugInfoEnabled());
        assertFalse(RuntimeConfig.compiler().withDebugInfoEnabled(false).debugInfoEnabled());
        assertTrue(RuntimeConfig.compiler().withDebugInfoEnabled(false).withMaxCallDepth(10)
                .withDebugInfoEnabled(true).debugInfoEnabled());
        assertFalse(RuntimeConfig.compiler().withDebugInfoEnabled(false).withCustomSections(true).withMaxCallDepth(10)
                .withCloseOnCancel(true).withMemoryLimitPages(10).debugInfoEnabled());
    }

    @Test
    void onlyTheSectionsForLinesAreKept() throws IOException {
        try (Runtime runtime = Runtime.create()) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(resource("traps-dwarf5.wasm"));
            assertNotNull(compiled.module().dwarfLines);
            assertTrue(compiled.customSections().isEmpty(), "custom sections are not kept for debug info");
        }
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withDebugInfoEnabled(false))) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule(resource("traps.wasm"));
            assertEquals(null, compiled.module().dwarfLines);
        }
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withCustomSections(true))) {
            CompiledModule compiled = runtime.compileModule(resource("traps.wasm"));
            List<String> names = compiled.customSections().stream().map(CustomSection::name).toList();
            assertTrue(names.containsAll(List.of(".debug_info", ".debug_line", ".debug_str", "name")), names.toString());
        }
    }

    @InBothTiers
    void aModuleWithoutDwarfTrapsAsBefore(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            // As a binary: a text module's frames have its lines and columns.
            Module m = runtime.instantiate(runtime.compileModule(dev.jazero.internal.text.WatParser.parseModule(
                    "(module (func $f (export \"f\") unreachable))")));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("f").call());
            assertEquals("\nwasm stack trace:\n\tf(), offset X", trace(e));
        }
    }

    @InBothTiers
    void damagedLineTablesGiveNoSourceLines(RuntimeConfig tier) throws IOException {
        // The first unit of .debug_line (traps.c's) gets version 0xFFFF: it cannot be read, the
        // second (helper.c's) still is.
        byte[] bytes = resource("traps.wasm");
        int at = indexOf(bytes, ".debug_line".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".debug_line".length();
        bytes[at + 4] = (byte) 0xFF;
        bytes[at + 5] = (byte) 0xFF;
        try (Runtime runtime = Runtime.create(tier)) {
            Module m = runtime.instantiate(runtime.compileModule(bytes));
            TrapException e = assertThrows(TrapException.class, () -> m.exportedFunction("run").call(0, 7));
            assertEquals("""

                    wasm stack trace:
                    \tdivide(i32,i32) i32, offset X
                    \t\thelper.c:5:14
                    \tmiddle(i32,i32) i32, offset X
                    \trun(i32,i32) i32, offset X""", trace(e));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
