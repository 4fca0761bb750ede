/* Memory traffic: a sieve of Eratosthenes over bytes, and a sort (quicksort on i32s) with
 * block copies (memcpy) between buffers. */
#include <stdint.h>
#include <string.h>

#define MAX 1000000
static uint8_t flags[MAX + 1];
static int32_t a[MAX], b[MAX];

/* Number of primes <= n (n <= 1000000). */
int sieve(int n) {
    if (n > MAX) n = MAX;
    memset(flags, 1, (size_t)n + 1);
    int count = 0;
    for (int i = 2; i <= n; i++) {
        if (flags[i]) {
            count++;
            for (int j = i + i; j <= n; j += i) flags[j] = 0;
        }
    }
    return count;
}

static void quicksort(int32_t *v, int lo, int hi) {
    while (lo < hi) {
        int32_t pivot = v[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { int32_t t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }
        else { quicksort(v, i, hi); hi = j; }
    }
}

/* Fills n pseudo-random i32s, copies them in blocks, sorts the copy; returns a checksum. */
int64_t sort(int n) {
    if (n > MAX) n = MAX;
    uint32_t x = 12345;
    for (int i = 0; i < n; i++) { x = x * 1103515245u + 12345u; a[i] = (int32_t)(x >> 1); }
    for (int i = 0; i < n; i += 1024) memcpy(&b[i], &a[i], (size_t)((n - i < 1024) ? n - i : 1024) * 4);
    quicksort(b, 0, n - 1);
    int64_t sum = 0;
    for (int i = 0; i < n; i++) sum = sum * 31 + b[i];
    return sum;
}
