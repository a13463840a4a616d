/* Just enough of the kernel's types for patch.h and shadow.h in a host compile. */
#ifndef SHIM_LINUX_TYPES_H
#define SHIM_LINUX_TYPES_H
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned int gfp_t;
#include <stddef.h>
#endif
