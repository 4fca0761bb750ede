/* A switch-dispatch interpreter loop: a tiny stack bytecode VM running a loop that sums
 * i * i % 7 for i below n. */
#include <stdint.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, REM, LT, JZ, JMP, DUP, DROP, HALT };

static const int32_t program[] = {
    PUSH, 0, STORE, 0,            /* 0: i = 0 */
    PUSH, 0, STORE, 1,            /* 4: s = 0 */
    LOAD, 0, LOAD, 2, LT,         /* 8: i < n ? */
    JZ, 36,                       /* 13 */
    LOAD, 0, DUP, MUL,            /* 15: i * i */
    PUSH, 7, REM,                 /* 19: % 7 */
    LOAD, 1, ADD, STORE, 1,       /* 22: s += */
    LOAD, 0, PUSH, 1, ADD, STORE, 0, /* 27: i++ */
    JMP, 8,                       /* 34 */
    LOAD, 1, HALT,                /* 36 */
};

int32_t vm(int32_t n) {
    int32_t stack[64];
    int32_t vars[4] = {0, 0, n, 0};
    int sp = 0, pc = 0;
    for (;;) {
        switch (program[pc++]) {
        case PUSH: stack[sp++] = program[pc++]; break;
        case LOAD: stack[sp++] = vars[program[pc++]]; break;
        case STORE: vars[program[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case REM: sp--; stack[sp - 1] %= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case JZ: { int32_t t = program[pc++]; if (!stack[--sp]) pc = t; break; }
        case JMP: pc = program[pc]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case HALT: return stack[sp - 1];
        default: return -1;
        }
    }
}
