/* SPDX-License-Identifier: MIT */
/*
 * irqentry: generic exception and interrupt entry/exit for kernels and
 * hypervisors. The one header a user includes; it pulls in the OS header
 * (<irqentry_os.h>, or the file named by IRQENTRY_OS_HEADER), the arch
 * backend and the generic core.
 *
 * Order (semantic, do not sort): configuration, the work word and shared
 * types (which the OS header may use), the OS header, the hook contract and
 * defaults, the arch primitives, the testing kit's hook recorders (only
 * with IRQENTRY_TESTING), debug checks, the generic core by concern, then
 * the arch wrappers built on the core.
 */
#ifndef IRQENTRY_IRQENTRY_H
#define IRQENTRY_IRQENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

#ifdef __cplusplus
extern "C" {
#endif
#include "work.h"
#include "types.h"
#ifdef __cplusplus
}
#endif

#ifdef IRQENTRY_OS_HEADER
#include IRQENTRY_OS_HEADER
#else
#include <irqentry_os.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif
#include "hooks.h"
#include "arch.h"
#ifdef IRQENTRY_TESTING
/* The testing kit: recorders wrap the hooks before the core calls them. */
#include "testing.h"
#endif
#include "debug.h"
#include "kernel.h"
#include "user.h"
#include "entry.h"
#include "syscall.h"
#include "nmi.h"
#include "guest.h"

/* Second pass over the arch header: its wrappers, built on the core. */
#define IRQENTRY_PRIV_CORE_DONE 1
#include IRQENTRY_PRIV_ARCH_HEADER
#ifdef __cplusplus
}
#endif

#endif /* IRQENTRY_IRQENTRY_H */
