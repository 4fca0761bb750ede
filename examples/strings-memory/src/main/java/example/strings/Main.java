package example.strings;

import dev.jazero.Runtime;
import dev.jazero.api.Function;
import dev.jazero.api.Memory;
import dev.jazero.api.Module;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a string to the guest and reads one back through its linear memory: the guest allocates
 * the buffer, the host writes the bytes, the guest works on them, the host reads them and frees
 * the buffer.
 */
public final class Main {

    public static void main(String[] args) throws IOException {
        try (Runtime runtime = Runtime.create(); InputStream wat = Main.class.getResourceAsStream("/text.wat")) {
            Module module = runtime.instantiate(wat.readAllBytes());
            Function alloc = module.exportedFunction("alloc");
            Function free = module.exportedFunction("free");
            Function upper = module.exportedFunction("upper");
            Memory memory = module.exportedMemory("memory");

            byte[] text = "Hello, WebAssembly!".getBytes(StandardCharsets.UTF_8);
            int buffer = (int) alloc.call(text.length)[0];  // an i32 result, zero-extended
            try {
                memory.write(buffer, text);
                long changed = upper.call(buffer, text.length)[0];
                String result = memory.readString(buffer, text.length);  // UTF-8
                System.out.println(result + " (" + changed + " letters changed)");
            } finally {
                free.call(buffer);
            }
        }
    }
}
