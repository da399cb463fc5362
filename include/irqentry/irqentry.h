/* SPDX-License-Identifier: MIT */
/*
 * irqentry: generic exception and interrupt entry/exit for kernels and
 * hypervisors. The one header a user includes; it pulls in the OS header
 * (<irqentry_os.h>, or the file named by IRQENTRY_OS_HEADER), the arch
 * backend and the generic core.
 *
 * Order (semantic, do not sort): version and configuration, the choice of
 * backend (IRQENTRY_ARCH_*), the work word and shared types (all of which
 * the OS header may use), the OS header, the hook contract and defaults,
 * the arch primitives, the testing kit's hook recorders (only
 * with IRQENTRY_TESTING), debug checks, the generic core by concern, then
 * the arch wrappers built on the core.
 */
#ifndef IRQENTRY_IRQENTRY_H
#define IRQENTRY_IRQENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "version.h"
#include "config.h"
/* First pass: the backend is chosen, IRQENTRY_ARCH_* set for the OS header. */
#include "arch.h"

#ifdef __cplusplus
extern "C" {
#endif
#include "work.h"
#include "types.h"
#ifdef __cplusplus
}
#endif

/*
 * A missing OS header would otherwise stop the build with the compiler's
 * bare "No such file" (and Clang goes on to report every hook missing); say
 * what the file is instead and skip the rest, where the compiler can tell
 * (__has_include: GCC 5+, Clang, C23, C++17).
 */
#ifdef IRQENTRY_OS_HEADER
#if defined(__has_include)
#if !__has_include(IRQENTRY_OS_HEADER)
#error "irqentry: the OS header named by IRQENTRY_OS_HEADER is not on the include path; it is your kernel's hook header (trap frame type, work word, scheduler and signal hooks: the contract is <irqentry/hooks.h>); templates, one per backend, are in templates/<arch>/ of the irqentry sources (installed: share/doc/irqentry/templates/), the walk-through in docs/porting.md"
#define IRQENTRY_PRIV_NO_OS_HEADER 1
#endif
#endif
#ifndef IRQENTRY_PRIV_NO_OS_HEADER
#include IRQENTRY_OS_HEADER
#endif
#else
#if defined(__has_include)
#if !__has_include(<irqentry_os.h>)
#error "irqentry: <irqentry_os.h> not found: it is your kernel's hook header (trap frame type, work word, scheduler and signal hooks: the contract is <irqentry/hooks.h>); put its directory on the include path, or define IRQENTRY_OS_HEADER as the quoted name of your file; templates, one per backend, are in templates/<arch>/ of the irqentry sources (installed: share/doc/irqentry/templates/), the walk-through in docs/porting.md"
#define IRQENTRY_PRIV_NO_OS_HEADER 1
#endif
#endif
#ifndef IRQENTRY_PRIV_NO_OS_HEADER
#include <irqentry_os.h>
#endif
#endif

#ifndef IRQENTRY_PRIV_NO_OS_HEADER

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
#endif /* !IRQENTRY_PRIV_NO_OS_HEADER */

#endif /* IRQENTRY_IRQENTRY_H */
