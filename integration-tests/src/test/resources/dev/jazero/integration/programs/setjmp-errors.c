/*
 * A calculator whose errors travel as WebAssembly exceptions: it evaluates expressions by
 * recursive descent and leaves a failing one with longjmp from however deep the parse went.
 * Built with clang's -mllvm -wasm-enable-sjlj, setjmp and longjmp become a throw of the C longjmp
 * tag and catch clauses in the functions that call setjmp: legacy try/catch by default, try_table
 * with -mllvm -wasm-use-legacy-eh=false. The runtime that lowering calls is in setjmp-runtime.c,
 * for a module without a libc.
 */
#include <stdint.h>

#ifdef __wasm__
#define WASI(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))

WASI("fd_write") int32_t fd_write(int32_t fd, uint32_t iovs, uint32_t iovs_len, uint32_t nwritten);

static void print(const char *text, uint32_t len) {
    static uint32_t iov[2];
    static uint32_t written;
    iov[0] = (uint32_t) (uintptr_t) text;
    iov[1] = len;
    fd_write(1, (uint32_t) (uintptr_t) iov, 1, (uint32_t) (uintptr_t) &written);
}

#include "setjmp-runtime.h"
#else
/* The native build, whose output the test expects. */
#include <setjmp.h>
#include <unistd.h>

static void print(const char *text, uint32_t len) {
    write(1, text, len);
}

void _start_program(void);

int main(void) {
    _start_program();
}

#define _start _start_program
#endif

enum { SYNTAX = 1, DIVIDE_BY_ZERO = 2, TOO_DEEP = 3 };

static jmp_buf failure;
static const char *at;
static int depth;

static void fail(int why) {
    longjmp(failure, why);
}

static int64_t expression(void);

static int64_t primary(void) {
    if (++depth > 64) {
        fail(TOO_DEEP);
    }
    int64_t value;
    if (*at == '(') {
        at++;
        value = expression();
        if (*at++ != ')') {
            fail(SYNTAX);
        }
    } else if (*at == '-') {
        at++;
        value = -primary();
    } else if (*at >= '0' && *at <= '9') {
        value = 0;
        while (*at >= '0' && *at <= '9') {
            value = value * 10 + (*at++ - '0');
        }
    } else {
        fail(SYNTAX);
    }
    depth--;
    return value;
}

static int64_t term(void) {
    int64_t value = primary();
    while (*at == '*' || *at == '/' || *at == '%') {
        char op = *at++;
        int64_t right = primary();
        if (op != '*' && right == 0) {
            fail(DIVIDE_BY_ZERO);
        }
        value = op == '*' ? value * right : op == '/' ? value / right : value % right;
    }
    return value;
}

static int64_t expression(void) {
    int64_t value = term();
    while (*at == '+' || *at == '-') {
        char op = *at++;
        int64_t right = term();
        value = op == '+' ? value + right : value - right;
    }
    return value;
}

static uint32_t length(const char *s) {
    uint32_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void print_number(int64_t value) {
    char digits[24];
    int n = 0;
    uint64_t magnitude = value < 0 ? -(uint64_t) value : (uint64_t) value;
    do {
        digits[sizeof digits - 1 - n++] = (char) ('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) {
        digits[sizeof digits - 1 - n++] = '-';
    }
    print(digits + sizeof digits - n, (uint32_t) n);
}

/* Evaluates one expression; a failure anywhere in it lands here. */
static void evaluate(const char *text) {
    static const char *const why[] = {"", "syntax error", "division by zero", "nested too deeply"};
    print(text, length(text));
    print(" = ", 3);
    at = text;
    depth = 0;
    int error = setjmp(failure);
    if (error != 0) {
        print(why[error], length(why[error]));
    } else {
        int64_t value = expression();
        if (*at != 0) {
            fail(SYNTAX);
        }
        print_number(value);
    }
    print("\n", 1);
}

void _start(void) {
    static const char *const inputs[] = {
        "1+2*3", "(1+2)*3", "7/0", "2*(3+4", "-(5%3)*-8", "123456789*1000000007",
        "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))",
        "100/7+100%7", "1+", "((((((((((2))))))))))*3",
    };
    for (int round = 0; round < 1000; round++) {
        for (uint32_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
            if (round == 0) {
                evaluate(inputs[i]);
            } else {
                /* Many more failures, quietly: an exception is cheap only if unwinding is. */
                at = inputs[i];
                depth = 0;
                if (setjmp(failure) == 0) {
                    expression();
                }
            }
        }
    }
}
