/* Test data for the DWARF line tables (see build.sh). The tests name these lines. */
#include "helper.h"

int middle(int kind, int x) {
    if (kind == 0) {
        return divide(x, 0);
    }
    if (kind == 1) {
        crash();
        return 0;
    }
    if (kind == 2) {
        return positive(x);
    }
    return load((int *) x);
}

int run(int kind, int x) {
    int result = middle(kind, x);
    return result + 1;
}
