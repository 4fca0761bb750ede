package dev.jazero.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic generator of a large, valid WebAssembly module shaped like a compiled C, C++
 * or Rust program (the startup target's "16 MiB module with 18,000 functions"), written directly in the
 * binary format.
 *
 * <p>Function body sizes follow a log-normal distribution scaled to the requested total: most
 * functions are small (tens to hundreds of bytes), with a long tail of large ones up to 100 KB.
 * Bodies have nested blocks, bounded loops, {@code if}/{@code else}, {@code br_if},
 * {@code br_table} switches, i32/i64/f32/f64 arithmetic, loads and stores at various offsets
 * into one memory, many locals, direct calls and {@code call_indirect} through a table filled by
 * an element segment, a stack-pointer global with frames, two data segments, a type section of a
 * few hundred signatures and a name section.
 *
 * <p>Every function terminates quickly and never traps: loops count down a counter no other code
 * writes, memory addresses are masked into the memory, divisors are made non-zero and positive,
 * float-to-int conversions saturate, a function only calls functions of lower index (so the call
 * graph is acyclic) whose call-graph height and a bound on their dynamic instruction count are
 * known and kept under limits, and {@code call_indirect} indexes only table slots whose functions
 * have the expected type. The exported entry function {@value #ENTRY} ({@code () -> i64}) calls a
 * selection of functions spread over the module and returns a checksum of their results and of
 * memory, which is the same on every correct engine.
 *
 * <p>Usage: {@code BigModule.generate(BigModule.Spec.defaults()).bytes()}, or
 * {@code BigModule.cached(spec, dir)} for a file generated once; {@link #main} writes a file and
 * prints its summary.
 */
public final class BigModule {

    public static final int DEFAULT_FUNCTIONS = 18_000;
    public static final long DEFAULT_CODE_BYTES = 16L << 20;
    public static final long DEFAULT_SEED = 1;
    /** The exported entry function, {@code () -> i64}. */
    public static final String ENTRY = "run";

    /** What to generate: the function count (the entry function included), code bytes, seed. */
    public record Spec(int functions, long codeBytes, long seed, boolean names) {
        public Spec {
            if (functions < 2) {
                throw new IllegalArgumentException("at least 2 functions");
            }
            if (codeBytes < 16L * functions) {
                throw new IllegalArgumentException("code bytes must be at least 16 per function");
            }
        }

        public static Spec defaults() {
            return new Spec(DEFAULT_FUNCTIONS, DEFAULT_CODE_BYTES, DEFAULT_SEED, true);
        }

        public Spec withFunctions(int n) {
            return new Spec(n, codeBytes, seed, names);
        }

        public Spec withCodeBytes(long bytes) {
            return new Spec(functions, bytes, seed, names);
        }

        public Spec withSeed(long s) {
            return new Spec(functions, codeBytes, s, names);
        }

        public Spec withNames(boolean n) {
            return new Spec(functions, codeBytes, seed, n);
        }

        /** A file name that identifies the spec (and the generator's version). */
        public String fileName() {
            return "bigmodule-v" + VERSION + "-f" + functions + "-c" + codeBytes + "-s" + seed + (names ? "" : "-nonames")
                    + ".wasm";
        }
    }

    /** Bumped whenever the generator's output for a given spec changes (cached file names). */
    static final int VERSION = 2;

    /** A generated module and what it is made of. */
    public record Generated(Spec spec, byte[] bytes, int[] bodySizes, int typeCount, int tableEntries, int dataBytes,
            int runCalls, long runCostBound) {

        public long codeBytes() {
            long sum = 0;
            for (int s : bodySizes) {
                sum += s;
            }
            return sum;
        }

        /** A few lines: sizes, counts and the distribution of body sizes. */
        public String summary() {
            int[] sorted = bodySizes.clone();
            Arrays.sort(sorted);
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "module %,d bytes (%.2f MiB): %,d functions, code %,d bytes (%.2f MiB), "
                    + "%d types, %,d table entries, %,d data bytes; %s calls %d functions (dynamic cost bound %,d)%n",
                    bytes.length, bytes.length / 1048576.0, sorted.length, codeBytes(), codeBytes() / 1048576.0, typeCount,
                    tableEntries, dataBytes, ENTRY, runCalls, runCostBound));
            sb.append(String.format(Locale.ROOT, "body bytes: min %d, p10 %d, p25 %d, median %d, mean %d, p75 %d, p90 %d, "
                    + "p99 %,d, max %,d%n", sorted[0], pct(sorted, 10), pct(sorted, 25), pct(sorted, 50),
                    codeBytes() / sorted.length, pct(sorted, 75), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1]));
            int[] bounds = {200, 1_000, 5_000, 20_000, Integer.MAX_VALUE};
            String[] names = {"<=200", "201-1K", "1K-5K", "5K-20K", ">20K"};
            sb.append("by size:");
            int from = 0;
            for (int b = 0; b < bounds.length; b++) {
                int count = 0;
                long total = 0;
                while (from < sorted.length && sorted[from] <= bounds[b]) {
                    count++;
                    total += sorted[from++];
                }
                sb.append(String.format(Locale.ROOT, " %s: %,d fns %.1f%% of code;", names[b], count,
                        100.0 * total / codeBytes()));
            }
            sb.setLength(sb.length() - 1);
            return sb.append('\n').toString();
        }

        private static int pct(int[] sorted, int p) {
            return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))];
        }
    }

    private BigModule() {
    }

    /** Generates the module of {@code spec}; the same spec always gives the same bytes. */
    public static Generated generate(Spec spec) {
        return new Gen(spec).run();
    }

    /**
     * The module of {@code spec} as a file in {@code dir}, generated on first use (named by
     * {@link Spec#fileName()}, written atomically), with its {@link Generated#summary()} beside
     * it in {@link #summaryFile}.
     */
    public static Path cached(Spec spec, Path dir) {
        Path file = dir.resolve(spec.fileName());
        if (Files.isRegularFile(file) && Files.isRegularFile(summaryFile(file))) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            Generated g = generate(spec);
            Path tmp = Files.createTempFile(dir, "bigmodule", ".tmp");
            Files.writeString(tmp, g.summary());
            Files.move(tmp, summaryFile(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = Files.createTempFile(dir, "bigmodule", ".tmp");
            Files.write(tmp, g.bytes());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The summary of a cached module: {@code FILE.wasm.txt}. */
    public static Path summaryFile(Path wasm) {
        return wasm.resolveSibling(wasm.getFileName() + ".txt");
    }

    /**
     * {@code BigModule [--functions N] [--code-mib M] [--seed S] [--no-names] [--out FILE]}:
     * writes the module (default {@code bigmodule.wasm}) and prints its summary.
     */
    public static void main(String[] args) throws IOException {
        Spec spec = Spec.defaults();
        Path out = Path.of("bigmodule.wasm");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--functions" -> spec = spec.withFunctions(Integer.parseInt(args[++i]));
                case "--code-mib" -> spec = spec.withCodeBytes((long) (Double.parseDouble(args[++i]) * 1048576));
                case "--seed" -> spec = spec.withSeed(Long.parseLong(args[++i]));
                case "--no-names" -> spec = spec.withNames(false);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: BigModule [--functions N] [--code-mib M] [--seed S] [--no-names] [--out FILE]");
                    System.exit(2);
                }
            }
        }
        long start = System.nanoTime();
        Generated g = generate(spec);
        Files.write(out, g.bytes());
        System.out.printf(Locale.ROOT, "wrote %s in %d ms%n", out, (System.nanoTime() - start) / 1_000_000);
        System.out.print(g.summary());
    }

    // ---------------------------------------------------------------------------------------
    // Encoding

    /** A growable byte buffer with the binary format's encodings. */
    static final class Buf {
        byte[] b = new byte[256];
        int n;

        void u8(int v) {
            if (n == b.length) {
                b = Arrays.copyOf(b, b.length * 2);
            }
            b[n++] = (byte) v;
        }

        void u32(long v) {
            do {
                int low = (int) (v & 0x7F);
                v >>>= 7;
                u8(v != 0 ? low | 0x80 : low);
            } while (v != 0);
        }

        void s64(long v) {
            while (true) {
                int low = (int) (v & 0x7F);
                v >>= 7;
                boolean done = (v == 0 && (low & 0x40) == 0) || (v == -1 && (low & 0x40) != 0);
                u8(done ? low : low | 0x80);
                if (done) {
                    return;
                }
            }
        }

        void f32(float f) {
            int bits = Float.floatToRawIntBits(f);
            for (int i = 0; i < 4; i++) {
                u8(bits >>> (8 * i));
            }
        }

        void f64(double d) {
            long bits = Double.doubleToRawLongBits(d);
            for (int i = 0; i < 8; i++) {
                u8((int) (bits >>> (8 * i)));
            }
        }

        void bytes(byte[] src, int off, int len) {
            while (n + len > b.length) {
                b = Arrays.copyOf(b, b.length * 2);
            }
            System.arraycopy(src, off, b, n, len);
            n += len;
        }

        void buf(Buf other) {
            bytes(other.b, 0, other.n);
        }

        void name(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            u32(utf8.length);
            bytes(utf8, 0, utf8.length);
        }

        void section(int id, Buf content) {
            u8(id);
            u32(content.n);
            buf(content);
        }

        byte[] toArray() {
            return Arrays.copyOf(b, n);
        }
    }

    /** SplitMix64: small, fast, and the same everywhere. */
    static final class Rng {
        private long state;

        Rng(long seed) {
            state = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, bound). */
        int below(int bound) {
            return (int) ((next() >>> 1) % bound);
        }

        /** Uniform in [lo, hi]. */
        int range(int lo, int hi) {
            return lo + below(hi - lo + 1);
        }

        double unit() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        boolean chance(double p) {
            return unit() < p;
        }

        double gaussian() {
            double u1 = Math.max(unit(), 1e-300);
            return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * unit());
        }
    }

    // ---------------------------------------------------------------------------------------
    // Module layout

    static final int I32 = 0x7F;
    static final int I64 = 0x7E;
    static final int F32 = 0x7D;
    static final int F64 = 0x7C;
    static final int VOID = 0x40;

    /** Memory: 32 pages (2 MiB). The stack grows down from the top; the "heap" is below 1 MiB. */
    static final int MEMORY_PAGES = 32;
    static final int STACK_TOP = MEMORY_PAGES * 65536;
    /** Masked heap addresses are below 1 MiB; offsets are below 4 KiB. */
    static final int HEAP_MASK = 0xFFFF8;
    static final int MAX_HEAP_OFFSET = 4096;
    static final int RODATA_AT = 1024;
    static final int RODATA_BYTES = 16 * 1024;
    static final int DATA_AT = 0x10000;
    static final int DATA_BYTES = 240 * 1024;

    /** Globals: 0 is the stack pointer. */
    static final int G_SP = 0;
    static final int[] GLOBAL_TYPES = {I32, I32, I64, F64, I32, I32, I32, F32};
    static final boolean[] GLOBAL_MUTABLE = {true, true, true, true, false, false, true, true};

    /** Smallest and largest body sizes. */
    static final int MIN_BODY = 10;
    static final int MAX_BODY = 100_000;
    /** Longest call chain below a function (keeps the JVM's stack and the Wasm stack small). */
    static final int MAX_HEIGHT = 12;
    /** Bound on a function's dynamic instruction count, its callees' included. */
    static final long COST_CAP = 100_000;
    /** Bound on loop iterations times loop body bytes (times enclosing iterations). */
    static final long LOOP_CAP = 64_000;
    /** Bound on the entry function's dynamic instruction count. */
    static final long RUN_COST_CAP = 4_000_000;
    static final int RUN_CALLS = 128;

    /** The generator of one module. */
    private static final class Gen {
        final Spec spec;
        final Rng rng;
        final int n;
        final int entry;
        /** Signatures: params and results as valtype bytes. */
        final List<int[]> typeParams = new ArrayList<>();
        final List<int[]> typeResults = new ArrayList<>();
        final int[] funcType;
        final int[] targetSize;
        final int[] bodySize;
        final int[] height;
        final long[] cost;
        /** Table: slot 0 is null; slot s + 1 holds tableFuncs[s], sorted by type, then index. */
        int[] tableFuncs;
        int[] tableSlotOf;
        /** Functions generated so far, by result type (I32, I64, F32, F64). */
        final IntList[] byResult = new IntList[4];

        Gen(Spec spec) {
            this.spec = spec;
            this.rng = new Rng(spec.seed());
            this.n = spec.functions();
            this.entry = n - 1;
            this.funcType = new int[n];
            this.targetSize = new int[n];
            this.bodySize = new int[n];
            this.height = new int[n];
            this.cost = new long[n];
            for (int i = 0; i < 4; i++) {
                byResult[i] = new IntList();
            }
        }

        Generated run() {
            types();
            sizes();
            for (int f = 0; f < entry; f++) {
                funcType[f] = pickType();
            }
            funcType[entry] = entryType;
            table();

            Buf code = new Buf();
            code.b = new byte[(int) Math.min(Integer.MAX_VALUE - 16, spec.codeBytes() + spec.codeBytes() / 8 + 1024)];
            code.u32(n);
            Buf body = new Buf();
            // Bodies overshoot their targets a little (a statement does not stop mid-way):
            // aim the larger ones lower by the ratio seen so far.
            long targets = 1;
            long actual = 1;
            for (int f = 0; f < entry; f++) {
                body.n = 0;
                int target = targetSize[f];
                if (target > 100 && f > 100) {
                    targetSize[f] = (int) Math.max(100, target * Math.min(1.0, (double) targets / actual));
                }
                new FuncGen(f, body).generate();
                bodySize[f] = body.n;
                targets += targetSize[f];
                actual += body.n;
                code.u32(body.n);
                code.buf(body);
                if (typeResults.get(funcType[f]).length == 1) {
                    byResult[resultSlot(typeResults.get(funcType[f])[0])].add(f);
                }
            }
            body.n = 0;
            int runCalls = entryBody(body);
            bodySize[entry] = body.n;
            code.u32(body.n);
            code.buf(body);
            return new Generated(spec, assemble(code), bodySize, typeParams.size(), tableFuncs.length,
                    RODATA_BYTES + DATA_BYTES, runCalls, cost[entry]);
        }

        int entryType;

        /** A few hundred signatures, C-like: the common ones first (they are picked most). */
        void types() {
            int[][][] common = {
                {{I32}, {I32}}, {{I32, I32}, {I32}}, {{I32}, {}}, {{}, {}}, {{I32, I32}, {}}, {{I32, I32, I32}, {I32}},
                {{}, {I32}}, {{I32, I32, I32}, {}}, {{I32, I32, I32, I32}, {I32}}, {{I32}, {I64}}, {{I32, I64}, {I64}},
                {{F64}, {F64}}, {{F64, F64}, {F64}}, {{I32, I32, I32, I32}, {}}, {{I64, I64}, {I64}}, {{I32, F64}, {F64}},
            };
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int[][] t : common) {
                addType(t[0], t[1], seen);
            }
            int target = 320;
            int[] valtypes = {I32, I32, I32, I32, I32, I32, I32, I64, I64, F64, F64, F32};
            while (typeParams.size() < target) {
                int np = Math.min(rng.below(4) + rng.below(4) + (rng.chance(0.1) ? rng.below(8) : 0), 12);
                int[] params = new int[np];
                for (int i = 0; i < np; i++) {
                    params[i] = valtypes[rng.below(valtypes.length)];
                }
                int r = rng.below(20);
                int[] results = r < 7 ? new int[0] : r < 16 ? new int[] {I32} : r < 18 ? new int[] {I64} : r < 19
                        ? new int[] {F64} : new int[] {F32};
                addType(params, results, seen);
            }
            entryType = addType(new int[0], new int[] {I64}, seen);
        }

        int addType(int[] params, int[] results, java.util.Set<String> seen) {
            String key = Arrays.toString(params) + Arrays.toString(results);
            if (seen.add(key)) {
                typeParams.add(params);
                typeResults.add(results);
                return typeParams.size() - 1;
            }
            for (int i = 0; i < typeParams.size(); i++) {
                if (Arrays.equals(typeParams.get(i), params) && Arrays.equals(typeResults.get(i), results)) {
                    return i;
                }
            }
            throw new AssertionError();
        }

        /** Skewed to the first (common) signatures. */
        int pickType() {
            double u = rng.unit();
            return (int) ((typeParams.size() - 1) * u * u * u);
        }

        /**
         * Log-normal body sizes (median about 180 bytes before scaling), clamped to
         * [{@value #MIN_BODY}, {@value #MAX_BODY}] and scaled to sum to the requested code bytes.
         */
        void sizes() {
            int defined = entry;
            double[] raw = new double[defined];
            for (int f = 0; f < defined; f++) {
                raw[f] = StrictMath.exp(StrictMath.log(180) + 1.75 * rng.gaussian());
            }
            long target = spec.codeBytes() - 4096;
            double scale = 1;
            for (int round = 0; round < 30; round++) {
                long sum = 0;
                for (int f = 0; f < defined; f++) {
                    targetSize[f] = (int) Math.max(MIN_BODY, Math.min(MAX_BODY, Math.round(raw[f] * scale)));
                    sum += targetSize[f];
                }
                if (Math.abs(sum - target) < target / 2000) {
                    break;
                }
                scale *= (double) target / sum;
            }
        }

        /** About one function in eight is in the table (address taken), grouped by type. */
        void table() {
            IntList in = new IntList();
            for (int f = 0; f < entry; f++) {
                if (rng.chance(0.125)) {
                    in.add(f);
                }
            }
            Integer[] sorted = new Integer[in.size];
            for (int i = 0; i < in.size; i++) {
                sorted[i] = in.a[i];
            }
            Arrays.sort(sorted, (x, y) -> funcType[x] != funcType[y] ? Integer.compare(funcType[x], funcType[y])
                    : Integer.compare(x, y));
            tableFuncs = new int[sorted.length];
            tableSlotOf = new int[n];
            Arrays.fill(tableSlotOf, -1);
            for (int i = 0; i < sorted.length; i++) {
                tableFuncs[i] = sorted[i];
                tableSlotOf[sorted[i]] = i + 1;
            }
        }

        /**
         * The entry function: calls {@value #RUN_CALLS} functions spread over the module, within
         * the cost bound, and sums their results, some globals and some memory into an i64.
         */
        int entryBody(Buf out) {
            out.u32(1);
            out.u32(1);
            out.u8(I64); // local 0: the checksum
            int calls = 0;
            long total = 0;
            int maxHeight = 0;
            Rng args = new Rng(spec.seed() ^ 0x5EED);
            for (int j = 0; j < RUN_CALLS; j++) {
                int from = (int) ((long) j * entry / RUN_CALLS);
                int to = (int) ((long) (j + 1) * entry / RUN_CALLS);
                long share = (RUN_COST_CAP - total) / (RUN_CALLS - j);
                for (int f = from; f < to; f++) {
                    if (cost[f] <= share) {
                        for (int p : typeParams.get(funcType[f])) {
                            switch (p) {
                                case I32 -> {
                                    out.u8(0x41);
                                    out.s64(args.range(-1000, 100_000));
                                }
                                case I64 -> {
                                    out.u8(0x42);
                                    out.s64(args.next() >> args.below(60));
                                }
                                case F32 -> {
                                    out.u8(0x43);
                                    out.f32((float) (args.gaussian() * 100));
                                }
                                default -> {
                                    out.u8(0x44);
                                    out.f64(args.gaussian() * 1000);
                                }
                            }
                        }
                        out.u8(0x10);
                        out.u32(f);
                        int[] results = typeResults.get(funcType[f]);
                        if (results.length == 1) {
                            switch (results[0]) {
                                case I32 -> out.u8(0xAD); // i64.extend_i32_u
                                case I64 -> { }
                                case F32 -> {
                                    out.u8(0xFC);
                                    out.u32(4); // i64.trunc_sat_f32_s
                                }
                                default -> {
                                    out.u8(0xFC);
                                    out.u32(6); // i64.trunc_sat_f64_s
                                }
                            }
                            out.u8(0x20);
                            out.u32(0);
                            out.u8(0x7C); // i64.add
                            out.u8(0x21);
                            out.u32(0);
                        }
                        total += cost[f];
                        maxHeight = Math.max(maxHeight, height[f]);
                        calls++;
                        break;
                    }
                }
            }
            // checksum += g2 + g1 + memory at a few places (rotated so order matters)
            out.u8(0x20);
            out.u32(0);
            out.u8(0x23);
            out.u32(2);
            out.u8(0x7C);
            out.u8(0x23);
            out.u32(1);
            out.u8(0xAD);
            out.u8(0x7C);
            for (int at = 0; at < 1 << 20; at += 0x8008) {
                out.u8(0x42);
                out.s64(7);
                out.u8(0x89); // i64.rotl
                out.u8(0x41);
                out.s64(at);
                out.u8(0x29);
                out.u32(3);
                out.u32(0);
                out.u8(0x85); // i64.xor
            }
            out.u8(0x0B);
            cost[entry] = total;
            height[entry] = maxHeight + 1;
            return calls;
        }

        byte[] assemble(Buf code) {
            Buf m = new Buf();
            m.b = new byte[code.n + (1 << 20)];
            m.bytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, 8);

            Buf s = new Buf();
            s.u32(typeParams.size());
            for (int t = 0; t < typeParams.size(); t++) {
                s.u8(0x60);
                s.u32(typeParams.get(t).length);
                for (int p : typeParams.get(t)) {
                    s.u8(p);
                }
                s.u32(typeResults.get(t).length);
                for (int r : typeResults.get(t)) {
                    s.u8(r);
                }
            }
            m.section(1, s);

            s = new Buf();
            s.u32(n);
            for (int f = 0; f < n; f++) {
                s.u32(funcType[f]);
            }
            m.section(3, s);

            s = new Buf();
            s.u32(1);
            s.u8(0x70);
            s.u8(1);
            s.u32(tableFuncs.length + 1);
            s.u32(tableFuncs.length + 1);
            m.section(4, s);

            s = new Buf();
            s.u32(1);
            s.u8(0);
            s.u32(MEMORY_PAGES);
            m.section(5, s);

            s = new Buf();
            s.u32(GLOBAL_TYPES.length);
            for (int g = 0; g < GLOBAL_TYPES.length; g++) {
                s.u8(GLOBAL_TYPES[g]);
                s.u8(GLOBAL_MUTABLE[g] ? 1 : 0);
                switch (GLOBAL_TYPES[g]) {
                    case I32 -> {
                        s.u8(0x41);
                        s.s64(g == G_SP ? STACK_TOP : g == 4 ? RODATA_AT : g == 5 ? DATA_AT + DATA_BYTES : g);
                    }
                    case I64 -> {
                        s.u8(0x42);
                        s.s64(0x123456789L);
                    }
                    case F32 -> {
                        s.u8(0x43);
                        s.f32(0.25f);
                    }
                    default -> {
                        s.u8(0x44);
                        s.f64(1.5);
                    }
                }
                s.u8(0x0B);
            }
            m.section(6, s);

            s = new Buf();
            s.u32(2);
            s.name("memory");
            s.u8(2);
            s.u32(0);
            s.name(ENTRY);
            s.u8(0);
            s.u32(entry);
            m.section(7, s);

            s = new Buf();
            s.u32(1);
            s.u32(0); // active, table 0, funcref indices
            s.u8(0x41);
            s.s64(1);
            s.u8(0x0B);
            s.u32(tableFuncs.length);
            for (int f : tableFuncs) {
                s.u32(f);
            }
            m.section(9, s);

            m.u8(10);
            m.u32(code.n);
            m.buf(code);

            s = new Buf();
            s.u32(2);
            s.u32(0);
            s.u8(0x41);
            s.s64(RODATA_AT);
            s.u8(0x0B);
            byte[] rodata = new byte[RODATA_BYTES];
            String[] words = {"error: ", "invalid argument", "out of memory", "%s:%d: ", "assertion failed", "\n",
                "unknown", "std::vector", "panicked at", "index out of bounds", "0123456789abcdef"};
            for (int i = 0; i < rodata.length;) {
                byte[] w = words[rng.below(words.length)].getBytes(StandardCharsets.US_ASCII);
                for (int k = 0; k < w.length && i < rodata.length; k++) {
                    rodata[i++] = w[k];
                }
                if (i < rodata.length) {
                    rodata[i++] = 0;
                }
            }
            s.u32(rodata.length);
            s.bytes(rodata, 0, rodata.length);
            s.u32(0);
            s.u8(0x41);
            s.s64(DATA_AT);
            s.u8(0x0B);
            s.u32(DATA_BYTES);
            for (int i = 0; i < DATA_BYTES; i++) {
                // Mostly small integers and zeros, like initialised C data.
                s.u8(rng.chance(0.6) ? 0 : rng.below(rng.chance(0.8) ? 16 : 256));
            }
            m.section(11, s);

            if (spec.names()) {
                s = new Buf();
                s.name("name");
                Buf sub = new Buf();
                sub.u32(n);
                String[] parts = {"core", "alloc", "fmt", "io", "parse", "util", "net", "json", "hash", "str", "vec",
                    "map", "render", "codec", "sync", "task"};
                for (int f = 0; f < n; f++) {
                    sub.u32(f);
                    sub.name(f == entry ? ENTRY : parts[f % parts.length] + "::" + parts[(f / 16) % parts.length]
                            + "::fn_" + f + (f % 3 == 0 ? "_impl" : f % 3 == 1 ? "_inner" : ""));
                }
                s.u8(1);
                s.u32(sub.n);
                s.buf(sub);
                m.section(0, s);
            }
            return m.toArray();
        }

        static int resultSlot(int valtype) {
            return switch (valtype) {
                case I32 -> 0;
                case I64 -> 1;
                case F32 -> 2;
                default -> 3;
            };
        }

        // -----------------------------------------------------------------------------------
        // Function bodies

        static final int L_BLOCK = 0;
        static final int L_LOOP = 1;
        static final int L_IF = 2;
        /** A block, if or loop with a result, or one that branches may not target. */
        static final int L_OTHER = 3;
        static final int MAX_NEST = 14;

        /** Generates one function's body. */
        private final class FuncGen {
            final int f;
            final Buf out;
            final int[] params;
            final int[] results;
            int[] localTypes;
            /** Locals that statements may write, by result slot. */
            final IntList[] writable = new IntList[4];
            int fp = -1;
            int frame;
            final int[] counters = new int[2];
            int loopDepth;
            boolean loopsAllowed;
            int[] labels = new int[64];
            int labelCount;
            /** Branches may target labels at or above this index only. */
            int branchFloor;
            long mult = 1;
            long myCost;
            int myHeight;
            int exprDepthLimit = 3;

            FuncGen(int f, Buf out) {
                this.f = f;
                this.out = out;
                this.params = typeParams.get(funcType[f]);
                this.results = typeResults.get(funcType[f]);
                for (int i = 0; i < 4; i++) {
                    writable[i] = new IntList();
                }
            }

            void generate() {
                int start = out.n;
                int size = targetSize[f];
                boolean tiny = size < 40;
                // Locals: a few for small functions, up to hundreds for big ones; i32 mostly.
                int extra = tiny ? rng.below(3) : Math.min(400, 2 + (int) (size / 40.0 * (0.5 + rng.unit())));
                int[] counts = new int[4];
                for (int i = 0; i < extra; i++) {
                    double u = rng.unit();
                    counts[u < 0.7 ? 0 : u < 0.85 ? 1 : u < 0.97 ? 3 : 2]++;
                }
                boolean loops = !tiny;
                loopsAllowed = loops;
                boolean framed = size > 80 && rng.chance(0.6);
                int reservedI32 = (loops ? 2 : 0) + (framed ? 1 : 0);
                counts[0] += reservedI32;
                localTypes = new int[params.length + counts[0] + counts[1] + counts[2] + counts[3]];
                System.arraycopy(params, 0, localTypes, 0, params.length);
                int at = params.length;
                int[] slotTypes = {I32, I64, F32, F64};
                int groups = 0;
                for (int t = 0; t < 4; t++) {
                    for (int i = 0; i < counts[t]; i++) {
                        localTypes[at++] = slotTypes[t];
                    }
                    if (counts[t] > 0) {
                        groups++;
                    }
                }
                out.u32(groups);
                for (int t = 0; t < 4; t++) {
                    if (counts[t] > 0) {
                        out.u32(counts[t]);
                        out.u8(slotTypes[t]);
                    }
                }
                // The reserved i32 locals are the first declared ones.
                int reserved = params.length;
                if (loops) {
                    counters[0] = reserved++;
                    counters[1] = reserved++;
                }
                if (framed) {
                    fp = reserved++;
                    frame = 16 * rng.range(1, 16);
                }
                for (int l = 0; l < localTypes.length; l++) {
                    if (l < params.length || l >= reserved) {
                        writable[resultSlot(localTypes[l])].add(l);
                    }
                }

                int end = start + size - 2;
                if (framed) {
                    // sp -= frame; fp = sp
                    op(0x23);
                    out.u32(G_SP);
                    i32const(frame);
                    op(0x6B);
                    op(0x22);
                    out.u32(fp);
                    op(0x24);
                    out.u32(G_SP);
                }
                boolean bodyBlock = size > 60;
                if (bodyBlock) {
                    op(0x02);
                    out.u8(VOID);
                    push(L_BLOCK);
                }
                exprDepthLimit = size < 60 ? 1 : size < 300 ? 2 : 3;
                // Leave room for the epilogue and results.
                int resultsRoom = results.length * (size < 60 ? 3 : 8) + (framed ? 9 : 0) + (bodyBlock ? 1 : 0);
                stmts(Math.max(out.n + 1, end - resultsRoom));
                if (bodyBlock) {
                    op(0x0B);
                    pop();
                }
                if (framed) {
                    op(0x20);
                    out.u32(fp);
                    i32const(frame);
                    op(0x6A);
                    op(0x24);
                    out.u32(G_SP);
                }
                // The frame is gone: sp is the caller's again (the top of memory, at the top).
                fp = -1;
                exprDepthLimit = Math.min(exprDepthLimit, 2);
                for (int r : results) {
                    expr(r, 0);
                }
                out.u8(0x0B);
                height[f] = myHeight;
                cost[f] = myCost;
            }

            void op(int opcode) {
                out.u8(opcode);
                myCost += mult;
            }

            void fc(int sub) {
                op(0xFC);
                out.u32(sub);
            }

            void i32const(int v) {
                op(0x41);
                out.s64(v);
            }

            void push(int kind) {
                if (labelCount == labels.length) {
                    labels = Arrays.copyOf(labels, labelCount * 2);
                }
                labels[labelCount++] = kind;
            }

            void pop() {
                labelCount--;
            }

            /** A void block or if that a branch here may target, as a relative depth; or -1. */
            int branchTarget() {
                int candidates = 0;
                for (int i = branchFloor; i < labelCount; i++) {
                    if (labels[i] == L_BLOCK || labels[i] == L_IF) {
                        candidates++;
                    }
                }
                if (candidates == 0) {
                    return -1;
                }
                // Mostly the innermost ones, like real code.
                int pick = candidates - 1 - Math.min(candidates - 1, rng.below(3) == 0 ? rng.below(candidates) : rng.below(2));
                for (int i = branchFloor; i < labelCount; i++) {
                    if (labels[i] == L_BLOCK || labels[i] == L_IF) {
                        if (pick-- == 0) {
                            return labelCount - 1 - i;
                        }
                    }
                }
                throw new AssertionError();
            }

            void stmts(int end) {
                while (out.n < end) {
                    stmt(end - out.n);
                }
            }

            void stmt(int remaining) {
                if (labelCount < MAX_NEST && remaining > 24 && rng.chance(remaining > 400 ? 0.3 : 0.15)) {
                    compound(remaining);
                } else {
                    simple();
                }
            }

            void compound(int remaining) {
                int sub = Math.max(8, (int) (remaining * (0.1 + 0.5 * rng.unit())));
                int kind = rng.below(100);
                if (kind < 22 && loopDepth < 2 && loopsAllowed) {
                    loop(sub);
                } else if (kind < 45) {
                    cond();
                    op(0x04);
                    out.u8(VOID);
                    push(L_IF);
                    if (rng.chance(0.4)) {
                        stmts(out.n + sub / 2);
                        op(0x05);
                        stmts(out.n + sub / 2);
                    } else {
                        stmts(out.n + sub);
                    }
                    op(0x0B);
                    pop();
                } else if (kind < 80 || remaining < 80) {
                    op(0x02);
                    out.u8(VOID);
                    push(L_BLOCK);
                    stmts(out.n + sub / 2);
                    cond();
                    op(0x0D);
                    out.u32(rng.chance(0.7) ? 0 : branchTarget());
                    stmts(out.n + sub / 2);
                    op(0x0B);
                    pop();
                } else {
                    switchStmt(sub);
                }
            }

            /** A loop run a constant number of times, counted down in a reserved local. */
            void loop(int sub) {
                long maxN = Math.max(1, Math.min(16, LOOP_CAP / (mult * Math.max(sub, 1))));
                int iterations = 1 + rng.below((int) maxN);
                int counter = counters[loopDepth];
                boolean wrapped = rng.chance(0.5);
                if (wrapped) {
                    op(0x02);
                    out.u8(VOID);
                    push(L_BLOCK);
                }
                i32const(iterations);
                op(0x21);
                out.u32(counter);
                op(0x03);
                out.u8(VOID);
                push(L_LOOP);
                long outer = mult;
                mult *= iterations;
                loopDepth++;
                stmts(out.n + sub);
                op(0x20);
                out.u32(counter);
                i32const(1);
                op(0x6B);
                op(0x22);
                out.u32(counter);
                op(0x0D);
                out.u32(0);
                loopDepth--;
                mult = outer;
                op(0x0B);
                pop();
                if (wrapped) {
                    op(0x0B);
                    pop();
                }
            }

            /** A C switch as clang lowers it: nested blocks and a br_table. */
            void switchStmt(int sub) {
                int k = rng.range(2, Math.max(2, Math.min(12, sub / 40)));
                op(0x02);
                out.u8(VOID);
                push(L_BLOCK); // exit
                for (int c = 0; c < k; c++) {
                    op(0x02);
                    out.u8(VOID);
                    push(L_BLOCK);
                }
                expr(I32, 1);
                int entries = k + rng.below(2 * k);
                op(0x0E);
                out.u32(entries);
                for (int i = 0; i < entries; i++) {
                    out.u32(i < k ? i : rng.below(k));
                }
                out.u32(k);
                for (int c = 0; c < k; c++) {
                    op(0x0B);
                    pop();
                    stmts(out.n + sub / k);
                    if (c < k - 1) {
                        op(0x0C);
                        out.u32(k - 1 - c);
                    }
                }
                op(0x0B);
                pop();
            }

            void simple() {
                int w = rng.below(100);
                if (w < 32) {
                    int t = valtype();
                    IntList ls = writable[resultSlot(t)];
                    if (ls.size == 0) {
                        t = I32;
                        ls = writable[0];
                        if (ls.size == 0) {
                            store();
                            return;
                        }
                    }
                    expr(t, 0);
                    op(0x21);
                    out.u32(ls.a[rng.below(ls.size)]);
                } else if (w < 52) {
                    store();
                } else if (w < 68) {
                    callStmt();
                } else if (w < 72) {
                    callIndirectStmt();
                } else if (w < 76) {
                    int[] gs = {1, 6, 2, 3, 7};
                    int g = gs[rng.below(gs.length)];
                    expr(GLOBAL_TYPES[g], 1);
                    op(0x24);
                    out.u32(g);
                } else if (w < 86) {
                    int target = branchTarget();
                    if (target < 0) {
                        store();
                        return;
                    }
                    cond();
                    op(0x0D);
                    out.u32(target);
                } else if (w < 89) {
                    expr(valtype(), 0);
                    op(0x1A);
                } else if (w < 91) {
                    heapAddress(0);
                    if (rng.chance(0.5)) {
                        heapAddress(0);
                        lengthExpr();
                        fc(10);
                        out.u8(0);
                        out.u8(0);
                    } else {
                        expr(I32, 1);
                        lengthExpr();
                        fc(11);
                        out.u8(0);
                    }
                } else {
                    // x = x + c, the commonest statement of all
                    IntList ls = writable[0];
                    if (ls.size == 0) {
                        store();
                        return;
                    }
                    int l = ls.a[rng.below(ls.size)];
                    op(0x20);
                    out.u32(l);
                    i32const(rng.range(-16, 64));
                    op(0x6A);
                    op(0x21);
                    out.u32(l);
                }
            }

            void lengthExpr() {
                expr(I32, 2);
                i32const(0x3FF);
                op(0x71);
            }

            int valtype() {
                int u = rng.below(20);
                return u < 14 ? I32 : u < 17 ? I64 : u < 19 ? F64 : F32;
            }

            void cond() {
                if (rng.chance(0.75)) {
                    int u = rng.below(10);
                    if (u < 7) {
                        expr(I32, 1);
                        expr(I32, 1);
                        op(0x46 + rng.below(10));
                    } else if (u < 8) {
                        expr(I32, 1);
                        op(0x45);
                    } else if (u < 9) {
                        expr(I64, 1);
                        expr(I64, 1);
                        op(0x51 + rng.below(10));
                    } else {
                        expr(F64, 1);
                        expr(F64, 1);
                        op(0x61 + rng.below(6));
                    }
                } else {
                    expr(I32, 1);
                }
            }

            // ---- memory

            static final int[][] LOADS = {
                // opcode, bytes, result slot valtype
                {0x28, 4, I32}, {0x28, 4, I32}, {0x28, 4, I32}, {0x2C, 1, I32}, {0x2D, 1, I32}, {0x2E, 2, I32},
                {0x2F, 2, I32}, {0x29, 8, I64}, {0x29, 8, I64}, {0x31, 1, I64}, {0x33, 2, I64}, {0x34, 4, I64},
                {0x35, 4, I64}, {0x2A, 4, F32}, {0x2B, 8, F64}, {0x2B, 8, F64},
            };
            static final int[][] STORES = {
                {0x36, 4, I32}, {0x36, 4, I32}, {0x36, 4, I32}, {0x3A, 1, I32}, {0x3B, 2, I32}, {0x37, 8, I64},
                {0x37, 8, I64}, {0x3C, 1, I64}, {0x3E, 4, I64}, {0x38, 4, F32}, {0x39, 8, F64}, {0x39, 8, F64},
            };

            void load(int valtype) {
                int[] l;
                do {
                    l = LOADS[rng.below(LOADS.length)];
                } while (l[2] != valtype);
                int offset = address(l[1]);
                op(l[0]);
                memarg(l[1], offset);
            }

            void store() {
                int[] s = STORES[rng.below(STORES.length)];
                int offset = address(s[1]);
                expr(s[2], 1);
                op(s[0]);
                memarg(s[1], offset);
            }

            void memarg(int bytes, int offset) {
                int align = Integer.numberOfTrailingZeros(bytes);
                out.u32(rng.chance(0.9) ? align : rng.below(align + 1));
                out.u32(offset);
            }

            /** Pushes a base address; returns the offset immediate that goes with it. */
            int address(int bytes) {
                int u = rng.below(20);
                if (fp >= 0 && u < 8) {
                    op(0x20);
                    out.u32(fp);
                    return frameOffset(bytes);
                }
                if (fp >= 0 && u < 10) {
                    op(0x23);
                    out.u32(G_SP);
                    return frameOffset(bytes);
                }
                if (u < 12) {
                    // static data
                    i32const(rng.chance(0.3) ? RODATA_AT + rng.below(RODATA_BYTES - 8)
                            : DATA_AT + rng.below(DATA_BYTES - 8));
                    return 0;
                }
                heapAddress(1);
                int offset = rng.chance(0.5) ? bytes * rng.below(8) : rng.below(MAX_HEAP_OFFSET / bytes) * bytes;
                return offset;
            }

            int frameOffset(int bytes) {
                return bytes * rng.below(frame / bytes);
            }

            /** An i32 address below 1 MiB, computed from some expression. */
            void heapAddress(int depth) {
                expr(I32, depth);
                i32const(HEAP_MASK);
                op(0x71);
            }

            // ---- calls

            /** A function below this one that fits the height and cost bounds, or -1. */
            int callee(IntList from) {
                for (int attempt = 0; attempt < 8; attempt++) {
                    int g;
                    if (from != null) {
                        if (from.size == 0) {
                            return -1;
                        }
                        // Nearby functions (same compilation unit) as often as anywhere.
                        g = rng.chance(0.5) ? from.a[from.size - 1 - rng.below(Math.min(from.size, 64))]
                                : from.a[rng.below(from.size)];
                    } else {
                        if (f == 0) {
                            return -1;
                        }
                        g = rng.chance(0.5) ? f - 1 - rng.below(Math.min(f, 200)) : rng.below(f);
                    }
                    if (fits(g)) {
                        return g;
                    }
                }
                return -1;
            }

            boolean fits(int g) {
                return g < f && height[g] < MAX_HEIGHT && myCost + mult * (cost[g] + 4) <= COST_CAP;
            }

            void called(int g) {
                myHeight = Math.max(myHeight, height[g] + 1);
                myCost += mult * cost[g];
            }

            void args(int[] types) {
                for (int p : types) {
                    if (p == I32 && fp >= 0 && rng.chance(0.2)) {
                        // the address of a local variable in the frame
                        op(0x20);
                        out.u32(fp);
                        i32const(8 * rng.below(frame / 8));
                        op(0x6A);
                    } else {
                        expr(p, exprDepthLimit - 1);
                    }
                }
            }

            void callStmt() {
                int g = callee(null);
                if (g < 0) {
                    store();
                    return;
                }
                args(typeParams.get(funcType[g]));
                op(0x10);
                out.u32(g);
                called(g);
                for (int r : typeResults.get(funcType[g])) {
                    IntList ls = writable[resultSlot(r)];
                    if (ls.size > 0 && rng.chance(0.6)) {
                        op(0x21);
                        out.u32(ls.a[rng.below(ls.size)]);
                    } else {
                        op(0x1A);
                    }
                }
            }

            /**
             * call_indirect through a window of 1 to 8 consecutive slots of one type, all of
             * functions that fit, indexed by a masked expression.
             */
            void callIndirectStmt() {
                if (!callIndirect(-1)) {
                    callStmt();
                }
            }

            /** Emits a call_indirect whose type has the given single result (or any, for -1). */
            boolean callIndirect(int result) {
                if (tableFuncs.length == 0) {
                    return false;
                }
                for (int attempt = 0; attempt < 8; attempt++) {
                    int s = rng.below(tableFuncs.length);
                    int g = tableFuncs[s];
                    int type = funcType[g];
                    int[] rs = typeResults.get(type);
                    if (result >= 0 && (rs.length != 1 || rs[0] != result)) {
                        continue;
                    }
                    if (!fits(g)) {
                        continue;
                    }
                    int k = 1;
                    while (k < 8 && s + 2 * k <= tableFuncs.length && windowFits(s + k, s + 2 * k, type)) {
                        k *= 2;
                    }
                    if (k > 1 && rng.chance(0.3)) {
                        k /= 2;
                    }
                    args(typeParams.get(type));
                    if (k == 1) {
                        i32const(s + 1);
                    } else {
                        expr(I32, exprDepthLimit - 1);
                        i32const(k - 1);
                        op(0x71);
                        i32const(s + 1);
                        op(0x6A);
                    }
                    op(0x11);
                    out.u32(type);
                    out.u8(0);
                    int worst = g;
                    for (int i = s; i < s + k; i++) {
                        myHeight = Math.max(myHeight, height[tableFuncs[i]] + 1);
                        if (cost[tableFuncs[i]] > cost[worst]) {
                            worst = tableFuncs[i];
                        }
                    }
                    myCost += mult * cost[worst];
                    if (result < 0 && rs.length == 1) {
                        op(0x1A);
                    }
                    return true;
                }
                return false;
            }

            boolean windowFits(int from, int to, int type) {
                for (int i = from; i < to; i++) {
                    int g = tableFuncs[i];
                    if (funcType[g] != type || !fits(g)) {
                        return false;
                    }
                }
                return true;
            }

            // ---- expressions

            void expr(int t, int depth) {
                if (depth >= exprDepthLimit || rng.chance(0.3)) {
                    leaf(t);
                    return;
                }
                switch (t) {
                    case I32 -> i32(depth + 1);
                    case I64 -> i64(depth + 1);
                    case F64 -> f64(depth + 1);
                    default -> f32(depth + 1);
                }
            }

            void leaf(int t) {
                IntList ls = localsOf(t);
                int u = rng.below(10);
                if (u < 6 && ls.size > 0) {
                    op(0x20);
                    out.u32(ls.a[rng.below(ls.size)]);
                    return;
                }
                if (u < 7) {
                    int g = switch (t) {
                        case I32 -> new int[] {0, 1, 4, 5, 6}[rng.below(5)];
                        case I64 -> 2;
                        case F64 -> 3;
                        default -> 7;
                    };
                    op(0x23);
                    out.u32(g);
                    return;
                }
                constant(t);
            }

            /** The locals of the type that expressions read: parameters and ordinary locals. */
            IntList localsOf(int t) {
                return writable[resultSlot(t)];
            }

            void constant(int t) {
                switch (t) {
                    case I32 -> i32const(rng.chance(0.8) ? rng.range(-8, 255) : (int) rng.next());
                    case I64 -> {
                        op(0x42);
                        out.s64(rng.chance(0.8) ? rng.range(-8, 255) : rng.next() >> rng.below(64));
                    }
                    case F64 -> {
                        op(0x44);
                        out.f64(rng.chance(0.5) ? rng.range(-4, 16) * 0.5 : rng.gaussian() * 1e3);
                    }
                    default -> {
                        op(0x43);
                        out.f32((float) (rng.chance(0.5) ? rng.range(-4, 16) * 0.5 : rng.gaussian() * 1e2));
                    }
                }
            }

            void tee(int t, int depth) {
                IntList ls = writable[resultSlot(t)];
                expr(t, depth);
                if (ls.size > 0) {
                    op(0x22);
                    out.u32(ls.a[rng.below(ls.size)]);
                }
            }

            boolean callExpr(int t, int depth) {
                if (rng.chance(0.15) && callIndirect(t)) {
                    return true;
                }
                int g = callee(byResult[resultSlot(t)]);
                if (g < 0) {
                    return false;
                }
                args(typeParams.get(funcType[g]));
                op(0x10);
                out.u32(g);
                called(g);
                return true;
            }

            /** Rare expression forms shared by every type: select, if and block with a result. */
            boolean structured(int t, int depth) {
                int u = rng.below(10);
                if (u < 6) {
                    expr(t, depth);
                    expr(t, depth);
                    cond();
                    op(0x1B);
                } else if (u < 8 || labelCount >= MAX_NEST) {
                    cond();
                    op(0x04);
                    out.u8(t);
                    int floor = branchFloor;
                    push(L_OTHER);
                    branchFloor = labelCount;
                    expr(t, depth);
                    op(0x05);
                    expr(t, depth);
                    op(0x0B);
                    pop();
                    branchFloor = floor;
                } else {
                    op(0x02);
                    out.u8(t);
                    int floor = branchFloor;
                    push(L_OTHER);
                    branchFloor = labelCount;
                    simple();
                    expr(t, depth);
                    cond();
                    op(0x0D);
                    out.u32(0);
                    op(0x1A);
                    simple();
                    expr(t, depth);
                    op(0x0B);
                    pop();
                    branchFloor = floor;
                }
                return true;
            }

            static final int[] I32_BINOPS = {0x6A, 0x6A, 0x6A, 0x6A, 0x6B, 0x6B, 0x6C, 0x71, 0x71, 0x72, 0x73, 0x74,
                0x75, 0x76, 0x77, 0x78};
            static final int[] I64_BINOPS = {0x7C, 0x7C, 0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
                0x8A};

            void i32(int depth) {
                int u = rng.below(100);
                if (u < 30) {
                    expr(I32, depth);
                    expr(I32, depth);
                    op(I32_BINOPS[rng.below(I32_BINOPS.length)]);
                } else if (u < 34) {
                    // a / ((b & 0x7fff) | 1): never zero, never -1
                    expr(I32, depth);
                    expr(I32, depth);
                    i32const(0x7FFF);
                    op(0x71);
                    i32const(1);
                    op(0x72);
                    op(0x6D + rng.below(4));
                } else if (u < 44) {
                    cmp(depth);
                } else if (u < 46) {
                    expr(I32, depth);
                    op(rng.chance(0.5) ? 0x45 : new int[] {0x67, 0x68, 0x69, 0xC0, 0xC1}[rng.below(5)]);
                } else if (u < 64) {
                    load(I32);
                } else if (u < 70) {
                    tee(I32, depth);
                } else if (u < 80) {
                    if (!callExpr(I32, depth)) {
                        leaf(I32);
                    }
                } else if (u < 84) {
                    expr(I64, depth);
                    op(0xA7);
                } else if (u < 86) {
                    boolean single = rng.chance(0.2);
                    expr(single ? F32 : F64, depth);
                    fc((single ? 0 : 2) + rng.below(2)); // i32.trunc_sat_f{32,64}_{s,u}
                } else if (u < 90 && fp >= 0) {
                    op(0x20);
                    out.u32(fp);
                    i32const(8 * rng.below(frame / 8));
                    op(0x6A);
                } else if (u < 96) {
                    structured(I32, depth);
                } else {
                    leaf(I32);
                }
            }

            void cmp(int depth) {
                int u = rng.below(10);
                if (u < 6) {
                    expr(I32, depth);
                    expr(I32, depth);
                    op(0x46 + rng.below(10));
                } else if (u < 8) {
                    expr(I64, depth);
                    expr(I64, depth);
                    op(0x51 + rng.below(10));
                } else if (u < 9) {
                    expr(F64, depth);
                    expr(F64, depth);
                    op(0x61 + rng.below(6));
                } else {
                    expr(F32, depth);
                    expr(F32, depth);
                    op(0x5B + rng.below(6));
                }
            }

            void i64(int depth) {
                int u = rng.below(100);
                if (u < 32) {
                    expr(I64, depth);
                    expr(I64, depth);
                    op(I64_BINOPS[rng.below(I64_BINOPS.length)]);
                } else if (u < 36) {
                    expr(I64, depth);
                    expr(I64, depth);
                    op(0x42);
                    out.s64(0x7FFFFFFFL);
                    op(0x83);
                    op(0x42);
                    out.s64(1);
                    op(0x84);
                    op(0x7F + rng.below(4));
                } else if (u < 50) {
                    expr(I32, depth);
                    op(rng.chance(0.5) ? 0xAC : 0xAD);
                } else if (u < 64) {
                    load(I64);
                } else if (u < 70) {
                    tee(I64, depth);
                } else if (u < 78) {
                    if (!callExpr(I64, depth)) {
                        leaf(I64);
                    }
                } else if (u < 81) {
                    expr(F64, depth);
                    fc(6 + rng.below(2));
                } else if (u < 84) {
                    expr(I64, depth);
                    op(new int[] {0x79, 0x7A, 0x7B, 0xC2, 0xC3, 0xC4}[rng.below(6)]);
                } else if (u < 90) {
                    structured(I64, depth);
                } else {
                    leaf(I64);
                }
            }

            void f64(int depth) {
                int u = rng.below(100);
                if (u < 30) {
                    expr(F64, depth);
                    expr(F64, depth);
                    op(new int[] {0xA0, 0xA0, 0xA1, 0xA2, 0xA2, 0xA4, 0xA5, 0xA6}[rng.below(8)]);
                } else if (u < 34) {
                    // a / (|b| + 1)
                    expr(F64, depth);
                    expr(F64, depth);
                    op(0x99);
                    op(0x44);
                    out.f64(1.0);
                    op(0xA0);
                    op(0xA3);
                } else if (u < 40) {
                    expr(F64, depth);
                    op(new int[] {0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E}[rng.below(6)]);
                } else if (u < 43) {
                    expr(F64, depth);
                    op(0x99);
                    op(0x9F); // sqrt(|x|)
                } else if (u < 55) {
                    expr(I32, depth);
                    op(rng.chance(0.7) ? 0xB7 : 0xB8);
                } else if (u < 58) {
                    expr(I64, depth);
                    op(0xB9);
                } else if (u < 60) {
                    expr(F32, depth);
                    op(0xBB);
                } else if (u < 74) {
                    load(F64);
                } else if (u < 78) {
                    tee(F64, depth);
                } else if (u < 84) {
                    if (!callExpr(F64, depth)) {
                        leaf(F64);
                    }
                } else if (u < 88) {
                    structured(F64, depth);
                } else {
                    leaf(F64);
                }
            }

            void f32(int depth) {
                int u = rng.below(100);
                if (u < 30) {
                    expr(F32, depth);
                    expr(F32, depth);
                    op(new int[] {0x92, 0x93, 0x94, 0x96, 0x97}[rng.below(5)]);
                } else if (u < 40) {
                    expr(F32, depth);
                    op(new int[] {0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0x90}[rng.below(6)]);
                } else if (u < 55) {
                    expr(I32, depth);
                    op(0xB2);
                } else if (u < 62) {
                    expr(F64, depth);
                    op(0xB6);
                } else if (u < 76) {
                    load(F32);
                } else if (u < 82) {
                    if (!callExpr(F32, depth)) {
                        leaf(F32);
                    }
                } else if (u < 86) {
                    structured(F32, depth);
                } else {
                    leaf(F32);
                }
            }
        }
    }

    /** A growable int list. */
    static final class IntList {
        int[] a = new int[8];
        int size;

        void add(int v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }
    }
}
