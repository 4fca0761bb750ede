package dev.jazero.internal.runtime;

import dev.jazero.RuntimeConfig;
import dev.jazero.api.UninstantiableModuleException;
import dev.jazero.internal.wasm.MemoryType;
import dev.jazero.internal.wasm.Table;
import dev.jazero.internal.wasm.TableType;
import dev.jazero.internal.wasm.WasmModule;

/**
 * The runtime's own limits on what a module may declare, checked when it is instantiated, before
 * anything is allocated for it. Not when it compiles: a module that declares more than this
 * runtime gives is still a valid module, which the spec requires to compile (3.0's
 * {@code module definition}); only its instances cannot be made.
 */
final class RuntimeLimits {

    private RuntimeLimits() {
    }

    static void check(WasmModule module, RuntimeConfig config, String moduleName) {
        int memory = module.allMemories().size() - module.memories.size();
        for (MemoryType t : module.memories) {
            if (Long.compareUnsigned(t.min(), config.memoryLimitPages()) > 0) {
                throw new UninstantiableModuleException("module " + moduleName + ": memory " + memory + ": minimum of " + Long.toUnsignedString(t.min())
                        + " pages exceeds this runtime's limit of " + config.memoryLimitPages()
                        + " pages (RuntimeConfig.withMemoryLimitPages)", null);
            }
            memory++;
        }
        int table = module.allTables().size() - module.tables.size();
        for (Table defined : module.tables) {
            TableType t = defined.type();
            if (Long.compareUnsigned(t.min(), config.tableLimitElements()) > 0) {
                throw new UninstantiableModuleException("module " + moduleName + ": table " + table + ": minimum of " + Long.toUnsignedString(t.min())
                        + " elements exceeds this runtime's limit of " + config.tableLimitElements()
                        + " elements (RuntimeConfig.withTableLimitElements)", null);
            }
            table++;
        }
    }
}
