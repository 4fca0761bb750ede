package example.results;

import dev.jazero.Runtime;
import dev.jazero.api.Module;
import dev.jazero.api.ValueType;
import java.io.IOException;
import java.io.InputStream;

/**
 * Calls functions with several results. The results come back in one {@code long[]}, in order,
 * each encoded as {@link ValueType} says: an i32 zero-extended, a float as its raw bits.
 */
public final class Main {

    public static void main(String[] args) throws IOException {
        try (Runtime runtime = Runtime.create(); InputStream wat = Main.class.getResourceAsStream("/results.wat")) {
            Module module = runtime.instantiate(wat.readAllBytes());

            long[] divmod = module.exportedFunction("divmod").call(ValueType.encodeI32(-17), 5);
            System.out.println("-17 / 5 = " + ValueType.decodeI32(divmod[0]) + " remainder " + ValueType.decodeI32(divmod[1]));

            long[] stats = module.exportedFunction("sum_and_mean").call(100);
            System.out.println("1..100: sum " + stats[0] + ", mean " + ValueType.decodeF64(stats[1]));
        }
    }
}
