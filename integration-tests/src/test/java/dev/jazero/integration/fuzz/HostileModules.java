package dev.jazero.integration.fuzz;

import java.util.SplittableRandom;

/**
 * Generators of modules that try to make the host pay: deep operand stacks, many locals, deep
 * nesting, huge {@code br_table}s, long functions and call chains, many globals and functions,
 * runaway loops and recursion, and loops that grow or fill memories and tables. Each is a valid
 * module in the text format whose export {@code f} takes no parameters; its size is drawn
 * log-uniformly up to what its kind allows.
 */
final class HostileModules {

    /** The kinds, by name, for the campaign's counts. */
    static final String[] KINDS = {"deep-stack", "many-locals", "deep-nesting", "br-table", "long-function",
        "call-chain", "many-globals", "many-params", "runaway-loop", "runaway-recursion", "grow-memory", "grow-table",
        "fill-loop", "big-data"};

    private HostileModules() {
    }

    /** A size from 1 to {@code max}, log-uniformly. */
    private static int size(SplittableRandom random, int max) {
        return (int) Math.max(1, Math.min(max, Math.round(Math.exp(random.nextDouble() * Math.log(max)))));
    }

    static String generate(int kind, SplittableRandom random) {
        StringBuilder w = new StringBuilder("(module (memory 1 4096) (table 1 1000000 funcref)\n");
        switch (KINDS[kind]) {
            case "deep-stack" -> {
                int n = size(random, 200_000);
                w.append("(func (export \"f\") (result i32)");
                w.append(" (i32.const 1)".repeat(n)).append(" i32.add".repeat(n - 1)).append(")");
            }
            case "many-locals" -> {
                int n = size(random, 100_000);
                boolean recurse = random.nextBoolean();
                w.append("(func $f (export \"f\") (result i32) (local").append(" i64".repeat(n)).append(")");
                w.append(" (local.set ").append(n - 1).append(" (i64.const 7))");
                w.append(recurse ? " (call $f))" : " (i32.wrap_i64 (local.get " + (n - 1) + ")))");
            }
            case "deep-nesting" -> {
                int n = size(random, 50_000);
                String[] opens = {"(block", "(loop", "(if (i32.const 1) (then"};
                String[] closes = {")", ")", "))"};
                int shape = random.nextInt(3);
                w.append("(func (export \"f\")");
                w.append((" " + opens[shape]).repeat(n)).append(" (nop)").append(closes[shape].repeat(n)).append(")");
            }
            case "br-table" -> {
                int n = size(random, 100_000);
                w.append("(func (export \"f\") (result i32) (block $b (br_table");
                w.append(" $b".repeat(n)).append(" (i32.const ").append(random.nextInt(n + 1)).append("))) (i32.const 1))");
            }
            case "long-function" -> {
                int n = size(random, 300_000);
                w.append("(func (export \"f\") (result i32) (local i32)");
                w.append(" (local.set 0 (i32.add (local.get 0) (i32.const 3)))".repeat(n)).append(" (local.get 0))");
            }
            case "call-chain" -> {
                int n = size(random, 20_000);
                for (int i = 0; i < n; i++) {
                    w.append("(func $g").append(i).append(" (result i32) ")
                            .append(i + 1 < n ? "(i32.add (call $g" + (i + 1) + ") (i32.const 1))" : "(i32.const 0)").append(")\n");
                }
                w.append("(func (export \"f\") (result i32) (call $g0))");
            }
            case "many-globals" -> {
                int n = size(random, 100_000);
                for (int i = 0; i < n; i++) {
                    w.append("(global (mut i32) (i32.const ").append(i).append("))");
                }
                w.append("(func (export \"f\") (result i32) (global.get ").append(n - 1).append("))");
            }
            case "many-params" -> {
                int n = size(random, 1_000);
                w.append("(func $g (param").append(" i64".repeat(n)).append(") (result i64) (local.get ").append(n - 1).append("))");
                w.append("(func (export \"f\") (result i64) (call $g").append(" (i64.const 5)".repeat(n)).append("))");
            }
            case "runaway-loop" -> w.append("(func (export \"f\") (local i32) (loop $l (local.set 0 (i32.add (local.get 0) (i32.const 1))) (br $l)))");
            case "runaway-recursion" -> w.append("(func $f (export \"f\") (call $f))");
            case "grow-memory" -> {
                int step = size(random, 1024);
                w.append("(func (export \"f\") (result i32) (loop $l (if (i32.ne (memory.grow (i32.const ").append(step)
                        .append(")) (i32.const -1)) (then (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4))")
                        .append(" (i32.const 1)) (br $l)))) (memory.size))");
            }
            case "grow-table" -> {
                int step = size(random, 100_000);
                w.append("(func (export \"f\") (result i32) (loop $l (if (i32.ne (table.grow (ref.null func) (i32.const ").append(step)
                        .append(")) (i32.const -1)) (then (br $l)))) (table.size))");
            }
            case "fill-loop" -> {
                int pages = size(random, 1024);
                w.append("(func (export \"f\") (drop (memory.grow (i32.const ").append(pages).append(")))")
                        .append(" (loop $l (memory.fill (i32.const 0) (i32.const 7) (i32.mul (memory.size) (i32.const 65536))) (br $l)))");
            }
            case "big-data" -> {
                int n = size(random, 65536);
                w.append("(data (i32.const 0) \"").append("\\41".repeat(n)).append("\")");
                w.append("(func (export \"f\") (result i32) (i32.load8_u (i32.const ").append(n - 1).append(")))");
            }
            default -> throw new IllegalArgumentException(KINDS[kind]);
        }
        return w.append(")").toString();
    }
}
