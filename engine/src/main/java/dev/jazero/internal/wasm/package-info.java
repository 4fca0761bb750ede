/**
 * The one model of a WebAssembly module that every stage shares: the decoder and the text parser
 * produce it (the text parser through the binary format), the validator checks it, the engines
 * compile it and the linker instantiates it. Plain data with no behaviour beyond lookups.
 */
package dev.jazero.internal.wasm;
