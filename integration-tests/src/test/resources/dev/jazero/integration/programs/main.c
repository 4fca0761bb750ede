// Module "main": a table of squares in its own memory, with a call into the "primes" module.
__attribute__((import_module("primes"), import_name("count_primes")))
int count_primes(int limit);

#define N 50000
static unsigned int squares[N];

__attribute__((export_name("run")))
unsigned long long run(void) {
    unsigned long long sum = 0;
    for (unsigned int i = 0; i < N; i++) squares[i] = i * i;
    for (unsigned int i = 0; i < N; i += 7) sum += squares[i];
    return sum * 1000003ULL + (unsigned long long) count_primes(200000);
}
