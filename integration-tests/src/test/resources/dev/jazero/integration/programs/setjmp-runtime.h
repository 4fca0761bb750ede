/* The setjmp and longjmp of a module without a libc, for setjmp-runtime.c's lowering runtime. */
#include <stdint.h>

struct jump {
    void *invocation;
    uint32_t label;
    struct {
        void *env;
        int value;
    } thrown;
};
typedef struct jump jmp_buf[1];
int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int value);
