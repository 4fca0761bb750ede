package dev.jazero.integration.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.base.DescribedPredicate.not;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The modules built on the engine use its public API, and of its internals only the packages
 * that the engine's {@code module-info} exports to them by name, with the reason beside it:
 * {@code wasi} the runtime (the calling module's configuration), {@code jsr223} the text format
 * (whether bytes are text), the CLI the text format (the script parser) and the decoder.
 */
class ModuleBoundariesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importPackages("dev.jazero.wasi", "dev.jazero.jsr223", "dev.jazero.cli");

    @Test
    void wasiReachesOnlyTheRuntime() {
        noClasses().that().resideInAPackage("dev.jazero.wasi..")
                .should().dependOnClassesThat(resideInAPackage("dev.jazero.internal..")
                        .and(not(resideInAPackage("dev.jazero.internal.runtime.."))))
                .check(CLASSES);
    }

    @Test
    void theScriptEngineReachesOnlyTheTextFormat() {
        noClasses().that().resideInAPackage("dev.jazero.jsr223..")
                .should().dependOnClassesThat(resideInAPackage("dev.jazero.internal..")
                        .and(not(resideInAPackage("dev.jazero.internal.text.."))))
                .check(CLASSES);
    }

    @Test
    void theCommandLineReachesOnlyTheTextFormatAndTheDecoder() {
        noClasses().that().resideInAPackage("dev.jazero.cli..")
                .should().dependOnClassesThat(resideInAPackage("dev.jazero.internal..")
                        .and(not(resideInAPackage("dev.jazero.internal.text..")))
                        .and(not(resideInAPackage("dev.jazero.internal.decoding.."))))
                .check(CLASSES);
    }
}
