package dev.jazero.internal.wasm;

/** A data segment. */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstExpr offset, byte[] data) {
}
