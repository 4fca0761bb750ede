package dev.jazero.internal.text;

/** A module in the text format, translated: its binary, and where its instructions are in the text. */
public record TextModule(byte[] binary, TextPositions positions) {
}
