package dev.jazero.internal.runtime;

import dev.jazero.RuntimeConfig;
import dev.jazero.api.InvalidModuleException;
import dev.jazero.internal.wasm.MemoryType;
import dev.jazero.internal.wasm.TableType;
import dev.jazero.internal.wasm.WasmModule;

/**
 * The runtime's own limits on what a module may declare, checked when it compiles (as wazero
 * does for memories) so that a module this runtime can never instantiate fails early, before
 * anything is allocated for it. Instantiation checks again, for imports.
 */
final class RuntimeLimits {

    private RuntimeLimits() {
    }

    static void check(WasmModule module, RuntimeConfig config) {
        int memory = module.allMemories().size() - module.memories.size();
        for (MemoryType t : module.memories) {
            if (t.min() > config.memoryLimitPages()) {
                throw new InvalidModuleException("memory " + memory + ": minimum of " + t.min()
                        + " pages exceeds this runtime's limit of " + config.memoryLimitPages()
                        + " pages (RuntimeConfig.withMemoryLimitPages)");
            }
            memory++;
        }
        int table = module.allTables().size() - module.tables.size();
        for (TableType t : module.tables) {
            if (t.min() > config.tableLimitElements()) {
                throw new InvalidModuleException("table " + table + ": minimum of " + t.min()
                        + " elements exceeds this runtime's limit of " + config.tableLimitElements()
                        + " elements (RuntimeConfig.withTableLimitElements)");
            }
            table++;
        }
    }
}
