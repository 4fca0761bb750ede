/* Functions of helper.c, a second compilation unit, and one defined here. */
int divide(int a, int b);
void crash(void);
int load(int *p);

static inline int positive(int x) {
    if (x < 0) {
        __builtin_trap();
    }
    return x;
}
