/*
 * Threaded code, as fast interpreters are written with clang's musttail: each instruction's
 * handler ends by tail-calling the next one's through a table, and the loop instruction tail-calls
 * the first directly. Built with -mtail-call, every such call is a return_call or a
 * return_call_indirect; run(3000000) makes 15,000,000 of them, which no stack holds as calls.
 */
#include <stdint.h>

#define MUSTTAIL __attribute__((musttail))

typedef uint64_t (*Handler)(const uint8_t *pc, uint64_t acc, uint64_t n);

static uint64_t op_add(const uint8_t *pc, uint64_t acc, uint64_t n);
static uint64_t op_mix(const uint8_t *pc, uint64_t acc, uint64_t n);
static uint64_t op_rot(const uint8_t *pc, uint64_t acc, uint64_t n);
static uint64_t op_loop(const uint8_t *pc, uint64_t acc, uint64_t n);

static Handler handlers[] = {op_add, op_mix, op_rot, op_loop};

/* add 7; mix 13; rot 5; add 255; loop */
static const uint8_t program[] = {0, 7, 1, 13, 2, 5, 0, 255, 3, 0};

static uint64_t op_add(const uint8_t *pc, uint64_t acc, uint64_t n) {
    acc += pc[1];
    pc += 2;
    MUSTTAIL return handlers[pc[0]](pc, acc, n);
}

static uint64_t op_mix(const uint8_t *pc, uint64_t acc, uint64_t n) {
    acc = acc * 6364136223846793005ULL + pc[1];
    pc += 2;
    MUSTTAIL return handlers[pc[0]](pc, acc, n);
}

static uint64_t op_rot(const uint8_t *pc, uint64_t acc, uint64_t n) {
    acc = acc << pc[1] | acc >> (64 - pc[1]);
    pc += 2;
    MUSTTAIL return handlers[pc[0]](pc, acc, n);
}

static uint64_t op_loop(const uint8_t *pc, uint64_t acc, uint64_t n) {
    if (n == 0) {
        return acc;
    }
    MUSTTAIL return op_add(program, acc ^ n, n - 1);
}

uint64_t run(uint64_t n) {
    return op_add(program, 1, n);
}

#ifndef __wasm__
#include <stdio.h>
int main(void) {
    printf("%llu\n", (unsigned long long) run(3000000));
    return 0;
}
#endif
