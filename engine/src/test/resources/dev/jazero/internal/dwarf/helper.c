/* A second compilation unit for the DWARF tests: each function traps. */
#include "helper.h"

int divide(int a, int b) {
    return a / b;
}

void crash(void) {
    __builtin_trap();
}

int load(int *p) {
    return *p;
}
