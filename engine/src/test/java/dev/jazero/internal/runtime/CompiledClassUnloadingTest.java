package dev.jazero.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jazero.Runtime;
import dev.jazero.RuntimeConfig;
import dev.jazero.api.Module;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** Compiled code lives in classes that the JVM unloads once their module is gone. */
class CompiledClassUnloadingTest {

    @Test
    void aClosedModulesClassesAreCollected() throws InterruptedException {
        WeakReference<Class<?>> compiledClass = compileRunAndClose();
        for (int i = 0; i < 50 && compiledClass.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(compiledClass.get(), "the class of a closed module is still reachable");
    }

    private static WeakReference<Class<?>> compileRunAndClose() {
        try (Runtime runtime = Runtime.create(RuntimeConfig.compiler())) {
            CompiledModuleImpl compiled = (CompiledModuleImpl) runtime.compileModule("""
                    (module
                      (table funcref (elem $sq))
                      (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
                      (func (export "f") (param i32) (result i32)
                        (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0))))
                    """);
            Module m = runtime.instantiate(compiled);
            m.exportedFunction("f").call(7);
            Class<?> code = ((dev.jazero.internal.compiler.CompiledClasses) compiled.compiledCode).code(1).getClass();
            assertNotNull(code);
            m.close();
            return new WeakReference<>(code);
        }
    }
}
