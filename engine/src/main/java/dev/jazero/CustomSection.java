package dev.jazero;

/**
 * A custom section of a module: its name and raw bytes. Kept only when
 * {@link RuntimeConfig#withCustomSections(boolean)} is on.
 *
 * @param name the section's name
 * @param data the section's bytes after the name
 */
public record CustomSection(String name, byte[] data) {
}
