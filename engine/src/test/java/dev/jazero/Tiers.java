package dev.jazero;

import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The two execution tiers, for the tests that run in both: a test annotated {@link InBothTiers}
 * takes each tier's {@link RuntimeConfig} in turn, and a test that pairs tiers with other
 * arguments takes them from {@link #configs()}. A new tier, or a tier's new default setting,
 * changes this one place.
 */
public final class Tiers {

    private Tiers() {
    }

    /** The compiler's and the interpreter's default configurations, in that order. */
    public static List<RuntimeConfig> configs() {
        return List.of(RuntimeConfig.compiler(), RuntimeConfig.interpreter());
    }

    /** The name a test report gives a tier's configuration. */
    public static String name(RuntimeConfig config) {
        return config.isCompiler() ? "compiler" : "interpreter";
    }

    /** Each tier's configuration as a named argument: the source of {@link InBothTiers}. */
    public static Stream<Arguments> both() {
        return configs().stream().map(c -> arguments(named(name(c), c)));
    }
}
