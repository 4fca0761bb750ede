/*
 * A small quantised layer and a float update, as vectorised code uses relaxed SIMD: int8
 * activations times 7-bit weights summed by relaxed_dot_i8x16_i7x16_add, a float axpy by
 * relaxed_madd, then relaxed_trunc, relaxed_swizzle, relaxed_laneselect and relaxed_min/max. The
 * inputs stay where every allowed result is the same (weights below 128, indexes below 16, masks
 * of whole lanes, no NaN), so any engine gives the native scalar build's result; the native build
 * fuses its multiply-add (fmaf) as relaxed_madd may, and as Jazero and V8 with FMA do.
 */
#include <stdint.h>

#define N 256

static int8_t act[N];
static int8_t weight[N];
static float x[N], y[N];
static int32_t out[N / 4];

static uint32_t seed = 12345;
static uint32_t next(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

#ifdef __wasm__
#include <wasm_simd128.h>

static void layer(void) {
    for (int i = 0; i < N; i += 16) {
        v128_t a = wasm_v128_load(&act[i]);
        v128_t w = wasm_v128_load(&weight[i]);
        v128_t acc = wasm_i32x4_splat(i);
        acc = wasm_i32x4_relaxed_dot_i8x16_i7x16_add(a, w, acc);
        wasm_v128_store(&out[i / 4], acc);
    }
}

static void axpy(float alpha) {
    v128_t va = wasm_f32x4_splat(alpha);
    for (int i = 0; i < N; i += 4) {
        v128_t vx = wasm_v128_load(&x[i]);
        v128_t vy = wasm_v128_load(&y[i]);
        vy = wasm_f32x4_relaxed_madd(va, vx, vy);
        vy = wasm_f32x4_relaxed_min(vy, wasm_f32x4_splat(1e6f));
        vy = wasm_f32x4_relaxed_max(vy, wasm_f32x4_splat(-1e6f));
        wasm_v128_store(&y[i], vy);
    }
}

static uint64_t mix(void) {
    uint64_t h = 0;
    v128_t reverse = wasm_i8x16_make(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    for (int i = 0; i < N; i += 4) {
        v128_t t = wasm_i32x4_relaxed_trunc_f32x4(wasm_v128_load(&y[i]));
        v128_t o = wasm_v128_load(&out[(i / 4) & ~3]);
        v128_t mask = wasm_i32x4_gt(t, o);
        v128_t pick = wasm_i32x4_relaxed_laneselect(t, o, mask);
        pick = wasm_i8x16_relaxed_swizzle(pick, reverse);
        h = h * 31 + (uint64_t) wasm_i64x2_extract_lane(pick, 0) + (uint64_t) wasm_i64x2_extract_lane(pick, 1);
    }
    return h;
}
#else
#include <math.h>

static void layer(void) {
    for (int i = 0; i < N; i += 16) {
        for (int lane = 0; lane < 4; lane++) {
            int32_t sum = i;
            for (int k = 0; k < 4; k++) {
                sum += act[i + 4 * lane + k] * weight[i + 4 * lane + k];
            }
            out[i / 4 + lane] = sum;
        }
    }
}

static void axpy(float alpha) {
    for (int i = 0; i < N; i++) {
        float v = fmaf(alpha, x[i], y[i]);
        v = v < 1e6f ? v : 1e6f;
        v = v > -1e6f ? v : -1e6f;
        y[i] = v;
    }
}

static uint64_t mix(void) {
    uint64_t h = 0;
    for (int i = 0; i < N; i += 4) {
        int32_t pick[4];
        for (int lane = 0; lane < 4; lane++) {
            int32_t t = (int32_t) y[i + lane];
            int32_t o = out[((i / 4) & ~3) + lane];
            pick[lane] = t > o ? t : o;
        }
        uint8_t bytes[16], rev[16];
        for (int b = 0; b < 16; b++) {
            bytes[b] = (uint8_t) (pick[b / 4] >> (8 * (b % 4)));
        }
        for (int b = 0; b < 16; b++) {
            rev[b] = bytes[15 - b];
        }
        uint64_t lo = 0, hi = 0;
        for (int b = 7; b >= 0; b--) {
            lo = lo << 8 | rev[b];
            hi = hi << 8 | rev[b + 8];
        }
        h = h * 31 + lo + hi;
    }
    return h;
}
#endif

uint64_t run(int rounds) {
    for (int i = 0; i < N; i++) {
        act[i] = (int8_t) next();
        weight[i] = (int8_t) (next() & 0x7F);
        x[i] = (float) (int32_t) (next() % 2001 - 1000) / 7.0f;
        y[i] = (float) (int32_t) (next() % 2001 - 1000) / 3.0f;
    }
    uint64_t h = 0;
    for (int r = 0; r < rounds; r++) {
        layer();
        axpy(0.75f + (float) r / 64.0f);
        h = h * 1000003 + mix();
        act[r % N] = (int8_t) (act[r % N] + 1);
    }
    return h;
}

#ifndef __wasm__
#include <stdio.h>
int main(void) {
    printf("%llu\n", (unsigned long long) run(200));
    return 0;
}
#endif
