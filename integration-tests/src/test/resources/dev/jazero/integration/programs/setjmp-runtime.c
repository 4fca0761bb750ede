/*
 * The runtime that clang's lowering of setjmp and longjmp to WebAssembly exceptions calls
 * (-mllvm -wasm-enable-sjlj), for a module without a libc: __wasm_setjmp records which call of
 * which function a jmp_buf belongs to and which of its setjmps; __wasm_longjmp throws the C
 * longjmp tag with the buffer and the value; the function that called setjmp catches it and asks
 * __wasm_setjmp_test whether the buffer is one of its own. Built without the lowering.
 */
#include "setjmp-runtime.h"

/* The tag longjmp throws, which lowered code catches: its exceptions carry a pointer. */
__asm__(".globl __c_longjmp\n.tagtype __c_longjmp i32\n__c_longjmp:\n");

void __wasm_setjmp(void *env, uint32_t label, void *invocation) {
    struct jump *j = env;
    j->invocation = invocation;
    j->label = label;
}

uint32_t __wasm_setjmp_test(void *env, void *invocation) {
    struct jump *j = env;
    return j->invocation == invocation ? j->label : 0;
}

void __wasm_longjmp(void *env, int value) {
    struct jump *j = env;
    j->thrown.env = env;
    j->thrown.value = value != 0 ? value : 1;
    __builtin_wasm_throw(1, &j->thrown);
}
