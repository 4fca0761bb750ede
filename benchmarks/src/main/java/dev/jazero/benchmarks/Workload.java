package dev.jazero.benchmarks;

/**
 * The workloads: a kernel exported by a module built from {@code src/main/c}, the argument one
 * benchmark operation passes, and the result it must return (checked once per trial, so that
 * every engine is seen to compute the same thing).
 */
public enum Workload {
    /** Calls: recursive Fibonacci, about 250,000 calls. */
    FIB("fib", "fib.wasm", "fib", 25, 75025),
    /** Integer arithmetic: xorshift, FNV, div/rem, rotates, popcount. */
    INTMATH("intmath", "intmath.wasm", "intmath", 200_000, 401471660885L),
    /** Float arithmetic: n-body, f64 with sqrt (the result is the energy's raw bits). */
    NBODY("nbody", "nbody.wasm", "nbody", 20_000, -4628111933838344568L),
    /** Memory traffic: a byte sieve up to 1,000,000. */
    SIEVE("sieve", "memory.wasm", "sieve", 1_000_000, 78498),
    /** Memory traffic: block copies and a quicksort of 100,000 i32s. */
    SORT("sort", "memory.wasm", "sort", 100_000, -5461035758382432156L),
    /** A switch-dispatch interpreter loop: a tiny stack VM, 17 VM instructions per iteration. */
    VM("vm", "vm.wasm", "vm", 50_000, 85365),
    /** Allocation: binary trees of malloc'd nodes, built and freed. */
    ALLOC("alloc", "alloc.wasm", "alloc", 10, 131759);

    public static final String[] NAMES = {"fib", "intmath", "nbody", "sieve", "sort", "vm", "alloc"};

    private final String label;
    final String file;
    final String export;
    final long arg;
    /** The expected result, as native code (gcc -O2) computes it: i32 zero-extended, f64 as raw bits. */
    final long expected;

    Workload(String label, String file, String export, long arg, long expected) {
        this.label = label;
        this.file = file;
        this.export = export;
        this.arg = arg;
        this.expected = expected;
    }

    public String label() {
        return label;
    }

    public static Workload of(String label) {
        for (Workload w : values()) {
            if (w.label.equals(label)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload: " + label);
    }
}
