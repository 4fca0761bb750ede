package dev.jazero.internal.compiler;

import dev.jazero.api.ValueType;

/** What a piece's code starts from: the frames and operand stack at its region's start. */
final class PieceState {
    final SplitPlan.Region region;
    final ControlFrame[] frames;
    final ValueType[] stack;

    PieceState(SplitPlan.Region region, ControlFrame[] frames, ValueType[] stack) {
        this.region = region;
        this.frames = frames;
        this.stack = stack;
    }
}
