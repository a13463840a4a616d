/* a .smp_locks entry of asm code that is no function (no .type @function): it changes, and no function takes it along */
#include "kasm.h"
asm(".pushsection .text.lock_stub, \"ax\"\n"
    "lock_stub:\n"
    "nop\n"
    LOCK_PREFIX "incl (%eax)\n"
    "ret\n"
    ".popsection\n");
int runtime(int a) { return a * 3; }
