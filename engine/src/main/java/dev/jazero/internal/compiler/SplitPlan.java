package dev.jazero.internal.compiler;

import dev.jazero.api.ValueType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * How a function too large for one JIT-compiled JVM method is cut into pieces: which ranges of
 * its code become methods of their own ({@link Region}s), chosen from a survey of the function's
 * block structure with the bytecode size of every instruction ({@link Item}s).
 *
 * <p>A region is a run of consecutive complete instructions inside one block body (a whole
 * {@code block}, {@code loop} or {@code if} is one instruction): it starts and ends at the same
 * nesting depth, so the code around it sees it as one instruction that takes the values above its
 * block's height and leaves others there, and either falls through or branches to a label
 * outside it. Regions nest: a region may hold others, which its method calls in turn.
 *
 * <p>The choice works bottom-up over the block tree. A block whose code is over the target keeps
 * the chain of its largest nested constructs (in an interpreter loop, the nest of blocks that the
 * dispatching {@code br_table} sits in) and moves out runs of the other instructions at every
 * level of that chain (the cases after each nested block's end), largest first, until it fits;
 * only if that is not enough does it move its largest construct out too, and then runs of what is
 * left (which may hold regions already moved out: they become nested regions). That keeps hot
 * dispatch code in one method and puts most of a function's code one call away.
 */
final class SplitPlan {

    /** One instruction of the survey: a plain instruction, or a whole block, loop or if with its bodies. */
    static final class Item {
        /** The instruction's position in the function's code, and the position after it (after its end). */
        int start;
        int end;
        /** The frames around the instruction: its enclosing block is frame {@code depth - 1}. */
        int depth;
        /** Values on the operand stack above the enclosing block's height when it starts. */
        int m;
        boolean startLive;
        boolean endLive;
        /** The values above the enclosing block's height after it, when {@link #endLive}. */
        ValueType[] endTypes;
        /** The frames outside it that its code branches to (0 is the function: a return); null for none. */
        BitSet exits;
        /** Bytes of bytecode, measured with every local in the frame array. */
        int size;
        int startOffset;
        /** The bodies of a block, loop or if (then, else); null for a plain instruction. */
        List<List<Item>> bodies;
        /** Bytecode size after the regions inside it were moved out. */
        int reduced;
        /** While planning: its bodies as units. */
        List<List<Unit>> units;

        boolean isConstruct() {
            return bodies != null;
        }

        void exit(int frame) {
            if (frame < depth) {
                if (exits == null) {
                    exits = new BitSet();
                }
                exits.set(frame);
            }
        }
    }

    /** A range of code compiled into a method of its own, {@code f<function>$<id>}. */
    static final class Region {
        final int id;
        final int start;
        final int end;
        final int depth;
        final int m;
        final boolean endLive;
        final ValueType[] endTypes;
        final BitSet exits;
        final List<Region> children = new ArrayList<>();

        Region(int id, Unit u) {
            this.id = id;
            this.start = u.start;
            this.end = u.end;
            this.depth = u.depth;
            this.m = u.m;
            this.endLive = u.endLive;
            this.endTypes = u.endTypes;
            this.exits = u.exits == null ? new BitSet() : u.exits;
        }
    }

    /** Something in a body while planning: an item, or a run of them already made a region. */
    static final class Unit {
        int start;
        int end;
        int depth;
        int m;
        boolean startLive;
        boolean endLive;
        ValueType[] endTypes;
        BitSet exits;
        int size;
        Item item;
        boolean region;

        static Unit of(Item it) {
            Unit u = new Unit();
            u.start = it.start;
            u.end = it.end;
            u.depth = it.depth;
            u.m = it.m;
            u.startLive = it.startLive;
            u.endLive = it.endLive;
            u.endTypes = it.endTypes;
            u.exits = it.exits;
            u.size = it.isConstruct() ? it.reduced : it.size;
            u.item = it;
            return u;
        }

        static Unit run(List<Unit> units, int from, int to) {
            Unit first = units.get(from);
            Unit last = units.get(to - 1);
            Unit u = new Unit();
            u.start = first.start;
            u.end = last.end;
            u.depth = first.depth;
            u.m = first.m;
            u.startLive = first.startLive;
            u.endLive = last.endLive;
            u.endTypes = last.endTypes;
            for (int i = from; i < to; i++) {
                Unit x = units.get(i);
                u.size += x.size;
                if (x.exits != null) {
                    if (u.exits == null) {
                        u.exits = new BitSet();
                    }
                    u.exits.or(x.exits);
                }
            }
            return u;
        }
    }

    private final int target;
    private final List<Region> regions = new ArrayList<>();

    /**
     * Nesting depth past which a function is not split: planning walks the chain of nested
     * constructs at every level, so its time grows with the square of the depth (20,000 nested
     * blocks took a minute), and no compiled program nests that deep but a switch of that many
     * cases.
     */
    static final int MAX_DEPTH = 2_000;

    /** A function nested deeper than {@link #MAX_DEPTH}. */
    static final class TooDeep extends RuntimeException {
        TooDeep() {
            super(null, null, false, false);
        }
    }

    /** Throws {@link TooDeep} when a construct of the surveyed function lies deeper than {@link #MAX_DEPTH}. */
    static void checkDepth(Item root) {
        java.util.ArrayDeque<Item> work = new java.util.ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Item item = work.pop();
            if (item.depth > MAX_DEPTH) {
                throw new TooDeep();
            }
            if (item.isConstruct()) {
                for (List<Item> body : item.bodies) {
                    for (Item it : body) {
                        if (it.isConstruct()) {
                            work.push(it);
                        }
                    }
                }
            }
        }
    }

    private SplitPlan(int target) {
        this.target = target;
    }

    /**
     * Chooses the regions of a surveyed function (its body is the root item) so that every
     * method's estimated bytecode stays within {@code target}; returns the top-level regions,
     * each with its nested ones, or null when the function already fits.
     */
    static List<Region> plan(Item root, int target) {
        SplitPlan p = new SplitPlan(target);
        p.reduce(root);
        return p.tree();
    }

    /** Bytecode that a call to a region and the dispatch on its exit code take in its caller. */
    static int callCost(Unit u) {
        int values = u.m + (u.endTypes == null ? 0 : u.endTypes.length);
        int exits = u.exits == null ? 0 : u.exits.cardinality();
        return 16 + 10 * values + (exits == 0 ? 0 : 16 + 16 * exits);
    }

    private int reduce(Item node) {
        List<List<Unit>> bodies = new ArrayList<>();
        int measured = 0;
        for (List<Item> body : node.bodies) {
            List<Unit> units = new ArrayList<>(body.size());
            for (Item it : body) {
                measured += it.size;
                if (it.isConstruct()) {
                    it.reduced = reduce(it);
                }
                units.add(Unit.of(it));
            }
            bodies.add(units);
        }
        node.units = bodies;
        int total = node.size - measured;
        for (List<Unit> units : bodies) {
            for (Unit u : units) {
                total += u.size;
            }
        }
        if (total <= target) {
            return total;
        }
        // The chain of largest constructs from this node down (in an interpreter loop, the nest
        // of blocks around the br_table) stays; runs of the rest, at any level of the chain, go,
        // largest first.
        List<Item> levels = new ArrayList<>();
        List<Unit> heavies = new ArrayList<>();
        for (Item level = node; level != null; ) {
            levels.add(level);
            Unit heavy = null;
            for (List<Unit> units : level.units) {
                for (Unit u : units) {
                    if (!u.region && u.item.isConstruct() && u.startLive && (heavy == null || u.size > heavy.size)) {
                        heavy = u;
                    }
                }
            }
            heavies.add(heavy);
            level = heavy == null ? null : heavy.item;
        }
        List<int[]> candidates = new ArrayList<>();
        for (int l = 0; l < levels.size(); l++) {
            List<List<Unit>> units = levels.get(l).units;
            for (int b = 0; b < units.size(); b++) {
                chunks(units.get(b), l, b, heavies.get(l), 2, candidates);
            }
        }
        candidates.sort(Comparator.comparingInt((int[] c) -> -c[4]));
        List<int[]> chosen = new ArrayList<>();
        for (int[] c : candidates) {
            if (total <= target) {
                break;
            }
            Unit run = Unit.run(levels.get(c[0]).units.get(c[1]), c[2], c[3]);
            int saved = run.size - callCost(run);
            total -= saved;
            for (int l = 1; l <= c[0]; l++) {
                heavies.get(l - 1).size -= saved;
                levels.get(l).reduced -= saved;
            }
            chosen.add(c);
        }
        // Apply from the right in each body, so that earlier indexes stay valid.
        chosen.sort(Comparator.comparingInt((int[] c) -> -c[2]));
        for (int[] c : chosen) {
            outline(levels.get(c[0]).units.get(c[1]), c[2], c[3]);
        }
        Unit heavy = heavies.get(0);
        if (total > target && heavy != null && heavy.size > 2 * callCost(heavy)) {
            for (List<Unit> units : bodies) {
                int i = units.indexOf(heavy);
                if (i >= 0) {
                    total -= heavy.size - callCost(heavy);
                    outline(units, i, i + 1);
                }
            }
        }
        // Still too large: group what is left, regions included, into nested regions.
        while (total > target) {
            boolean progress = false;
            for (List<Unit> units : bodies) {
                List<int[]> groups = new ArrayList<>();
                chunks(units, 0, 0, null, 1, groups);
                groups.sort(Comparator.comparingInt((int[] c) -> -c[2]));
                for (int[] c : groups) {
                    if (c[3] - c[2] < 2) {
                        continue;
                    }
                    Unit run = Unit.run(units, c[2], c[3]);
                    total -= run.size - callCost(run);
                    outline(units, c[2], c[3]);
                    progress = true;
                }
            }
            if (!progress) {
                break;
            }
        }
        return total;
    }

    /**
     * Adds {@code {level, body, from, to, size}} for each run of consecutive live-starting units
     * of at most the target that leaves out {@code heavy}, and is more than {@code worth} times
     * the cost of a call to it.
     */
    private void chunks(List<Unit> units, int level, int body, Unit heavy, int worth, List<int[]> out) {
        int from = 0;
        while (from < units.size()) {
            Unit first = units.get(from);
            if (first == heavy || !first.startLive) {
                from++;
                continue;
            }
            int to = from;
            int size = 0;
            while (to < units.size() && units.get(to) != heavy && size + units.get(to).size <= target) {
                size += units.get(to).size;
                to++;
            }
            if (to == from) {
                // One unit over the target by itself (a region already, or hopeless): step over it.
                from++;
                continue;
            }
            Unit run = Unit.run(units, from, to);
            if (size > worth * callCost(run) && !(to - from == 1 && first.region)) {
                out.add(new int[] {level, body, from, to, size});
            }
            from = to;
        }
    }

    private void outline(List<Unit> units, int from, int to) {
        Unit run = Unit.run(units, from, to);
        regions.add(new Region(regions.size() + 1, run));
        run.size = callCost(run);
        run.region = true;
        units.subList(from, to).clear();
        units.add(from, run);
    }

    /** Nests the regions by their ranges; returns the outermost ones, or null for none. */
    private List<Region> tree() {
        if (regions.isEmpty()) {
            return null;
        }
        List<Region> sorted = new ArrayList<>(regions);
        sorted.sort(Comparator.comparingInt((Region r) -> r.start).thenComparingInt(r -> -r.end));
        List<Region> top = new ArrayList<>();
        List<Region> open = new ArrayList<>();
        for (Region r : sorted) {
            while (!open.isEmpty() && open.get(open.size() - 1).end <= r.start) {
                open.remove(open.size() - 1);
            }
            (open.isEmpty() ? top : open.get(open.size() - 1).children).add(r);
            open.add(r);
        }
        return top;
    }
}
