package dev.jazero.internal.runtime;

import dev.jazero.internal.ir.IrFunction;
import dev.jazero.internal.wasm.WasmModule;

/**
 * What compiling a module produces, and what a compilation cache keeps: the decoded module, the
 * internal code of the functions the interpreter runs (null for those compiled to bytecode), and
 * the tier's code (null in the interpreter tier).
 */
public record Compilation(WasmModule module, IrFunction[] code, ModuleCode classes) {
}
