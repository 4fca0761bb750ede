/* The whole-program workloads: one program, natively and as a WASI command, that runs the kernel
 * of ../src/main/c its first argument names, as many times or as large as its second says, and
 * prints the result, which every engine must print alike (see ../whole-programs). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fib(int n);
int64_t intmath(int n);
double nbody(int steps);
int sieve(int n);
int64_t sort(int n);
int32_t vm(int32_t n);
int alloc(int max_depth);

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: workloads fib|intmath|nbody|sieve|sort|vm|alloc SIZE\n");
        return 2;
    }
    const char *name = argv[1];
    int size = atoi(argv[2]);
    if (strcmp(name, "fib") == 0) {
        printf("%d\n", fib(size));
    } else if (strcmp(name, "intmath") == 0) {
        printf("%lld\n", (long long) intmath(size));
    } else if (strcmp(name, "nbody") == 0) {
        printf("%.9f\n", nbody(size));
    } else if (strcmp(name, "sieve") == 0) {
        /* SIZE sieves of a million bytes. */
        long primes = 0;
        for (int i = 0; i < size; i++) primes += sieve(1000000);
        printf("%ld\n", primes);
    } else if (strcmp(name, "sort") == 0) {
        /* SIZE sorts of a million ints. */
        long long sum = 0;
        for (int i = 0; i < size; i++) sum += sort(1000000);
        printf("%lld\n", sum);
    } else if (strcmp(name, "vm") == 0) {
        printf("%d\n", vm(size));
    } else if (strcmp(name, "alloc") == 0) {
        printf("%d\n", alloc(size));
    } else {
        fprintf(stderr, "no workload %s\n", name);
        return 2;
    }
    return 0;
}
