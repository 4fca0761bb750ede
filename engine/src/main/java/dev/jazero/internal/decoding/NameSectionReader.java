package dev.jazero.internal.decoding;

import dev.jazero.api.MalformedModuleException;
import dev.jazero.internal.wasm.NameSection;

/**
 * Reads the "name" custom section. The specification lets a runtime ignore a bad name section,
 * so any error here just stops reading, keeping what was read so far.
 */
final class NameSectionReader {

    private NameSectionReader() {
    }

    static void read(byte[] data, NameSection names) {
        ByteReader in = new ByteReader(data);
        try {
            while (in.hasMore()) {
                int id = in.u8();
                int size = in.count(1);
                int end = in.position() + size;
                int outer = in.setLimit(end);
                switch (id) {
                    case 0 -> names.setModuleName(in.name());
                    case 1 -> {
                        int n = in.count(2);
                        for (int i = 0; i < n; i++) {
                            int index = in.u32Index();
                            names.putFunctionName(index, in.name());
                        }
                    }
                    case 2 -> {
                        int n = in.count(2);
                        for (int i = 0; i < n; i++) {
                            int function = in.u32Index();
                            int m = in.count(2);
                            for (int j = 0; j < m; j++) {
                                int local = in.u32Index();
                                names.putLocalName(function, local, in.name());
                            }
                        }
                    }
                    default -> in.setPosition(end);
                }
                in.setPosition(end);
                in.setLimit(outer);
            }
        } catch (MalformedModuleException ignored) {
            // A damaged name section only loses names.
        }
    }
}
