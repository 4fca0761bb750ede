// Allocates 256 MiB in 64 KiB blocks, as an allocator does that takes memory from the system a
// block at a time (sbrk, one memory.grow of a page each), writing the first and last bytes of
// every block, then reads them back: what a program that builds a large data structure does.
#include <stdio.h>
#include <unistd.h>

#define BLOCKS 4096
#define BLOCK_SIZE 65536

static unsigned char *blocks[BLOCKS];

int main(void) {
    for (int i = 0; i < BLOCKS; i++) {
        void *block = sbrk(BLOCK_SIZE);
        if (block == (void *) -1) {
            puts("out of memory");
            return 1;
        }
        blocks[i] = block;
        blocks[i][0] = (unsigned char) i;
        blocks[i][BLOCK_SIZE - 1] = (unsigned char) i;
    }
    unsigned long sum = 0;
    for (int i = 0; i < BLOCKS; i++) {
        sum += blocks[i][0] + blocks[i][BLOCK_SIZE - 1];
    }
    printf("%d blocks of %d bytes, checksum %lu\n", BLOCKS, BLOCK_SIZE, sum);
    return 0;
}
