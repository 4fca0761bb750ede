/* Allocation-heavy code: binary trees (Computer Language Benchmarks Game) with malloc and free
 * of many small nodes, through wasi-libc's dlmalloc. */
#include <stdlib.h>

typedef struct Node { struct Node *left, *right; } Node;

static Node *make(int depth) {
    Node *n = malloc(sizeof(Node));
    if (depth > 0) { n->left = make(depth - 1); n->right = make(depth - 1); }
    else { n->left = n->right = 0; }
    return n;
}

static int check(Node *n) {
    return 1 + (n->left ? check(n->left) + check(n->right) : 0);
}

static void release(Node *n) {
    if (n->left) { release(n->left); release(n->right); }
    free(n);
}

/* Builds and frees trees of depth 4, 6, ..., max_depth, many of each; returns the node count. */
int alloc(int max_depth) {
    Node *long_lived = make(max_depth);
    int total = 0;
    for (int d = 4; d <= max_depth; d += 2) {
        int iterations = 1 << (max_depth - d + 4);
        for (int i = 0; i < iterations; i++) {
            Node *t = make(d);
            total += check(t);
            release(t);
        }
    }
    total += check(long_lived);
    release(long_lived);
    return total;
}
