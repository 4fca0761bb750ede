package dev.jazero.internal.wasm;

/** A custom section as decoded: name and payload. */
public record CustomSectionData(String name, byte[] data) {
}
