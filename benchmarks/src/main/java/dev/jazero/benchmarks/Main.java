package dev.jazero.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks with JMH and prints the ratio tables: per workload, each engine's time
 * relative to Jazero's compiler, with geometric means; and the host-call adapters relative to the
 * hand-written host function.
 *
 * <p>Arguments are JMH's ({@code -f}, {@code -wi}, {@code -i}, a benchmark regex, ...), plus
 * {@code --quick}, which stands for {@code -f 1 -wi 1 -i 2}, and {@code --verify}, which only
 * checks that every engine computes every workload's expected result.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--quick":
                    jmhArgs.addAll(List.of("-f", "1", "-wi", "1", "-i", "2"));
                    break;
                case "--verify":
                    verify();
                    return;
                case "-h":
                case "-l":
                case "-lp":
                case "-lprof":
                case "-lrf":
                    org.openjdk.jmh.Main.main(args);
                    return;
                default:
                    jmhArgs.add(arg);
            }
        }
        Collection<RunResult> results = new Runner(new CommandLineOptions(jmhArgs.toArray(new String[0]))).run();
        System.out.println();
        System.out.print(report(results));
    }

    /** Runs every workload once on every engine and checks the result. */
    static void verify() {
        int failures = 0;
        for (Workload w : Workload.values()) {
            for (Engine e : Engine.values()) {
                long start = System.nanoTime();
                try (Engine.Loaded loaded = e.load(Engine.resource(w.file))) {
                    long result = loaded.export(w.export).call(w.arg);
                    String status = result == w.expected ? "ok" : "WRONG (expected " + w.expected + ")";
                    if (result != w.expected) {
                        failures++;
                    }
                    System.out.printf(Locale.ROOT, "%-8s %-20s %8.1f ms  %d %s%n", w.label(), e.label(),
                            (System.nanoTime() - start) / 1e6, result, status);
                } catch (RuntimeException ex) {
                    failures++;
                    System.out.printf(Locale.ROOT, "%-8s %-20s FAILED: %s%n", w.label(), e.label(), ex);
                }
            }
        }
        if (failures > 0) {
            System.out.println(failures + " failures");
            System.exit(1);
        }
    }

    static String report(Collection<RunResult> results) {
        // benchmark simple name -> row key -> column key -> score
        Map<String, Map<String, Map<String, Double>>> scores = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String cls = bench.substring(0, bench.lastIndexOf('.'));
            cls = cls.substring(cls.lastIndexOf('.') + 1);
            String row;
            String column;
            switch (cls) {
                case "WorkloadBenchmark":
                    row = r.getParams().getParam("workload");
                    column = r.getParams().getParam("engine");
                    break;
                case "StartupBenchmark":
                    row = "startup";
                    column = r.getParams().getParam("engine");
                    cls = "WorkloadBenchmark";
                    break;
                case "HostCallBenchmark":
                    row = r.getParams().getParam("adapter");
                    column = r.getParams().getParam("tier");
                    break;
                case "CancellationBenchmark":
                    row = r.getParams().getParam("workload");
                    column = r.getParams().getParam("tier") + "/" + r.getParams().getParam("cancellable");
                    break;
                case "GcBenchmark":
                    row = "gctrees";
                    column = r.getParams().getParam("engine");
                    break;
                case "CompilationCacheBenchmark":
                    row = r.getParams().getParam("tier");
                    column = bench.substring(bench.lastIndexOf('.') + 1);
                    break;
                default:
                    continue;
            }
            scores.computeIfAbsent(cls, k -> new LinkedHashMap<>())
                    .computeIfAbsent(row, k -> new LinkedHashMap<>())
                    .put(column, score(r));
            units.put(cls + "/" + row, r.getPrimaryResult().getScoreUnit());
        }
        StringBuilder out = new StringBuilder();
        Map<String, Map<String, Double>> workloads = scores.get("WorkloadBenchmark");
        if (workloads != null) {
            out.append(workloadTable(workloads, units));
        }
        Map<String, Map<String, Double>> hostCalls = scores.get("HostCallBenchmark");
        if (hostCalls != null) {
            out.append(hostCallTable(hostCalls));
        }
        Map<String, Map<String, Double>> cancellation = scores.get("CancellationBenchmark");
        if (cancellation != null) {
            out.append(cancellationTable(cancellation));
        }
        Map<String, Map<String, Double>> gc = scores.get("GcBenchmark");
        if (gc != null) {
            out.append(gcTable(gc.get("gctrees")));
        }
        Map<String, Map<String, Double>> cache = scores.get("CompilationCacheBenchmark");
        if (cache != null) {
            out.append(cacheTable(cache));
        }
        return out.toString();
    }

    /**
     * The median of the sampled or single-shot operation times (most benchmarks run in {@code SampleTime} mode):
     * robust against the pauses another process on the same cores causes, which the mean is not.
     * In other modes, JMH's score.
     */
    private static double score(RunResult r) {
        Mode mode = r.getParams().getMode();
        if ((mode == Mode.SampleTime || mode == Mode.SingleShotTime) && r.getPrimaryResult().getStatistics().getN() > 0) {
            return r.getPrimaryResult().getStatistics().getPercentile(50.0);
        }
        return r.getPrimaryResult().getScore();
    }

    /** Garbage collection's workload beside V8: each engine's median and its ratio to V8's (the target: 1 or less). */
    private static String gcTable(Map<String, Double> scores) {
        StringBuilder out = new StringBuilder("Garbage collection (gctrees), median ms per operation, and relative to V8\n\n");
        Double v8 = scores.get("v8");
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            out.append(String.format(Locale.ROOT, "%-20s %12s", e.getKey(), num(e.getValue())));
            if (v8 != null) {
                out.append(String.format(Locale.ROOT, "  (%s)", ratio(e.getValue() / v8)));
            }
            out.append('\n');
        }
        return out.append('\n').toString();
    }

    private static String workloadTable(Map<String, Map<String, Double>> rows, Map<String, String> units) {
        String base = "jazero-compiler";
        List<String> engines = new ArrayList<>(Arrays.asList(Engine.NAMES));
        if (rows.values().stream().anyMatch(r -> r.containsKey("v8"))) {
            engines.add("v8");
        }
        StringBuilder out = new StringBuilder();
        out.append("Median time per operation, and in brackets relative to ").append(base)
                .append(" (lower is better; >1 means slower than ").append(base).append(")\n\n");
        out.append(String.format(Locale.ROOT, "%-10s %-6s", "workload", "unit"));
        for (String e : engines) {
            out.append(String.format(Locale.ROOT, " %22s", e));
        }
        out.append('\n');
        Map<String, List<Double>> kernelRatios = new LinkedHashMap<>();
        Map<String, List<Double>> allRatios = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            Map<String, Double> s = row.getValue();
            Double b = s.get(base);
            String unit = units.getOrDefault("WorkloadBenchmark/" + row.getKey(), "");
            out.append(String.format(Locale.ROOT, "%-10s %-6s", row.getKey(), unit));
            for (String e : engines) {
                Double v = s.get(e);
                if (v == null) {
                    out.append(String.format(Locale.ROOT, " %22s", "-"));
                } else if (b == null) {
                    out.append(String.format(Locale.ROOT, " %22s", num(v)));
                } else {
                    double ratio = v / b;
                    out.append(String.format(Locale.ROOT, " %22s", num(v) + " (" + ratio(ratio) + ")"));
                    allRatios.computeIfAbsent(e, k -> new ArrayList<>()).add(ratio);
                    if (!row.getKey().equals("startup")) {
                        kernelRatios.computeIfAbsent(e, k -> new ArrayList<>()).add(ratio);
                    }
                }
            }
            out.append('\n');
        }
        geomeanRow(out, "geomean", "kernels", engines, kernelRatios);
        if (rows.containsKey("startup")) {
            geomeanRow(out, "geomean", "+start", engines, allRatios);
        }
        out.append('\n');
        // The targets: Jazero's compiler at least 2x Chicory's, its interpreter at least 3x.
        comparison(out, rows, "jazero-compiler", "chicory-compiler", 2.0);
        comparison(out, rows, "jazero-interpreter", "chicory-interpreter", 3.0);
        out.append('\n');
        return out.toString();
    }

    private static void geomeanRow(StringBuilder out, String label, String over, List<String> engines,
            Map<String, List<Double>> ratios) {
        if (ratios.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT, "%-10s %-6s", label, over));
        for (String e : engines) {
            List<Double> r = ratios.get(e);
            out.append(String.format(Locale.ROOT, " %22s", r == null ? "-" : "(" + ratio(geomean(r)) + ")"));
        }
        out.append('\n');
    }

    /** "ours is N x faster than theirs": geometric mean of their time / our time, and the worst case. */
    private static void comparison(StringBuilder out, Map<String, Map<String, Double>> rows, String ours,
            String theirs, double target) {
        List<Double> speedups = new ArrayList<>();
        List<Double> kernelSpeedups = new ArrayList<>();
        String worst = null;
        double worstSpeedup = Double.MAX_VALUE;
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            Double o = row.getValue().get(ours);
            Double t = row.getValue().get(theirs);
            if (o == null || t == null) {
                continue;
            }
            double speedup = t / o;
            speedups.add(speedup);
            if (!row.getKey().equals("startup")) {
                kernelSpeedups.add(speedup);
            }
            if (speedup < worstSpeedup) {
                worstSpeedup = speedup;
                worst = row.getKey();
            }
        }
        if (speedups.isEmpty()) {
            return;
        }
        double g = geomean(speedups);
        String kernels = kernelSpeedups.isEmpty() || kernelSpeedups.size() == speedups.size() ? ""
                : String.format(Locale.ROOT, " (%.2fx over the kernels alone)", geomean(kernelSpeedups));
        out.append(String.format(Locale.ROOT,
                "%s vs %s: %.2fx faster in geometric mean%s, target %.0fx: %s; slowest case %s at %.2fx%n",
                ours, theirs, g, kernels, target, g >= target ? "met" : "NOT met", worst, worstSpeedup));
    }

    private static String hostCallTable(Map<String, Map<String, Double>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Host calls: median ns per guest-to-host call (").append(HostCallBenchmark.CALLS)
                .append(" per operation), and in brackets relative to handwritten\n\n");
        List<String> tiers = List.of("compiler", "interpreter");
        out.append(String.format(Locale.ROOT, "%-12s", "adapter"));
        for (String t : tiers) {
            out.append(String.format(Locale.ROOT, " %18s", t));
        }
        out.append('\n');
        Map<String, Double> base = rows.get("handwritten");
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            out.append(String.format(Locale.ROOT, "%-12s", row.getKey()));
            for (String t : tiers) {
                Double v = row.getValue().get(t);
                Double b = base == null ? null : base.get(t);
                if (v == null) {
                    out.append(String.format(Locale.ROOT, " %18s", "-"));
                } else {
                    double ns = v * 1000.0 / HostCallBenchmark.CALLS;  // the score is in us/op
                    out.append(String.format(Locale.ROOT, " %18s",
                            String.format(Locale.ROOT, "%.2f", ns) + (b == null ? "" : " (" + ratio(v / b) + ")")));
                }
            }
            out.append('\n');
        }
        out.append('\n');
        return out.toString();
    }

    /** The cost of cancellation checks: time with them over time without, per workload and tier. */
    private static String cancellationTable(Map<String, Map<String, Double>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Cancellation (withCloseOnCancel): median time with checks relative to without (target: under 1.10)\n\n");
        List<String> tiers = List.of("compiler", "interpreter");
        out.append(String.format(Locale.ROOT, "%-10s", "workload"));
        for (String t : tiers) {
            out.append(String.format(Locale.ROOT, " %12s", t));
        }
        out.append('\n');
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            out.append(String.format(Locale.ROOT, "%-10s", row.getKey()));
            for (String t : tiers) {
                Double with = row.getValue().get(t + "/true");
                Double without = row.getValue().get(t + "/false");
                if (with == null || without == null) {
                    out.append(String.format(Locale.ROOT, " %12s", "-"));
                } else {
                    out.append(String.format(Locale.ROOT, " %12s", ratio(with / without)));
                    ratios.computeIfAbsent(t, k -> new ArrayList<>()).add(with / without);
                }
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-10s", "geomean"));
        for (String t : tiers) {
            List<Double> r = ratios.get(t);
            out.append(String.format(Locale.ROOT, " %12s", r == null ? "-" : ratio(geomean(r))));
        }
        out.append("\n\n");
        return out.toString();
    }

    /** The compilation cache: cold and warm times of the big module, and the speed-ups. */
    private static String cacheTable(Map<String, Map<String, Double>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("Compilation cache, big module (ms; target: warm compileModule at least 10x faster than cold)\n\n");
        out.append(String.format(Locale.ROOT, "%-12s %10s %10s %9s %14s %14s %9s%n", "tier", "cold", "warm", "speed-up",
                "coldFirstCall", "warmFirstCall", "speed-up"));
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            Map<String, Double> v = row.getValue();
            out.append(String.format(Locale.ROOT, "%-12s %10s %10s %9s %14s %14s %9s%n", row.getKey(),
                    cell(v.get("cold")), cell(v.get("warm")), speedup(v.get("cold"), v.get("warm")),
                    cell(v.get("coldFirstCall")), cell(v.get("warmFirstCall")),
                    speedup(v.get("coldFirstCall"), v.get("warmFirstCall"))));
        }
        out.append('\n');
        return out.toString();
    }

    private static String cell(Double v) {
        return v == null ? "-" : num(v);
    }

    private static String speedup(Double slow, Double fast) {
        return slow == null || fast == null ? "-" : ratio(slow / fast) + "x";
    }

    private static double geomean(List<Double> values) {
        double log = 0;
        for (double v : values) {
            log += Math.log(v);
        }
        return Math.exp(log / values.size());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 100 ? "%.0f" : r >= 10 ? "%.1f" : "%.2f", r);
    }
}
