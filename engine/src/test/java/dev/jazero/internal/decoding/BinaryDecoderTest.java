package dev.jazero.internal.decoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jazero.api.MalformedModuleException;
import dev.jazero.internal.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class BinaryDecoderTest {

    static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    /** A module with one function (i32, i32) -> i32 exported as "add", and its name section. */
    static byte[] addModule() {
        return bytes(HEADER,
                section(1, 1, 0x60, 2, 0x7F, 0x7F, 1, 0x7F),
                section(3, 1, 0),
                section(7, 1, 3, 'a', 'd', 'd', 0, 0),
                section(10, 1, 7, 0, 0x20, 0, 0x20, 1, 0x6A, 0x0B),
                section(0, 4, 'n', 'a', 'm', 'e', 1, 6, 1, 0, 3, 'a', 'd', 'd'));
    }

    static byte[] section(int id, int... content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        out.write(content.length);
        for (int b : content) {
            out.write(b);
        }
        return out.toByteArray();
    }

    static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static MalformedModuleException malformed(byte[] module) {
        return assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(module, false));
    }

    @Test
    void decodesAModuleWithItsNames() {
        WasmModule m = BinaryDecoder.decode(addModule(), false);
        assertEquals(1, m.types.size());
        assertEquals(1, m.functionCount());
        assertEquals("add", m.names.functionName(0));
        assertEquals("add", m.exports.get(0).name());
    }

    @Test
    void everyTruncationIsMalformedNeverAnotherException() {
        byte[] module = addModule();
        java.util.Set<Integer> sectionStarts = new java.util.HashSet<>();
        for (int at = 8; at < module.length; at += 2 + module[at + 1]) {
            sectionStarts.add(at);
        }
        for (int n = 0; n < module.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(module, n);
            if (sectionStarts.contains(n)) {
                // A cut between sections may leave a valid module, or one with code missing.
                try {
                    BinaryDecoder.decode(cut, false);
                } catch (MalformedModuleException expected) {
                    // fine
                }
            } else {
                malformed(cut);
            }
        }
    }

    @Test
    void headerErrorsNameTheProblem() {
        assertTrue(malformed(new byte[] {1, 2, 3}).getMessage().contains("magic header not detected"));
        assertTrue(malformed(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}).getMessage().contains("unknown binary version"));
    }

    @Test
    void leb128TooLongOrTooLargeIsMalformed() {
        // Function section count written with six bytes.
        byte[] tooLong = bytes(HEADER, section(3, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
        assertTrue(malformed(tooLong).getMessage().contains("integer representation too long"));
        // A u32 whose fifth byte sets bits beyond 32.
        byte[] tooLarge = bytes(HEADER, section(3, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        assertTrue(malformed(tooLarge).getMessage().contains("integer too large"));
    }

    @Test
    void hugeCountsFailBeforeAllocating() {
        // Claims 2^32-1 types in a 5-byte section: must fail at once, not try to allocate.
        byte[] module = bytes(HEADER, section(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        MalformedModuleException e = malformed(module);
        assertTrue(e.getMessage().contains("unexpected end"), e.getMessage());
        assertTrue(e.getMessage().contains("type section"), e.getMessage());
    }

    @Test
    void tooManyLocalsIsMalformed() {
        byte[] module = bytes(HEADER, section(1, 1, 0x60, 0, 0), section(3, 1, 0),
                section(10, 1, 10, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7F, 0x0B));
        assertTrue(malformed(module).getMessage().contains("too many locals"));
    }

    @Test
    void sectionsOutOfOrderAreMalformed() {
        byte[] module = bytes(HEADER, section(3, 0), section(1, 0));
        malformed(module);
    }

    @Test
    void illegalOpcodeInABodyIsMalformed() {
        byte[] module = bytes(HEADER, section(1, 1, 0x60, 0, 0), section(3, 1, 0), section(10, 1, 3, 0, 0xFF, 0x0B));
        assertTrue(malformed(module).getMessage().contains("illegal opcode"));
    }

    @Test
    void errorsNameTheOffset() {
        byte[] module = bytes(HEADER, section(1, 1, 0x61, 0, 0));
        assertTrue(malformed(module).getMessage().contains("offset 0xb"), "type form byte at offset 11");
    }

    @Test
    void damagedNameSectionIsIgnored() {
        byte[] module = bytes(HEADER, section(0, 4, 'n', 'a', 'm', 'e', 1, 9, 1, 0));
        WasmModule m = BinaryDecoder.decode(module, false);
        assertEquals(null, m.names.functionName(0));
    }
}
