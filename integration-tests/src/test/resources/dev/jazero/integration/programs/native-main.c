// The native build of the two modules, for the expected output: both in one program.
#include <stdio.h>
#define __attribute__(x)
#include "primes.c"
#include "main.c"

int main(void) {
    printf("%llu\n", run());
    return 0;
}
