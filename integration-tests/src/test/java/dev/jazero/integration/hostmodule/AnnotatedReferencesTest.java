package dev.jazero.integration.hostmodule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.HeapType;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * References through a generated host module ({@link Labels}): the guest passes host objects and
 * its own structs to annotated methods and gets objects back, in both tiers.
 */
class AnnotatedReferencesTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void referencesCrossTheGeneratedHostModule(boolean interpreter) {
        try (Runtime runtime = Runtime.create(interpreter ? RuntimeConfig.interpreter() : RuntimeConfig.compiler())) {
            Labels labels = new Labels();
            Module host = Labels_HostModule.newBuilder(runtime, labels).instantiate();
            assertEquals(List.of(ValueType.EXTERNREF, ValueType.I32), host.exportedFunctionDefinitions().get("measure").resultTypes());
            assertEquals(List.of(ValueType.ref(HeapType.STRUCT, true)), host.exportedFunctionDefinitions().get("keep").paramTypes());
            Module guest = runtime.instantiate(runtime.compileModule(AnnotatedHostModuleTest.resource("hostmodule/labels.wat")));

            long[] stack = {0, 3};
            Object[] refs = {"ab", null};
            guest.exportedFunction("label").callWithStack(stack, refs);
            assertEquals("ababab", refs[0]);
            assertEquals(6, stack[1]);

            assertArrayEquals(new long[] {7}, guest.exportedFunction("roundTrip").call(5, 7));
            assertArrayEquals(new long[] {7}, guest.exportedFunction("roundTrip").call(1, 2), "the first struct kept");
            assertEquals(2, labels.kept.size());
            assertArrayEquals(new long[] {-5L & 0xFFFF_FFFFL}, guest.exportedFunction("small").call(-5L & 0xFFFF_FFFFL));
        }
    }
}
