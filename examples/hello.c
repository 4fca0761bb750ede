// A WASI command in C: greets, copies stdin, lists a directory, or copies a file, to show what a guest may
// do with the arguments, environment, standard streams and mounts the host gives it.
//
//   ./jazero run examples/hello.wasm World                      # Hello, World!
//   ./jazero run --env NAME=Jazero examples/hello.wasm          # Hello, Jazero!
//   echo hi | ./jazero run examples/hello.wasm cat               # hi
//   ./jazero run --dir examples:/ex:ro examples/hello.wasm ls /ex
//   ./jazero run --dir /tmp:/tmp examples/hello.wasm cp /tmp/a /tmp/b
//
// Rebuild (Debian: apt-get install clang lld wasi-libc) with examples/build-hello.sh.
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list(const char *path) {
    DIR *dir = opendir(path);
    if (dir == NULL) {
        fprintf(stderr, "hello: cannot list %s: %s\n", path, strerror(errno));
        return 2;
    }
    char *names[1024];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < 1024) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            names[count++] = strdup(entry->d_name);
        }
    }
    closedir(dir);
    qsort(names, count, sizeof names[0], compare);
    for (size_t i = 0; i < count; i++) {
        printf("%s\n", names[i]);
        free(names[i]);
    }
    return 0;
}

static int copy(const char *from, const char *to) {
    FILE *in = fopen(from, "rb");
    if (in == NULL) {
        fprintf(stderr, "hello: cannot open %s: %s\n", from, strerror(errno));
        return 2;
    }
    FILE *out = fopen(to, "wb");
    if (out == NULL) {
        fprintf(stderr, "hello: cannot create %s: %s\n", to, strerror(errno));
        fclose(in);
        return 2;
    }
    char buf[4096];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        fwrite(buf, 1, n, out);
        total += n;
    }
    fclose(in);
    if (fclose(out) != 0) {
        fprintf(stderr, "hello: cannot write %s: %s\n", to, strerror(errno));
        return 2;
    }
    printf("copied %zu bytes\n", total);
    return 0;
}

static int cat(void) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        fwrite(buf, 1, n, stdout);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "cat") == 0) {
        return cat();
    }
    if (argc == 3 && strcmp(argv[1], "ls") == 0) {
        return list(argv[2]);
    }
    if (argc == 4 && strcmp(argv[1], "cp") == 0) {
        return copy(argv[2], argv[3]);
    }
    if (argc > 2) {
        fprintf(stderr, "usage: hello [NAME] | cat | ls DIR | cp FROM TO\n");
        return 64;
    }
    const char *name = argc > 1 ? argv[1] : getenv("NAME");
    printf("Hello, %s!\n", name != NULL ? name : "WebAssembly");
    return 0;
}
