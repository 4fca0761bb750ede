package dev.jazero.jsr223;

import java.io.ByteArrayOutputStream;

/** Modules the tests evaluate. */
final class Modules {

    private Modules() {
    }

    static final String COUNTER = """
            (module $counter
              (memory (export "memory") 1)
              (global $count (export "count") (mut i32) (i32.const 0))
              (global (export "pi") f64 (f64.const 3.25))
              (func (export "inc") (result i32)
                (global.set $count (i32.add (global.get $count) (i32.const 1)))
                (global.get $count))
              (func (export "bump_memory")
                (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
              (func (export "memory_count") (result i32) (i32.load (i32.const 0)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "add_i64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
              (func (export "mul_f32") (param f32 f32) (result f32) (f32.mul (local.get 0) (local.get 1)))
              (func (export "div_f64") (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
              (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "is_positive") (param i32) (result i32) (i32.gt_s (local.get 0) (i32.const 0)))
              (func (export "nothing"))
              (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0)))
            """;

    /** (module (func (export "answer") (result i32) i32.const 42)) */
    static final byte[] ANSWER = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x0a, 0x01, 0x06, 'a', 'n', 's', 'w', 'e', 'r', 0x00, 0x00,
        0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b,
    };

    /**
     * A binary module of at least {@code size} bytes: functions of {@code i32.const; drop}
     * sequences, the first exported as "f0".
     */
    static byte[] big(int size) {
        int perBody = 1000;
        int instrs = perBody / 4;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);   // no locals
        for (int i = 0; i < instrs; i++) {
            body.write(0x41);
            leb(body, 1000 + i);   // two bytes
            body.write(0x1a);
        }
        body.write(0x0b);
        byte[] b = body.toByteArray();
        int count = size / b.length + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        section(out, 1, new byte[] {0x01, 0x60, 0x00, 0x00});
        ByteArrayOutputStream funcs = new ByteArrayOutputStream();
        leb(funcs, count);
        for (int i = 0; i < count; i++) {
            funcs.write(0);
        }
        section(out, 3, funcs.toByteArray());
        section(out, 7, new byte[] {0x01, 0x02, 'f', '0', 0x00, 0x00});
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        leb(code, count);
        for (int i = 0; i < count; i++) {
            leb(code, b.length);
            code.writeBytes(b);
        }
        section(out, 10, code.toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        leb(out, content.length);
        out.writeBytes(content);
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
