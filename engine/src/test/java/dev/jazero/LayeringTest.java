package dev.jazero;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which way the engine's packages depend on each other (docs/architecture.md): the runtime
 * calls its {@code Engine} and knows no tier, which {@code internal.engine} alone picks; the two
 * tiers share their semantics through {@code internal.semantics} and never import each other;
 * the model below them (the module's structure, the internal code, decoding) knows no tier and
 * no running instance. The compilation cache keeps entries it does not look into: the runtime
 * gives it the codec, and each tier writes its own code. No cycle joins the internal packages.
 */
class LayeringTest {

    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jazero");
    }

    @Test
    void theCompilerDoesNotUseTheInterpreter() {
        check(noClasses().that().resideInAPackage("dev.jazero.internal.compiler..")
                .should().dependOnClassesThat().resideInAPackage("dev.jazero.internal.interpreter.."));
    }

    @Test
    void theInterpreterDoesNotUseTheCompiler() {
        check(noClasses().that().resideInAPackage("dev.jazero.internal.interpreter..")
                .should().dependOnClassesThat().resideInAPackage("dev.jazero.internal.compiler.."));
    }

    @Test
    void theRuntimeKnowsNoTier() {
        check(noClasses().that().resideInAPackage("dev.jazero.internal.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jazero.internal.compiler..",
                        "dev.jazero.internal.interpreter..", "dev.jazero.internal.engine.."));
    }

    @Test
    void onlyTheCompositionRootPicksATier() {
        check(noClasses().that().resideOutsideOfPackages("dev.jazero.internal.engine..", "dev.jazero.internal.compiler..",
                        "dev.jazero.internal.interpreter..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jazero.internal.compiler..",
                        "dev.jazero.internal.interpreter.."));
    }

    @Test
    void sharedSemanticsUseNeitherTier() {
        check(noClasses().that().resideInAPackage("dev.jazero.internal.semantics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jazero.internal.compiler..",
                        "dev.jazero.internal.interpreter.."));
    }

    @Test
    void theModelKnowsNoTierAndNoInstance() {
        check(noClasses().that().resideInAnyPackage("dev.jazero.internal.wasm..", "dev.jazero.internal.ir..",
                        "dev.jazero.internal.decoding..", "dev.jazero.internal.validation..", "dev.jazero.internal.text..",
                        "dev.jazero.internal.dwarf..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jazero.internal.compiler..",
                        "dev.jazero.internal.interpreter..", "dev.jazero.internal.runtime..",
                        "dev.jazero.internal.semantics..", "dev.jazero.internal.engine.."));
    }

    @Test
    void theCacheKnowsNoRuntimeAndNoTier() {
        check(noClasses().that().resideInAPackage("dev.jazero.internal.cache..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jazero.internal.runtime..",
                        "dev.jazero.internal.compiler..", "dev.jazero.internal.interpreter..",
                        "dev.jazero.internal.engine.."));
    }

    @Test
    void theInternalPackagesHaveNoCycle() {
        check(slices().matching("dev.jazero.internal.(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(engine);
    }
}
