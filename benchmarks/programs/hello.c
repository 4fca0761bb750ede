/* Start-up: a command that prints one line, so that its time is the engine's own. */
#include <stdio.h>

int main(void) {
    puts("Hello, world!");
    return 0;
}
