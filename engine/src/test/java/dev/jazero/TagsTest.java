package dev.jazero;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.CoreFeatures;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.api.MalformedModuleException;
import dev.jazero.api.UnlinkableModuleException;
import org.junit.jupiter.api.Test;

/**
 * Exception handling's tags, with {@link CoreFeatures#EXCEPTIONS}: defined, exported and
 * imported in the text and binary formats, and linked by type equivalence.
 */
class TagsTest {

    @InBothTiers
    void tagsAreExportedAndImported(RuntimeConfig tier) {
        try (Runtime runtime = Runtime.create(tier)) {
            runtime.instantiate(runtime.compileModule("""
                    (module (type $pair (func (param i32 i64)))
                      (tag (export "pair") (type $pair))
                      (tag $none (export "none")))
                    """), ModuleConfig.defaults().withName("lib"));
            // Re-exported, and imported again under its type at another index.
            runtime.instantiate(runtime.compileModule("""
                    (module (import "lib" "pair" (tag $p (param i32 i64))) (export "again" (tag $p)))
                    """), ModuleConfig.defaults().withName("relay"));
            runtime.instantiate(runtime.compileModule("""
                    (module (type $other (func (param f32)))
                      (import "relay" "again" (tag (param i32 i64)))
                      (import "lib" "none" (tag)))
                    """));
            UnlinkableModuleException mismatch = assertThrows(UnlinkableModuleException.class,
                    () -> runtime.instantiate(runtime.compileModule("(module (import \"lib\" \"pair\" (tag (param i32))))")));
            assertTrue(mismatch.getMessage().contains("tag type does not match"), mismatch.getMessage());
            assertThrows(UnlinkableModuleException.class,
                    () -> runtime.instantiate(runtime.compileModule("(module (import \"lib\" \"pair\" (func (param i32 i64))))")));
        }
    }

    @Test
    void aTagHasNoResults() {
        try (Runtime runtime = Runtime.create()) {
            InvalidModuleException e = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (tag (result i32)))"));
            assertTrue(e.getMessage().startsWith("non-empty tag result type"), e.getMessage());
            InvalidModuleException export = assertThrows(InvalidModuleException.class,
                    () -> runtime.compileModule("(module (export \"t\" (tag 0)))"));
            assertTrue(export.getMessage().startsWith("unknown tag 0"), export.getMessage());
        }
    }

    @Test
    void withoutTheFeatureThereAreNoTags() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.interpreter()
                .withCoreFeatures(CoreFeatures.V3.without(CoreFeatures.EXCEPTIONS)))) {
            MalformedModuleException text = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule("(module (tag))"));
            assertTrue(text.getMessage().contains("exceptions feature"), text.getMessage());
            // A tag section (13) of one tag of type 0.
            byte[] binary = {0, 'a', 's', 'm', 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 13, 3, 1, 0, 0};
            MalformedModuleException section = assertThrows(MalformedModuleException.class,
                    () -> runtime.compileModule(binary));
            assertTrue(section.getMessage().startsWith("malformed section id 13"), section.getMessage());
            try (Runtime withTags = Runtime.create()) {
                withTags.compileModule(binary);
                byte[] attribute = binary.clone();
                attribute[attribute.length - 2] = 1;
                MalformedModuleException e = assertThrows(MalformedModuleException.class,
                        () -> withTags.compileModule(attribute));
                assertTrue(e.getMessage().startsWith("malformed tag attribute"), e.getMessage());
            }
        }
    }
}
