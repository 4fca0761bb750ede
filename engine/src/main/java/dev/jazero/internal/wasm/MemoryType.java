package dev.jazero.internal.wasm;

/** A memory type: limits in 64 KiB pages ({@code max} -1 when absent). */
public record MemoryType(long min, long max) {
}
