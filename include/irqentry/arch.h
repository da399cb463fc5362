/* SPDX-License-Identifier: MIT */
/*
 * Architecture dispatch: one ladder on the compiler's target macros, or the
 * IRQENTRY_ARCH_* macro that forces a backend, then the backend's header.
 * After this file only irqentry's identity macros (IRQENTRY_ARCH_ARM64,
 * IRQENTRY_ARCH_RISCV, IRQENTRY_ARCH_X86, each 1 when chosen) are used.
 * Included by <irqentry/irqentry.h> twice; do not include directly. The
 * first pass, before the OS header, only picks the backend, so the OS
 * header can test the identity macros (#if IRQENTRY_ARCH_X86) in real and
 * hosted builds alike; the second, after the hook contract, includes the
 * backend.
 */
#ifndef IRQENTRY_ARCH_H
#define IRQENTRY_ARCH_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch.h>"
#endif

/*
 * A forced backend is 1 and nothing else: the headers test these macros
 * both with defined() and with #if, so a 0 would be "on" to one test and
 * "off" to the other. (X + 0) also catches an empty definition.
 */
#if defined(IRQENTRY_ARCH_ARM64) && (IRQENTRY_ARCH_ARM64 + 0) != 1
#error "irqentry: IRQENTRY_ARCH_ARM64 is defined to something other than 1: define it to 1 to force the arm64 backend, or leave it undefined"
#endif
#if defined(IRQENTRY_ARCH_RISCV) && (IRQENTRY_ARCH_RISCV + 0) != 1
#error "irqentry: IRQENTRY_ARCH_RISCV is defined to something other than 1: define it to 1 to force the RISC-V backend, or leave it undefined"
#endif
#if defined(IRQENTRY_ARCH_X86) && (IRQENTRY_ARCH_X86 + 0) != 1
#error "irqentry: IRQENTRY_ARCH_X86 is defined to something other than 1: define it to 1 to force the x86-64 backend, or leave it undefined"
#endif

#if defined(IRQENTRY_ARCH_ARM64) + defined(IRQENTRY_ARCH_RISCV) +              \
		defined(IRQENTRY_ARCH_X86) >                                   \
	1
#error "irqentry: more than one of IRQENTRY_ARCH_ARM64, IRQENTRY_ARCH_RISCV, IRQENTRY_ARCH_X86 is defined; force at most one"
#endif

#if !defined(IRQENTRY_ARCH_ARM64) && !defined(IRQENTRY_ARCH_RISCV) &&          \
	!defined(IRQENTRY_ARCH_X86)
#if defined(__aarch64__)
#define IRQENTRY_ARCH_ARM64 1
#elif defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64
#define IRQENTRY_ARCH_RISCV 1
#elif defined(__x86_64__)
#define IRQENTRY_ARCH_X86 1
#else
#error "irqentry: unknown architecture; supported: arm64 (__aarch64__), rv64 (__riscv with __riscv_xlen 64), x86-64 (__x86_64__); hosted builds may force one with IRQENTRY_ARCH_ARM64, IRQENTRY_ARCH_RISCV or IRQENTRY_ARCH_X86"
#endif
#endif

#if !defined(__SIZEOF_LONG__) || __SIZEOF_LONG__ != 8 ||                       \
	!defined(__SIZEOF_POINTER__) || __SIZEOF_POINTER__ != 8
#error "irqentry: needs a 64-bit (LP64) target: unsigned long holds a 64-bit mask register and work word"
#endif

#if defined(IRQENTRY_ARCH_ARM64)
#if !defined(IRQENTRY_HOSTED) && !defined(__aarch64__)
#error "irqentry: IRQENTRY_ARCH_ARM64 without IRQENTRY_HOSTED needs an aarch64 compiler target (real mode uses arm64 instructions)"
#endif
#define IRQENTRY_PRIV_ARCH_HEADER "arch/arm64.h"
#elif defined(IRQENTRY_ARCH_RISCV)
#if !defined(IRQENTRY_HOSTED) &&                                               \
	!(defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64)
#error "irqentry: IRQENTRY_ARCH_RISCV without IRQENTRY_HOSTED needs an rv64 compiler target (real mode uses RISC-V instructions)"
#endif
#define IRQENTRY_PRIV_ARCH_HEADER "arch/riscv.h"
#else
#if !defined(IRQENTRY_HOSTED) && !defined(__x86_64__)
#error "irqentry: IRQENTRY_ARCH_X86 without IRQENTRY_HOSTED needs an x86-64 compiler target (real mode uses x86 instructions)"
#endif
#define IRQENTRY_PRIV_ARCH_HEADER "arch/x86.h"
#endif

#endif /* IRQENTRY_ARCH_H */

/* Second pass: the backend, once the OS header and the contract are in. */
#if defined(IRQENTRY_HOOKS_H) && !defined(IRQENTRY_PRIV_ARCH_BACKEND)
#define IRQENTRY_PRIV_ARCH_BACKEND 1
#include IRQENTRY_PRIV_ARCH_HEADER

/*
 * Every backend provides:
 *   irqentry_arch_local_irq_disable(), irqentry_arch_local_irq_enable(),
 *   irqentry_arch_irqs_disabled()           - the live interrupt mask
 *   irqentry_arch_user_mode(regs)           - the frame returns to user mode
 *   irqentry_arch_regs_irqs_disabled(regs)  - the interrupted context had
 *                                             interrupts masked
 *   irqentry_arch_schedule_state_ok()       - the live mask state allows a
 *                                             context switch (debug checks)
 * and may override irqentry_arch_preempt_allowed(regs) (a veto on kernel
 * preemption, default: allowed).
 */
#ifndef irqentry_arch_preempt_allowed
static inline bool irqentry_arch_preempt_allowed(irqentry_regs_t *regs)
{
	(void)regs;
	return true;
}
#endif

#endif /* second pass */
