package dev.jazero.integration.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A guest that builds and drops ten million structs (some 400 MB of them over the run) runs in a
 * JVM whose heap holds 48 MB: what no instance, global, table or frame reaches is the JVM
 * collector's to take. Run by {@code ./jazero run} in a JVM of its own, in both tiers.
 */
class BoundedHeapTest {

    /** Lists of 1,000 nodes, each dropped when the next is built; the last node's value is checked. */
    private static final String CHURN = """
            (module
              (type $node (struct (field $value i64) (field $next (ref null $node))))
              (global $last (mut (ref null $node)) (ref.null $node))
              (func (export "_start") (local $round i32) (local $i i32) (local $list (ref null $node))
                (loop $rounds
                  (local.set $list (ref.null $node))
                  (local.set $i (i32.const 0))
                  (loop $nodes
                    (local.set $list (struct.new $node (i64.extend_i32_u (local.get $i)) (local.get $list)))
                    (br_if $nodes (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
                  (global.set $last (local.get $list))
                  (br_if $rounds (i32.lt_u (local.tee $round (i32.add (local.get $round) (i32.const 1))) (i32.const 10000))))
                (if (i64.ne (struct.get $node $value (global.get $last)) (i64.const 999)) (then (unreachable)))))
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"--compiler", "--interpreter"})
    void droppedStructsAreCollected(String tier) throws IOException, InterruptedException {
        Path module = Files.writeString(tmp.resolve("churn.wat"), CHURN);
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-cp", System.getProperty("java.class.path"), "dev.jazero.cli.Main", "run", tier,
                module.toString()))
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./jazero run did not finish in 5 minutes");
        }
        assertEquals(0, p.exitValue(), () -> readQuietly(err));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
