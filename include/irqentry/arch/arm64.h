/* SPDX-License-Identifier: MIT */
/*
 * arm64 backend: DAIF primitives, trap-frame predicates and the per-class
 * wrappers. Selected by <irqentry/arch.h>; do not include directly.
 *
 * The wrappers serve a kernel at EL1 and, unchanged, a VHE host kernel at
 * EL2 (HCR_EL2.E2H and TGE set, as Linux runs on VHE hardware): there the
 * EL1 register names the vectors use (ELR_EL1, SPSR_EL1, ESR_EL1, VBAR_EL1)
 * reach the EL2 registers, EL0 exceptions go to EL2, and a kernel frame's
 * saved mode is EL2h (M = 9). Every predicate below reads only PSTATE.M ==
 * EL0t (user) and the DAIF bits, so an "el1_*" wrapper is the right one
 * for an exception taken from EL2 itself. A guest exit to a VHE host is not
 * an exception of the host's context: it goes through no wrapper (see
 * <irqentry/guest.h>).
 */
#ifndef IRQENTRY_ARCH_ARM64_H
#define IRQENTRY_ARCH_ARM64_H

#ifndef IRQENTRY_ARCH_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch/arm64.h>"
#endif

/* The backend's name, "arm64", for messages and test output. */
#define IRQENTRY_ARCH_NAME "arm64"

/*
 * DAIF, at its PSTATE bit positions (D=9, A=8, I=7, F=6). The `msr daifset`
 * and `msr daifclr` immediates use the same order in bits 3..0.
 */
#define IRQENTRY_ARM64_DAIF_D    0x200UL /* debug exceptions */
#define IRQENTRY_ARM64_DAIF_A    0x100UL /* SError */
#define IRQENTRY_ARM64_DAIF_I    0x080UL /* IRQ */
#define IRQENTRY_ARM64_DAIF_F    0x040UL /* FIQ */
#define IRQENTRY_ARM64_DAIF_MASK 0x3c0UL /* all four */

/* Everything open: process context with interrupts enabled. */
#define IRQENTRY_ARM64_DAIF_PROCCTX 0x0UL
/* I and F masked, D and A open: the only state a task switch may happen in
 * with interrupts off (an IRQ handler, the preempt step). */
#define IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ                                      \
	(IRQENTRY_ARM64_DAIF_I | IRQENTRY_ARM64_DAIF_F)
/* Only D open: while handling an SError. */
#define IRQENTRY_ARM64_DAIF_ERRCTX                                             \
	(IRQENTRY_ARM64_DAIF_A | IRQENTRY_ARM64_DAIF_I | IRQENTRY_ARM64_DAIF_F)

/* PSTATE.M[3:0]: the exception level and stack pointer; EL0t is 0. */
#define IRQENTRY_ARM64_PSTATE_MODE_MASK 0xfUL
#define IRQENTRY_ARM64_PSTATE_EL0t      0x0UL
#define IRQENTRY_ARM64_PSTATE_EL1h      0x5UL

#ifdef IRQENTRY_HOSTED
/* Hosted twins of the primitives documented in the real-mode branch. */
/* An IRQ is taken when PSTATE.I is clear. */
static inline bool irqentry_arch_hosted_irqs_open(unsigned long status)
{
	return !(status & IRQENTRY_ARM64_DAIF_I);
}

/* Taking an exception masks all of DAIF. */
static inline unsigned long irqentry_arch_hosted_trap(unsigned long status)
{
	return status | IRQENTRY_ARM64_DAIF_MASK;
}

#include "../hosted.h"

static inline unsigned long irqentry_arm64_daif_read(void)
{
	return irqentry_hosted_cpu()->status & IRQENTRY_ARM64_DAIF_MASK;
}

/* Hosted writes keep the non-DAIF bits of the simulated PSTATE. */
static inline void irqentry_priv_arm64_daif_set(unsigned long bits)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status | bits);
}

static inline void irqentry_priv_arm64_daif_clr(unsigned long bits)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status & ~bits);
}

static inline void irqentry_arm64_daif_restore(unsigned long daif)
{
	unsigned long status = irqentry_hosted_cpu()->status;

	irqentry_priv_hosted_write((status & ~IRQENTRY_ARM64_DAIF_MASK) |
				   (daif & IRQENTRY_ARM64_DAIF_MASK));
}

static inline void irqentry_arm64_daif_mask(void)
{
	irqentry_priv_arm64_daif_set(IRQENTRY_ARM64_DAIF_MASK);
}

static inline void irqentry_arm64_daif_procctx_noirq(void)
{
	irqentry_priv_arm64_daif_clr(IRQENTRY_ARM64_DAIF_D |
				     IRQENTRY_ARM64_DAIF_A);
}

static inline void irqentry_arm64_daif_procctx(void)
{
	irqentry_priv_arm64_daif_clr(IRQENTRY_ARM64_DAIF_MASK);
}

static inline void irqentry_arm64_daif_errctx(void)
{
	irqentry_priv_arm64_daif_clr(IRQENTRY_ARM64_DAIF_D);
}

static inline void irqentry_arm64_irq_disable(void)
{
	irqentry_priv_arm64_daif_set(IRQENTRY_ARM64_DAIF_I |
				     IRQENTRY_ARM64_DAIF_F);
}
#else  /* !IRQENTRY_HOSTED */
/**
 * irqentry_arm64_daif_read - the live DAIF bits
 * Context: any. Return: PSTATE.DAIF at bits 9..6.
 */
static inline unsigned long irqentry_arm64_daif_read(void)
{
	unsigned long daif;

	__asm__ __volatile__("mrs %0, daif" : "=r"(daif) : : "memory");
	return daif;
}

/**
 * irqentry_arm64_daif_restore - write all of DAIF
 * @daif: the new value, bits 9..6 (other bits ignored by the CPU)
 * Context: any; one write.
 */
static inline void irqentry_arm64_daif_restore(unsigned long daif)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
}

/**
 * irqentry_arm64_daif_mask - mask D, A, I and F (`msr daifset, #0xf`)
 * Context: any; one write.
 */
static inline void irqentry_arm64_daif_mask(void)
{
	__asm__ __volatile__("msr daifset, #0xf" : : : "memory");
}

/**
 * irqentry_arm64_daif_procctx_noirq - open D and A (`msr daifclr, #0xc`)
 *
 * From an exception entry (all masked) this gives DAIF_PROCCTX_NOIRQ in one
 * write without a register operand.
 * Context: I and F must already be masked; one write.
 */
static inline void irqentry_arm64_daif_procctx_noirq(void)
{
	__asm__ __volatile__("msr daifclr, #0xc" : : : "memory");
}

/**
 * irqentry_arm64_daif_procctx - open all of DAIF (`msr daifclr, #0xf`)
 * Context: process context about to run with interrupts on; one write.
 */
static inline void irqentry_arm64_daif_procctx(void)
{
	__asm__ __volatile__("msr daifclr, #0xf" : : : "memory");
}

/**
 * irqentry_arm64_daif_errctx - open D only (`msr daifclr, #0x8`)
 *
 * From an exception entry (all masked) this gives DAIF_ERRCTX (A|I|F): the
 * state an SError handler runs in.
 * Context: A, I and F must already be masked; one write.
 */
static inline void irqentry_arm64_daif_errctx(void)
{
	__asm__ __volatile__("msr daifclr, #0x8" : : : "memory");
}

/**
 * irqentry_arm64_irq_disable - mask I and F (`msr daifset, #0x3`)
 * Context: any; one write. D and A keep their state.
 */
static inline void irqentry_arm64_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #0x3" : : : "memory");
}
#endif /* IRQENTRY_HOSTED */

/**
 * irqentry_arm64_daif_inherit - give the handler the interrupted context's DAIF
 * @regs: the trap frame
 *
 * Context: exception entry from EL1, before the handler; one write. IRQs come
 * back on only if they were on where the exception was taken.
 */
static inline void irqentry_arm64_daif_inherit(irqentry_regs_t *regs)
{
	irqentry_arm64_daif_restore(irqentry_os_regs_status(regs) &
				    IRQENTRY_ARM64_DAIF_MASK);
}

/* Generic primitives. */

/*
 * The generic core disables interrupts with I|F only, leaving D and A as
 * they are: the work loop disables at PROCCTX_NOIRQ, the state it may
 * schedule in. It enables interrupts only in process context on the way to
 * user mode (the work loop, syscall entry), where all of DAIF belongs open,
 * so enable opens everything: one write even when entered with all masked.
 */
static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_arm64_irq_disable();
}

/**
 * irqentry_arch_local_irq_enable - unmask interrupts (all of DAIF: the process context)
 *
 * Context: any; an interrupt pending at the unmask is taken at once.
 */
static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_arm64_daif_procctx();
}

/**
 * irqentry_arch_irqs_disabled - are interrupts masked right now?
 *
 * Context: any; NMI-safe.
 * Return: true if DAIF.I is set.
 */
static inline bool irqentry_arch_irqs_disabled(void)
{
	return (irqentry_arm64_daif_read() & IRQENTRY_ARM64_DAIF_I) != 0;
}

/* A context switch is legal at PROCCTX (0) or PROCCTX_NOIRQ (I|F): never
 * with D or A masked, nor with F masked while I is open. */
static inline bool irqentry_arch_schedule_state_ok(void)
{
	unsigned long daif = irqentry_arm64_daif_read();

	if (daif & (IRQENTRY_ARM64_DAIF_D | IRQENTRY_ARM64_DAIF_A))
		return false;
	return !(daif & IRQENTRY_ARM64_DAIF_F) ||
	       (daif & IRQENTRY_ARM64_DAIF_I);
}

/* The frame returns to EL0 (PSTATE.M == EL0t). */
static inline bool irqentry_arch_user_mode(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_status(regs) &
		IRQENTRY_ARM64_PSTATE_MODE_MASK) == IRQENTRY_ARM64_PSTATE_EL0t;
}

/* The interrupted context had IRQs masked (PSTATE.I). */
static inline bool irqentry_arch_regs_irqs_disabled(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_status(regs) & IRQENTRY_ARM64_DAIF_I) != 0;
}

/*
 * IRQENTRY_ARM64_ALLOW_COMBINED: the combined irqentry_enter() and
 * irqentry_exit() are refused on arm64, at the call, with an error naming
 * the wrappers. An exception masks all of DAIF, and the combined exit runs
 * its preempt step wherever the caller happens to be: called straight from
 * a vector it preempts with D and A masked, the new task runs with debug
 * exceptions and SError masked (the bug Linux fixed in 2026 by splitting
 * the exit, arch/arm64/kernel/entry-common.c arm64_exit_to_kernel_mode()).
 * The arm64 wrappers do the masking around each step. Define it to 1 (in
 * the OS header or on the command line) to use the combined path anyway:
 * the caller then owns the masking, and must call irqentry_exit() at
 * DAIF == I|F (IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ) and mask all of DAIF
 * after it, before ERET.
 */
#ifndef IRQENTRY_ARM64_ALLOW_COMBINED
#define IRQENTRY_ARM64_ALLOW_COMBINED 0
#endif
#if !IRQENTRY_ARM64_ALLOW_COMBINED
/* @expr, preceded by the error (processed where the macro is expanded).
 * Kept by hand: clang-format would split the pragma from its macro. */
/* clang-format off */
#define IRQENTRY_PRIV_COMBINED_REFUSED(expr) \
	_Pragma("GCC error \"irqentry: irqentry_enter()/irqentry_exit() on arm64 would preempt with D and A masked: call the arm64 wrappers (irqentry_arm64_el1_irq, irqentry_arm64_el1_sync, irqentry_arm64_el0_sync, ...) or their _enter/_exit pairs; or define IRQENTRY_ARM64_ALLOW_COMBINED 1 and call irqentry_exit() at DAIF == I|F yourself\"") \
	(expr)
/* clang-format on */
#endif

/*
 * OS hook the arm64 wrappers need besides the generic ones (required; see
 * <irqentry/hooks.h> for the convention):
 *
 * void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
 *	Save x0 where the dispatcher, a tracer and a syscall restart find it
 *	(Linux's orig_x0): x0 is both the first argument and the return
 *	register, and irqentry_arm64_el0_svc_enter() presets it to
 *	IRQENTRY_OS_ENOSYS right after this call, so without the copy a
 *	tracer reading the first argument sees -ENOSYS. A vector that already
 *	stores the copy while saving the frame may make it empty. Context:
 *	all of DAIF masked, must not schedule.
 */
#ifndef irqentry_os_syscall_save_orig_x0
#error "irqentry: missing required hook irqentry_os_syscall_save_orig_x0(regs): save x0 (the first syscall argument, Linux's orig_x0) before the SVC wrapper presets x0 to IRQENTRY_OS_ENOSYS (or you defined it but forgot `#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0`)"
#endif

#endif /* IRQENTRY_ARCH_ARM64_H */

/*
 * Second pass (from <irqentry/irqentry.h>, after the generic core): one
 * wrapper per exception class, each also as an _enter/_exit pair.
 *
 * The DAIF discipline:
 *  - nothing schedules with D, A or F masked: the preempt step and the work
 *    loop run at PROCCTX_NOIRQ (I|F) or with all of DAIF open;
 *  - the state management after them (after_preempt / after_prepare) runs
 *    with all of DAIF masked, and so does the return (ERET).
 *
 * Fewer writes than Linux: every exit masks all of DAIF *first* and reads
 * the preemption condition / work word there, which is legal with
 * everything masked. Only when something must actually run does it open D
 * and A (or the loop opens all), run it, and mask again. So each fast path
 * (no work, no preemption) costs 2 DAIF writes: one to give the handler its
 * state, one to mask for the return. An IRQ handler already runs at I|F, a
 * legal preemption state, so el1_irq preempts right there and masks once.
 *
 * DAIF writes per path (measured by tests/unit/arch_arm64.c with the hosted
 * CPU; "pass" = one work-loop pass, 2 writes, not counted by Linux's table
 * either; Linux 7.1 counts as docs/linux.md derives them, asm
 * kernel_exit mask included):
 *
 *   path                     fast  preempt/work  Linux 7.1
 *   el1_sync (inherit)          2     4             4
 *   el1_irq                     2     2             4
 *   el1_nmi (SError class)      2     -             2
 *   el1_dbg (debug, NMI class)  0     -             1
 *   el0_sync                    2     3 +2/pass     3 (+2/pass)
 *   el0_irq                     2     3 +2/pass     3 (+2/pass)
 *   el0_svc                     2     3 +2/pass     3 (+2/pass)
 *   el0_serror                  2     3 +2/pass     4 (+2/pass)
 *   el0_dbg                     0     3 +2/pass     3 (+2/pass)
 *
 * Pseudo-NMI (GIC priority masking) is not implemented, and it is more
 * than a change of the masking primitives. With it, "IRQs off" is a GIC
 * priority mask (ICC_PMR_EL1) with PSTATE.I clear, so an NMI-priority
 * interrupt still arrives on the IRQ vector. Linux needs, besides PMR
 * writes in its local_daif_*() helpers (arch/arm64/include/asm/daifflags.h):
 *  - the saved PMR in the frame, and regs_irqs_disabled() true when it masks
 *    (arch/arm64/include/asm/ptrace.h), so preemption and the inherit step
 *    see an IRQs-off context that PSTATE.I alone calls open;
 *  - an NMI branch in the EL1 IRQ path: an interrupt taken while the saved
 *    PMR masked IRQs is an NMI and goes through nmi_enter()/nmi_exit(),
 *    never the kernel-mode entry or the preempt step
 *    (arch/arm64/kernel/entry-common.c, el1_interrupt() and __el1_pnmi());
 *  - a preemption veto: under priority masking a regular IRQ handler runs
 *    with all of DAIF clear, so a DAIF other than 0 on its way out means
 *    an NMI was taken inside it and nothing may be preempted
 *    (arch_irqentry_exit_need_resched(), formerly in
 *    arm64_preempt_schedule_irq()).
 * Here that would be a frame hook for the saved PMR, the IRQ wrappers'
 * NMI test, and irqentry_arch_preempt_allowed().
 */
#if defined(IRQENTRY_PRIV_CORE_DONE) && !defined(IRQENTRY_ARCH_ARM64_WRAPPERS_H)
#define IRQENTRY_ARCH_ARM64_WRAPPERS_H

/* Return to EL1: mask all, preempt (at I|F) only if due, state management. */
IRQENTRY_API void irqentry_priv_arm64_exit_to_el1(irqentry_regs_t *regs,
						  irqentry_state_t state)
{
	irqentry_arm64_daif_mask();
	if (IRQENTRY_UNLIKELY(irqentry_kernel_preempt_pending(regs, state))) {
		/* Known due, and IRQs known off: the preempt itself, not the
		 * step's second look (bench/README.md, static sizes). */
		irqentry_arm64_daif_procctx_noirq();
		irqentry_priv_preempt(regs);
		irqentry_arm64_daif_mask();
	}
	irqentry_exit_to_kernel_mode_after_preempt(regs, state);
}

/* Return to EL0: mask all, run the work loop only if there is work (it
 * opens DAIF itself and ends at I|F), mask again; then (the caller) state
 * management. */
IRQENTRY_API void irqentry_priv_arm64_prepare_el0(irqentry_regs_t *regs)
{
	irqentry_arm64_daif_mask();
	if (IRQENTRY_UNLIKELY(irqentry_priv_exit_to_user_mode_prepare(regs)))
		irqentry_arm64_daif_mask();
}

IRQENTRY_API void irqentry_priv_arm64_exit_to_el0(irqentry_regs_t *regs)
{
	irqentry_priv_arm64_prepare_el0(regs);
	irqentry_exit_to_user_mode_after_prepare(regs);
}

/**
 * irqentry_arm64_el1_sync_enter - synchronous exception from EL1: entry
 * @regs: the trap frame (PSTATE from SPSR_EL1, mode EL1)
 *
 * Kernel-mode entry, then DAIF inherited from the interrupted context: IRQs
 * come back on for the handler only if they were on where it was taken.
 *
 * Context: DAIF all masked (exception entry) on entry; the interrupted
 * context's DAIF on return. Does not schedule. 1 DAIF write.
 * Return: the state for irqentry_arm64_el1_sync_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_arm64_el1_sync_enter(irqentry_regs_t *regs)
{
	irqentry_state_t state = irqentry_enter_from_kernel_mode(regs);

	irqentry_arm64_daif_inherit(regs);
	return state;
}

/**
 * irqentry_arm64_el1_sync_exit - synchronous exception from EL1: exit
 * @regs: the trap frame
 * @state: from irqentry_arm64_el1_sync_enter()
 *
 * Masks all of DAIF; if preemption is due, opens D and A (DAIF == I|F),
 * preempts, masks all again; then the after-preempt step.
 *
 * Context: any DAIF on entry (the handler's); all masked on return, ready
 * for ERET. May schedule, only at DAIF == I|F. 1 DAIF write, 3 when it
 * preempts.
 */
IRQENTRY_API void irqentry_arm64_el1_sync_exit(irqentry_regs_t *regs,
					       irqentry_state_t state)
{
	irqentry_priv_arm64_exit_to_el1(regs, state);
}

/**
 * irqentry_arm64_el1_sync - handle a synchronous exception from EL1
 * @regs: the trap frame
 * @handler: the handler (data/instruction abort, undef, BTI, ...); runs
 *	with the interrupted context's DAIF, so it may sleep when that
 *	context could
 * @arg: its argument
 *
 * Frame: reads the saved PSTATE (its DAIF, to inherit and for the
 * preemption test; its mode in debug builds); writes nothing. The same for
 * the _enter/_exit pair.
 *
 * Context: vector entry (DAIF all masked) to ERET (all masked). May
 * schedule (the handler; preemption at I|F). 2 DAIF writes, 4 with
 * preemption.
 */
IRQENTRY_API void irqentry_arm64_el1_sync(irqentry_regs_t *regs,
					  irqentry_handler_fn handler,
					  void *arg)
{
	irqentry_state_t state = irqentry_arm64_el1_sync_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_arm64_el1_sync_exit(regs, state);
}

/**
 * irqentry_arm64_el1_irq_enter - IRQ/FIQ from EL1: entry
 * @regs: the trap frame
 *
 * Opens D and A (DAIF_PROCCTX_NOIRQ: debug and SError usable in the
 * handler, IRQ and FIQ masked), then kernel-mode entry.
 *
 * Context: DAIF all masked on entry, I|F on return. Does not schedule.
 * 1 DAIF write.
 * Return: the state for irqentry_arm64_el1_irq_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_arm64_el1_irq_enter(irqentry_regs_t *regs)
{
	irqentry_arm64_daif_procctx_noirq();
	return irqentry_enter_from_kernel_mode(regs);
}

/**
 * irqentry_arm64_el1_irq_exit - IRQ/FIQ from EL1: exit
 * @regs: the trap frame
 * @state: from irqentry_arm64_el1_irq_enter()
 *
 * The preempt step right where the handler left DAIF (I|F, the legal
 * task-switch state), then all of DAIF masked, then the after-preempt step.
 *
 * Context: DAIF == I|F on entry; all masked on return. May schedule (at
 * I|F). 1 DAIF write, also when it preempts.
 */
IRQENTRY_API void irqentry_arm64_el1_irq_exit(irqentry_regs_t *regs,
					      irqentry_state_t state)
{
	irqentry_exit_to_kernel_mode_preempt(regs, state);
	irqentry_arm64_daif_mask();
	irqentry_exit_to_kernel_mode_after_preempt(regs, state);
}

/**
 * irqentry_arm64_el1_irq - handle an IRQ/FIQ taken from EL1
 * @regs: the trap frame
 * @handler: the interrupt handler (GIC acknowledge, dispatch, EOI); runs at
 *	DAIF == I|F
 * @arg: its argument
 *
 * Frame: reads the saved PSTATE (I, for the preemption test; the mode in
 * debug builds); writes nothing.
 *
 * Context: vector entry (all masked) to ERET (all masked). May preempt the
 * interrupted kernel context (at I|F). 2 DAIF writes, with or without
 * preemption.
 */
IRQENTRY_API void irqentry_arm64_el1_irq(irqentry_regs_t *regs,
					 irqentry_handler_fn handler, void *arg)
{
	irqentry_state_t state = irqentry_arm64_el1_irq_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_arm64_el1_irq_exit(regs, state);
}

/**
 * irqentry_arm64_el1_nmi_enter - NMI-class entry from EL1 (SError)
 * @regs: the trap frame
 *
 * Opens D only (DAIF_ERRCTX), then NMI entry. Also right for an SError
 * taken from EL0 that the OS wants to treat as NMI-only (no user work).
 *
 * Context: DAIF all masked on entry; A|I|F on return. Never schedules.
 * 1 DAIF write.
 * Return: the state for irqentry_arm64_el1_nmi_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_arm64_el1_nmi_enter(irqentry_regs_t *regs)
{
	irqentry_arm64_daif_errctx();
	return irqentry_nmi_enter(regs);
}

/**
 * irqentry_arm64_el1_nmi_exit - NMI-class exit to EL1
 * @regs: the trap frame
 * @state: from irqentry_arm64_el1_nmi_enter()
 *
 * NMI exit, then all of DAIF masked for the return. No preemption, no work.
 *
 * Context: NMI; all masked on return. Never schedules. 1 DAIF write.
 */
IRQENTRY_API void irqentry_arm64_el1_nmi_exit(irqentry_regs_t *regs,
					      irqentry_state_t state)
{
	irqentry_nmi_exit(regs, state);
	irqentry_arm64_daif_mask();
}

/**
 * irqentry_arm64_el1_nmi - handle an SError (or another NMI-class exception)
 * @regs: the trap frame
 * @handler: the handler; runs with only D open, in NMI context
 * @arg: its argument
 *
 * Frame: reads nothing, writes nothing (the handler and the NMI hooks get
 * @regs).
 *
 * Context: any interrupted state, including IRQs masked or inside another
 * entry. Never schedules, runs no work. 2 DAIF writes.
 */
IRQENTRY_API void irqentry_arm64_el1_nmi(irqentry_regs_t *regs,
					 irqentry_handler_fn handler, void *arg)
{
	irqentry_state_t state = irqentry_arm64_el1_nmi_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_arm64_el1_nmi_exit(regs, state);
}

/**
 * irqentry_arm64_el1_dbg - handle a debug exception taken from EL1
 * @regs: the trap frame
 * @handler: the handler (breakpoint, watchpoint, single step, BRK); runs
 *	with all of DAIF masked, in NMI context, so a breakpoint inside it
 *	cannot nest
 * @arg: its argument
 *
 * NMI-class (a debug exception can hit code with IRQs masked, even inside
 * another entry path), as Linux treats kernel debug exceptions: no
 * preemption, no work, and DAIF stays as the exception left it.
 *
 * Frame: reads nothing, writes nothing.
 *
 * Context: all masked throughout. Never schedules. 0 DAIF writes.
 */
IRQENTRY_API void irqentry_arm64_el1_dbg(irqentry_regs_t *regs,
					 irqentry_handler_fn handler, void *arg)
{
	irqentry_state_t state = irqentry_nmi_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_nmi_exit(regs, state);
}

/**
 * irqentry_arm64_el0_dbg - handle a debug exception taken from EL0
 * @regs: the trap frame
 * @handler: the handler (breakpoint, watchpoint, single step, BRK); runs
 *	with all of DAIF masked and must not sleep (it typically raises a
 *	signal)
 * @arg: its argument
 *
 * User-mode entry, the handler still fully masked (no debug exception can
 * nest while the step/breakpoint state is examined), then the return to
 * user mode: DAIF is already all masked, so without work no write is
 * needed; the work loop (a SIGTRAP) opens DAIF itself.
 *
 * Frame: reads the mode of the saved PSTATE in debug builds only; writes
 * nothing (the signal hook may build a signal frame in it).
 *
 * Context: all masked at both ends. The work loop may schedule. 0 DAIF
 * writes without work, 3 plus 2 per extra pass with it (Linux 7.1: 3).
 */
IRQENTRY_API void irqentry_arm64_el0_dbg(irqentry_regs_t *regs,
					 irqentry_handler_fn handler, void *arg)
{
	irqentry_enter_from_user_mode(regs);
	irqentry_call_handler(regs, handler, arg);
	if (IRQENTRY_UNLIKELY(irqentry_priv_exit_to_user_mode_prepare(regs)))
		irqentry_arm64_daif_mask();
	irqentry_exit_to_user_mode_after_prepare(regs);
}

/**
 * irqentry_arm64_el0_sync_enter - synchronous exception from EL0: entry
 * @regs: the trap frame (mode EL0t)
 *
 * User-mode entry, then all of DAIF open (DAIF_PROCCTX) for the handler.
 *
 * Context: all masked on entry, all open on return. 1 DAIF write.
 */
IRQENTRY_API void irqentry_arm64_el0_sync_enter(irqentry_regs_t *regs)
{
	irqentry_enter_from_user_mode(regs);
	irqentry_arm64_daif_procctx();
}

/**
 * irqentry_arm64_el0_sync_exit - return to EL0 after an exception
 * @regs: the trap frame
 *
 * Masks all of DAIF and reads the work word there; only when work is
 * pending does the work loop run (all open while handling, I|F at each
 * re-read), followed by another mask; then the after-prepare step. Also the
 * exit of el0_irq and el0_serror, and the way a new thread first enters
 * user mode.
 *
 * Context: any DAIF on entry; all masked on return, ready for ERET. May
 * schedule and deliver signals (with D and A open). 1 DAIF write, 2 plus 2
 * per loop pass with work.
 */
IRQENTRY_API void irqentry_arm64_el0_sync_exit(irqentry_regs_t *regs)
{
	irqentry_priv_arm64_exit_to_el0(regs);
}

/**
 * irqentry_arm64_el0_sync - handle a synchronous exception from EL0
 * @regs: the trap frame
 * @handler: the handler (abort, undef, FP/SIMD trap, ...); runs with all
 *	of DAIF open and may sleep
 * @arg: its argument
 *
 * Frame: reads the mode of the saved PSTATE in debug builds only; writes
 * nothing (the signal hook may).
 *
 * Context: vector entry to ERET, all masked at both ends. May schedule.
 * 2 DAIF writes without work.
 */
IRQENTRY_API void irqentry_arm64_el0_sync(irqentry_regs_t *regs,
					  irqentry_handler_fn handler,
					  void *arg)
{
	irqentry_arm64_el0_sync_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_arm64_el0_sync_exit(regs);
}

/**
 * irqentry_arm64_el0_irq_enter - IRQ/FIQ from EL0: entry
 * @regs: the trap frame
 *
 * User-mode entry, then D and A open (DAIF_PROCCTX_NOIRQ) for the handler.
 *
 * Context: all masked on entry, I|F on return. 1 DAIF write.
 */
IRQENTRY_API void irqentry_arm64_el0_irq_enter(irqentry_regs_t *regs)
{
	irqentry_enter_from_user_mode(regs);
	irqentry_arm64_daif_procctx_noirq();
}

/**
 * irqentry_arm64_el0_irq_exit - return to EL0 after an interrupt
 * @regs: the trap frame
 *
 * As irqentry_arm64_el0_sync_exit().
 *
 * Context: DAIF == I|F on entry; all masked on return. May schedule and
 * deliver signals (with D and A open). 1 DAIF write without work.
 */
IRQENTRY_API void irqentry_arm64_el0_irq_exit(irqentry_regs_t *regs)
{
	irqentry_priv_arm64_exit_to_el0(regs);
}

/**
 * irqentry_arm64_el0_irq - handle an IRQ/FIQ taken from EL0
 * @regs: the trap frame
 * @handler: the interrupt handler; runs at DAIF == I|F
 * @arg: its argument
 *
 * Frame: as irqentry_arm64_el0_sync().
 *
 * Context: vector entry to ERET, all masked at both ends. May schedule in
 * the work loop (a timer tick's NEED_RESCHED is honoured here). 2 DAIF
 * writes without work.
 */
IRQENTRY_API void irqentry_arm64_el0_irq(irqentry_regs_t *regs,
					 irqentry_handler_fn handler, void *arg)
{
	irqentry_arm64_el0_irq_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_arm64_el0_irq_exit(regs);
}

/**
 * irqentry_arm64_el0_svc_enter - SVC from EL0: entry
 * @regs: the trap frame (x8 = number, through irqentry_os_syscall_get_nr())
 *
 * User-mode entry, the number read from the frame, x0 saved
 * (irqentry_os_syscall_save_orig_x0(): x0 is also the first argument, the
 * dispatcher and a tracer read the copy), the return value preset to
 * IRQENTRY_OS_ENOSYS, irqentry_os_syscall_enter_masked() (all masked: SVE
 * and SME discard, erratum 1463225), all of DAIF open, syscall entry work
 * (a tracer may store its own return value).
 *
 * Context: all masked on entry, all open on return. May schedule (entry
 * work). 1 DAIF write.
 * Return: the syscall number to dispatch, or -1 to skip it.
 */
IRQENTRY_API long irqentry_arm64_el0_svc_enter(irqentry_regs_t *regs)
{
	long nr;

	irqentry_enter_from_user_mode(regs);
	nr = irqentry_os_syscall_get_nr(regs);
	irqentry_os_syscall_save_orig_x0(regs);
	irqentry_os_syscall_set_return(regs, IRQENTRY_OS_ENOSYS);
	irqentry_priv_syscall_enter_masked(regs);
	irqentry_arm64_daif_procctx();
	return irqentry_syscall_enter_work(regs, nr);
}

/**
 * irqentry_arm64_el0_svc_exit - return to EL0 from a syscall
 * @regs: the trap frame
 *
 * Syscall exit work (once, all open), then as irqentry_arm64_el0_sync_exit(),
 * with irqentry_os_syscall_exit_masked() after the work loop, all of DAIF
 * masked, before the state management.
 *
 * Context: all open on entry; all masked on return. May schedule.
 * 1 DAIF write without work.
 */
IRQENTRY_API void irqentry_arm64_el0_svc_exit(irqentry_regs_t *regs)
{
	irqentry_syscall_exit_work(regs);
	irqentry_priv_arm64_prepare_el0(regs);
	irqentry_priv_syscall_exit_masked(regs);
	irqentry_exit_to_user_mode_after_prepare(regs);
}

/**
 * irqentry_arm64_el0_svc - handle an SVC (syscall) from EL0
 * @regs: the trap frame
 * @dispatch: runs syscall @nr (0 <= nr < IRQENTRY_OS_NR_SYSCALLS) with all
 *	of DAIF open and stores its result with irqentry_os_syscall_set_return()
 * @arg: its argument
 *
 * Numbers out of range and syscalls skipped by entry work are not
 * dispatched; the frame keeps IRQENTRY_OS_ENOSYS (or what a tracer stored).
 *
 * Frame: reads the number (irqentry_os_syscall_get_nr(), again after a
 * tracer ran), the PSTATE mode in debug builds; writes the return
 * register (irqentry_os_syscall_set_return(): IRQENTRY_OS_ENOSYS before the
 * entry work). The syscall hooks and the dispatcher get @regs.
 *
 * Context: vector entry to ERET, all masked at both ends. May schedule.
 * 2 DAIF writes without work.
 */
IRQENTRY_API void irqentry_arm64_el0_svc(irqentry_regs_t *regs,
					 irqentry_syscall_fn dispatch,
					 void *arg)
{
	long nr = irqentry_arm64_el0_svc_enter(regs);

	(void)irqentry_syscall_dispatch(regs, nr, dispatch, arg);
	irqentry_arm64_el0_svc_exit(regs);
}

/**
 * irqentry_arm64_el0_serror - handle an SError taken from EL0
 * @regs: the trap frame
 * @handler: the SError handler; runs with only D open, in NMI context
 * @arg: its argument
 *
 * User-mode entry (the CPU is in the kernel now), the handler in NMI
 * context at DAIF_ERRCTX, then the ordinary return to user mode, where a
 * signal the handler raised is delivered.
 *
 * Frame: as irqentry_arm64_el0_sync().
 *
 * Context: vector entry to ERET, all masked at both ends. The handler never
 * schedules; the work loop may. 2 DAIF writes without work.
 */
IRQENTRY_API void irqentry_arm64_el0_serror(irqentry_regs_t *regs,
					    irqentry_handler_fn handler,
					    void *arg)
{
	irqentry_state_t state;

	irqentry_enter_from_user_mode(regs);
	irqentry_arm64_daif_errctx();
	state = irqentry_nmi_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_nmi_exit(regs, state);
	irqentry_priv_arm64_exit_to_el0(regs);
}

#endif /* IRQENTRY_ARCH_ARM64_WRAPPERS_H */
