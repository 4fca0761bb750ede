// Module "primes": a sieve of Eratosthenes in its own memory.
#define LIMIT 200000
static unsigned char composite[LIMIT];

__attribute__((export_name("count_primes")))
int count_primes(int limit) {
    if (limit > LIMIT) limit = LIMIT;
    int count = 0;
    for (int i = 2; i < limit; i++) composite[i] = 0;
    for (int i = 2; i < limit; i++) {
        if (composite[i]) continue;
        count++;
        for (long long j = (long long) i * i; j < limit; j += i) composite[j] = 1;
    }
    return count;
}
