/* Integer arithmetic: xorshift, multiply, divide, remainder, rotates, popcount, i32 and i64. */
#include <stdint.h>

static inline uint32_t rotl32(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

int64_t intmath(int n) {
    uint64_t x = 88172645463325252ull;
    uint32_t h = 2166136261u;
    int64_t acc = 0;
    for (int i = 1; i <= n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;          /* xorshift64 */
        uint32_t lo = (uint32_t)x;
        h = (h ^ lo) * 16777619u;                         /* FNV-1a step */
        h = rotl32(h, i & 31);
        acc += (int64_t)(x % 1000003u) - (int64_t)(lo / (uint32_t)i);
        acc ^= (int64_t)__builtin_popcountll(x) << (i & 15);
        acc += (int32_t)h / ((i & 7) + 1);
    }
    return acc ^ h;
}
