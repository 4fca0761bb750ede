package dev.jazero.integration.readme;

// tag::readme[]
import dev.jazero.Runtime;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
// end::readme[]

/**
 * README's embedding example, compiled and run by the build ({@link ReadmeExampleTest} checks
 * that README.md quotes it word for word).
 */
final class EmbeddingExample {

    private EmbeddingExample() {
    }

    static void run(Path repository) throws IOException {
        Path examples = repository.resolve("examples");
        // tag::readme[]
        try (Runtime runtime = Runtime.create()) {
            // A Java function that modules import as env.log.
            runtime.newHostModuleBuilder("env")
                .newFunctionBuilder()
                    .withStackFunction(stack -> System.out.println("log: " + ValueType.decodeI32(stack[0])),
                                       List.of(ValueType.I32), List.of())
                    .export("log")
                .instantiate();

            // .wasm bytes, or the text format as UTF-8.
            Module module = runtime.instantiate(Files.readAllBytes(examples.resolve("fac.wat")));
            long[] results = module.exportedFunction("fac").call(10);
            System.out.println(results[0]);  // 3628800
        }
        // end::readme[]
    }
}
