/*
 * A wasm64 WASI command as clang builds one without a wasm64 libc: pointers are 64 bits, and the
 * WASI calls take the 32-bit offsets that WASI preview 1 defines (what it prints lives below
 * 4 GiB). It grows its memory past 4 GiB, sorts a pseudo-random array there with 64-bit pointers
 * and prints a checksum.
 */
#include <stdint.h>

#ifdef __wasm__
#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))

WASI("fd_write") int32_t fd_write(int32_t fd, uint32_t iovs, uint32_t iovs_len, uint32_t nwritten);
WASI("proc_exit") _Noreturn void proc_exit(int32_t code);

struct iovec32 {
    uint32_t buf;
    uint32_t len;
};

static void print(const char *text, uint32_t len) {
    static struct iovec32 iov;
    static uint32_t written;
    iov.buf = (uint32_t) (uintptr_t) text;
    iov.len = len;
    fd_write(1, (uint32_t) (uintptr_t) &iov, 1, (uint32_t) (uintptr_t) &written);
}
#else
/* The native build, whose output the test expects. */
#include <stdlib.h>
#include <unistd.h>

static void print(const char *text, uint32_t len) {
    write(1, text, len);
}

static void proc_exit(int32_t code) {
    exit(code);
}

void _start_program(void);

int main(void) {
    _start_program();
}

#define _start _start_program
#endif

#define N 200000

/* Where the array lives: in wasm64, just above 4 GiB, in memory grown to hold it. */
static uint64_t *above_4_gib(void) {
#ifdef __wasm__
    uint64_t end = 0x100000000ULL + N * sizeof(uint64_t);
    uint64_t pages = (end + 65535) / 65536;
    uint64_t have = __builtin_wasm_memory_size(0);
    if (pages > have && __builtin_wasm_memory_grow(0, pages - have) == (__SIZE_TYPE__) -1) {
        print("cannot grow the memory past 4 GiB\n", 34);
        proc_exit(1);
    }
    return (uint64_t *) (uintptr_t) 0x100000000ULL;
#else
    return malloc(N * sizeof(uint64_t));
#endif
}

static void sort(uint64_t *a, long n) {
    /* Shell sort, so that the loads and stores go through 64-bit addresses. */
    for (long gap = n / 2; gap > 0; gap /= 2) {
        for (long i = gap; i < n; i++) {
            uint64_t v = a[i];
            long j = i;
            while (j >= gap && a[j - gap] > v) {
                a[j] = a[j - gap];
                j -= gap;
            }
            a[j] = v;
        }
    }
}

void _start(void) {
    uint64_t *values = above_4_gib();
    uint64_t x = 88172645463325252ULL;
    for (long i = 0; i < N; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values[i] = x % 1000000007ULL;
    }
    sort(values, N);
    uint64_t sum = 0;
    for (long i = 0; i < N; i++) {
        if (i > 0 && values[i - 1] > values[i]) {
            print("unsorted\n", 9);
            proc_exit(1);
        }
        sum = sum * 31 + values[i];
    }
    static char digits[32];
    int n = 0;
    char tmp[32];
    do {
        tmp[n++] = (char) ('0' + sum % 10);
        sum /= 10;
    } while (sum != 0);
    for (int i = 0; i < n; i++) {
        digits[i] = tmp[n - 1 - i];
    }
    digits[n] = '\n';
    print(digits, (uint32_t) n + 1);
    proc_exit(0);
}
