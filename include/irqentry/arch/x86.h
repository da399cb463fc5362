/* SPDX-License-Identifier: MIT */
/*
 * x86-64 backend: RFLAGS.IF primitives, trap-frame predicates (CS RPL,
 * RFLAGS.IF) and the per-class wrappers. Selected by <irqentry/arch.h>; do
 * not include directly.
 */
#ifndef IRQENTRY_ARCH_X86_H
#define IRQENTRY_ARCH_X86_H

#ifndef IRQENTRY_ARCH_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch/x86.h>"
#endif

#define IRQENTRY_ARCH_NAME "x86_64"

#define IRQENTRY_X86_RFLAGS_TF 0x00100UL /* trap flag (single step) */
#define IRQENTRY_X86_RFLAGS_IF 0x00200UL /* interrupts enabled */
#define IRQENTRY_X86_RFLAGS_RF 0x10000UL /* resume flag */
#define IRQENTRY_X86_CS_RPL    0x3UL     /* requested privilege level */

#ifndef irqentry_os_regs_cs
#error "irqentry: missing required hook irqentry_os_regs_cs(regs): x86 needs the saved CS of the trap frame (user mode is RPL 3); define it and announce it with #define irqentry_os_regs_cs irqentry_os_regs_cs"
#endif

#ifdef IRQENTRY_HOSTED
/* Hosted twins of the primitives documented in the real-mode branch. */
static inline bool irqentry_arch_hosted_irqs_open(unsigned long status)
{
	return (status & IRQENTRY_X86_RFLAGS_IF) != 0;
}

/* Interrupt gates clear IF. */
static inline unsigned long irqentry_arch_hosted_trap(unsigned long status)
{
	return status & ~IRQENTRY_X86_RFLAGS_IF;
}

#include "../hosted.h"

static inline unsigned long irqentry_x86_rflags_read(void)
{
	return irqentry_hosted_cpu()->status;
}

static inline void irqentry_x86_cli(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status &
				   ~IRQENTRY_X86_RFLAGS_IF);
}

static inline void irqentry_x86_sti(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status |
				   IRQENTRY_X86_RFLAGS_IF);
}
#else  /* !IRQENTRY_HOSTED */
/**
 * irqentry_x86_rflags_read - the live RFLAGS (`pushfq; popq`)
 * Context: any.
 */
static inline unsigned long irqentry_x86_rflags_read(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq\n\tpopq %0" : "=rm"(flags) : : "memory");
	return flags;
}

/**
 * irqentry_x86_cli - disable interrupts (`cli`)
 * Context: any; one write.
 */
static inline void irqentry_x86_cli(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

/**
 * irqentry_x86_sti - enable interrupts (`sti`)
 * Context: any; one write. The STI shadow delays delivery by one
 * instruction.
 */
static inline void irqentry_x86_sti(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}
#endif /* IRQENTRY_HOSTED */

static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_x86_cli();
}

static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_x86_sti();
}

static inline bool irqentry_arch_irqs_disabled(void)
{
	return !(irqentry_x86_rflags_read() & IRQENTRY_X86_RFLAGS_IF);
}

/* IF is the only mask class: any state may switch tasks. */
static inline bool irqentry_arch_schedule_state_ok(void)
{
	return true;
}

/* The frame returns to ring 3 (saved CS RPL == 3). */
static inline bool irqentry_arch_user_mode(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_cs(regs) & IRQENTRY_X86_CS_RPL) == 3;
}

/* The interrupted context had IF clear. */
static inline bool irqentry_arch_regs_irqs_disabled(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & IRQENTRY_X86_RFLAGS_IF);
}

/*
 * IRQENTRY_X86_SYSRET_RIP_LIMIT: SYSRET is used only for a RIP below this.
 * On Intel CPUs SYSRET to a non-canonical RIP raises #GP in ring 0 with the
 * user's RSP already loaded, which gives the user the kernel (CVE-2012-0217),
 * and a SYSCALL in the last page below the hole would return to the first
 * non-canonical address. Default: the 4-level-paging user half minus that
 * page, as Linux's TASK_SIZE_MAX; 5-level kernels use (1UL << 56) - 4096.
 */
#ifndef IRQENTRY_X86_SYSRET_RIP_LIMIT
#define IRQENTRY_X86_SYSRET_RIP_LIMIT ((1UL << 47) - 4096UL)
#endif

/*
 * OS hooks the x86 wrappers need besides the generic ones (see
 * <irqentry/hooks.h> for the convention):
 *
 * unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
 * unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
 * unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
 *	Required. The saved RIP, RCX and R11 as the return will load them.
 *	SYSCALL put the return RIP in RCX and RFLAGS in R11, and SYSRET loads
 *	them from there, so SYSRET is exact only while the frame still says
 *	RCX == RIP and R11 == RFLAGS. Context: any.
 * bool irqentry_os_sysret_selectors_ok(irqentry_regs_t *regs)
 *	Optional. True when the frame's CS and SS are the selectors SYSRET
 *	loads from the STAR MSR; false forces IRET. An OS whose ptrace or
 *	sigreturn can change them must provide it. Context: IRQs disabled.
 *	Default: true.
 */
#ifndef irqentry_os_regs_pc
#error "irqentry: missing required hook irqentry_os_regs_pc(regs): return the trap frame's saved RIP (x86; SYSRET safety check)"
#endif
#ifndef irqentry_os_regs_cx
#error "irqentry: missing required hook irqentry_os_regs_cx(regs): return the trap frame's saved RCX (x86; SYSRET loads RIP from it)"
#endif
#ifndef irqentry_os_regs_r11
#error "irqentry: missing required hook irqentry_os_regs_r11(regs): return the trap frame's saved R11 (x86; SYSRET loads RFLAGS from it)"
#endif
#ifndef irqentry_os_sysret_selectors_ok
static inline bool irqentry_os_sysret_selectors_ok(irqentry_regs_t *regs)
{
	(void)regs;
	return true;
}
#endif

#endif /* IRQENTRY_ARCH_X86_H */

/*
 * Second pass (from <irqentry/irqentry.h>, after the generic core): the
 * per-exception-class wrappers irqentry_x86_*.
 */
#if defined(IRQENTRY_PRIV_CORE_DONE) && !defined(IRQENTRY_ARCH_X86_WRAPPERS_H)
#define IRQENTRY_ARCH_X86_WRAPPERS_H

/*
 * Which wrapper a vector calls (all IDT gates are interrupt gates, so IF is
 * clear on arrival; SYSCALL clears it through MSR_SYSCALL_MASK):
 *
 *	exceptions, #PF                     irqentry_x86_idtentry
 *	device interrupts, system vectors   irqentry_x86_idtentry_irq
 *	#DB, #BP, #MC                       irqentry_x86_idtentry_raw
 *	NMI                                 irqentry_x86_nmi
 *	SYSCALL                             irqentry_x86_syscall_64
 *
 * IF is the only mask bit, so every path exits through the combined
 * irqentry_exit(); IRET (or SYSRET) restores the interrupted IF.
 *
 * Writes to IF (sti/cli) per path, as the hosted tests count them. Not
 * counted, as in Linux's count: the gate and IRET/SYSRET themselves, the
 * handler's own writes, and those inside irqentry_os_preempt_schedule_irq().
 *
 *	path                               ours: fast   per work-loop   Linux 7.1
 *	                                                pass (to user)
 *	idtentry, IF=1 (user, kernel)           2            +2            <=2
 *	idtentry, IF=0 (kernel)                 0             -             0
 *	idtentry_irq (user, kernel)             0            +2             0
 *	idtentry_raw from kernel (NMI class)    0             -             0
 *	idtentry_raw from user                  2            +2            <=2
 *	syscall_64                              2            +2             2
 *	nmi                                     0             -             0
 *
 * Linux's "<=2": cond_local_irq_enable()/_disable() around error traps and
 * #PF, and the user-mode #DB/#BP handlers, skip both writes when the handler
 * returns early; the wrappers always bracket the handler.
 */

/**
 * irqentry_x86_idtentry_enter - enter an exception (DEFINE_IDTENTRY-like)
 * @regs: the trap frame, from user or kernel mode
 *
 * irqentry_enter(), then sti if the interrupted context had IF set: the
 * handler may fault pages in, sleep, or be interrupted exactly where the
 * interrupted code could have been, and never where it could not.
 *
 * Context: IF clear on entry; on return as in the interrupted context.
 * Does not schedule.
 * Return: the state for irqentry_x86_idtentry_exit().
 */
IRQENTRY_API irqentry_state_t irqentry_x86_idtentry_enter(irqentry_regs_t *regs)
{
	irqentry_state_t state = irqentry_enter(regs);

	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_enable();
	return state;
}

/**
 * irqentry_x86_idtentry_exit - leave an exception entered with the above
 * @regs: the trap frame (its RFLAGS.IF unchanged since the enter)
 * @state: the state from irqentry_x86_idtentry_enter()
 *
 * cli if the enter did sti, then irqentry_exit().
 *
 * Context: IF as the enter left it; clear on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_idtentry_exit(irqentry_regs_t *regs,
					     irqentry_state_t state)
{
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_disable();
	irqentry_exit(regs, state);
}

/**
 * irqentry_x86_idtentry - handle an exception
 * @regs: the trap frame, from user or kernel mode
 * @handler: the exception handler (#PF, #GP, #UD, #DE, ...)
 * @arg: its argument
 *
 * irqentry_x86_idtentry_enter(), @handler, irqentry_x86_idtentry_exit():
 * sti and cli when the interrupted context had IF set, no write otherwise.
 * Kernel-mode #DB, #BP and #MC take irqentry_x86_idtentry_raw() instead.
 *
 * Context: IF clear on entry and on return; @handler runs with the
 * interrupted context's IF. May schedule (in @handler if IF is set there,
 * and on the exit).
 */
IRQENTRY_API void irqentry_x86_idtentry(irqentry_regs_t *regs,
					irqentry_handler_fn handler, void *arg)
{
	irqentry_state_t state = irqentry_x86_idtentry_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_idtentry_exit(regs, state);
}

/**
 * irqentry_x86_idtentry_irq_enter - enter an interrupt (DEFINE_IDTENTRY_IRQ)
 * @regs: the trap frame, from user or kernel mode
 *
 * irqentry_enter(). The handler runs with IF clear; the IRQ stack switch
 * and the OS's hardirq accounting are the OS's.
 *
 * Context: IF clear on entry and on return. Does not schedule.
 * Return: the state for irqentry_x86_idtentry_irq_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_x86_idtentry_irq_enter(irqentry_regs_t *regs)
{
	return irqentry_enter(regs);
}

/**
 * irqentry_x86_idtentry_irq_exit - leave an interrupt
 * @regs: the trap frame
 * @state: the state from irqentry_x86_idtentry_irq_enter()
 *
 * irqentry_exit(): preemption with IF clear on a return to kernel mode, the
 * work loop on a return to user mode. The caller then IRETs.
 *
 * Context: IF clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_idtentry_irq_exit(irqentry_regs_t *regs,
						 irqentry_state_t state)
{
	irqentry_exit(regs, state);
}

/**
 * irqentry_x86_idtentry_irq - handle an interrupt or system vector
 * @regs: the trap frame, from user or kernel mode
 * @handler: the interrupt handler (acknowledges the APIC)
 * @arg: its argument
 *
 * irqentry_x86_idtentry_irq_enter(), @handler with IF clear,
 * irqentry_x86_idtentry_irq_exit(). No IF writes.
 *
 * Context: IF clear on entry and on return. May schedule (on the exit).
 */
IRQENTRY_API void irqentry_x86_idtentry_irq(irqentry_regs_t *regs,
					    irqentry_handler_fn handler,
					    void *arg)
{
	irqentry_state_t state = irqentry_x86_idtentry_irq_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_idtentry_irq_exit(regs, state);
}

/**
 * irqentry_x86_idtentry_raw_enter - enter #DB, #BP or #MC
 * @regs: the trap frame, from user or kernel mode
 *
 * From kernel mode these can hit any code, with IF clear, inside another
 * entry path or inside a preemption, so they are NMI-class as in Linux:
 * irqentry_nmi_enter(), no work, no preemption. From user mode they are
 * ordinary exceptions: irqentry_x86_idtentry_enter().
 *
 * Context: IF clear on entry; on return still clear from kernel mode, as in
 * the user context from user mode. Does not schedule.
 * Return: the state for irqentry_x86_idtentry_raw_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_x86_idtentry_raw_enter(irqentry_regs_t *regs)
{
	if (irqentry_arch_user_mode(regs))
		return irqentry_x86_idtentry_enter(regs);
	return irqentry_nmi_enter(regs);
}

/**
 * irqentry_x86_idtentry_raw_exit - leave #DB, #BP or #MC
 * @regs: the trap frame
 * @state: the state from irqentry_x86_idtentry_raw_enter()
 *
 * irqentry_nmi_exit() for kernel mode (nothing is preempted, even if the
 * handler raised NEED_RESCHED), irqentry_x86_idtentry_exit() for user mode.
 *
 * Context: IF as the enter left it; clear on return. Never schedules from
 * kernel mode; may schedule (work loop) from user mode.
 */
IRQENTRY_API void irqentry_x86_idtentry_raw_exit(irqentry_regs_t *regs,
						 irqentry_state_t state)
{
	if (irqentry_arch_user_mode(regs))
		irqentry_x86_idtentry_exit(regs, state);
	else
		irqentry_nmi_exit(regs, state);
}

/**
 * irqentry_x86_idtentry_raw - handle #DB, #BP or #MC
 * @regs: the trap frame, from user or kernel mode
 * @handler: the handler (text poking, debugger, machine-check)
 * @arg: its argument
 *
 * irqentry_x86_idtentry_raw_enter(), @handler, irqentry_x86_idtentry_raw_exit().
 * From kernel mode @handler runs NMI-class with IF clear and no writes; from
 * user mode as irqentry_x86_idtentry() (sti/cli). A #MC handler that must
 * run with IF clear from user mode as well (Linux handles a user #MC so, and
 * defers the recovery to task work) calls irqentry_x86_idtentry_irq() for
 * that case.
 *
 * Context: IF clear on entry and on return. Never schedules from kernel
 * mode; may schedule from user mode.
 */
IRQENTRY_API void irqentry_x86_idtentry_raw(irqentry_regs_t *regs,
					    irqentry_handler_fn handler,
					    void *arg)
{
	irqentry_state_t state = irqentry_x86_idtentry_raw_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_idtentry_raw_exit(regs, state);
}

/**
 * irqentry_x86_nmi_enter - enter an NMI
 * @regs: the trap frame, from user or kernel mode (no transition is made)
 *
 * irqentry_nmi_enter(). NMIs nested through an IRET inside the handler
 * (which unblocks NMIs) are the vector's business, before this call, as in
 * Linux's NMI latch.
 *
 * Context: NMI; IF clear on entry and on return. Never schedules.
 * Return: the state for irqentry_x86_nmi_exit().
 */
IRQENTRY_API irqentry_state_t irqentry_x86_nmi_enter(irqentry_regs_t *regs)
{
	return irqentry_nmi_enter(regs);
}

/**
 * irqentry_x86_nmi_exit - leave an NMI
 * @regs: the trap frame
 * @state: the state from irqentry_x86_nmi_enter()
 *
 * irqentry_nmi_exit(): no work and no preemption, whatever the NMI raised
 * and wherever it hit (an IRQ handler, the work loop, the exit after it);
 * the next ordinary exit honours it.
 *
 * Context: NMI; IF clear. Never schedules.
 */
IRQENTRY_API void irqentry_x86_nmi_exit(irqentry_regs_t *regs,
					irqentry_state_t state)
{
	irqentry_nmi_exit(regs, state);
}

/**
 * irqentry_x86_nmi - handle an NMI
 * @regs: the trap frame, from user or kernel mode
 * @handler: the NMI handler
 * @arg: its argument
 *
 * irqentry_x86_nmi_enter(), @handler with IF clear, irqentry_x86_nmi_exit().
 * No IF writes.
 *
 * Context: NMI; IF clear throughout. Never schedules.
 */
IRQENTRY_API void irqentry_x86_nmi(irqentry_regs_t *regs,
				   irqentry_handler_fn handler, void *arg)
{
	irqentry_state_t state = irqentry_x86_nmi_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_nmi_exit(regs, state);
}

/**
 * irqentry_x86_sysret_allowed - may this frame return with SYSRET?
 * @regs: the trap frame of a syscall, after its exit work
 *
 * SYSRET loads RIP from RCX and RFLAGS from R11 and cannot restore
 * everything IRET can. True only when: the frame returns to ring 3 and
 * irqentry_os_sysret_selectors_ok(); RCX == RIP and R11 == RFLAGS (a
 * signal frame, ptrace or execve changes RIP or RFLAGS without them); RIP
 * is below IRQENTRY_X86_SYSRET_RIP_LIMIT (canonical, see there); RFLAGS has
 * neither RF (SYSRET cannot restore it) nor TF (after SYSRET the
 * single-step trap comes before the first user instruction, after IRET it
 * comes after it, as a debugger expects). Otherwise the OS returns with
 * IRET.
 *
 * Context: IF clear. Does not schedule.
 * Return: true if SYSRET is safe.
 */
IRQENTRY_API bool irqentry_x86_sysret_allowed(irqentry_regs_t *regs)
{
	unsigned long rip = irqentry_os_regs_pc(regs);
	unsigned long rflags = irqentry_os_regs_status(regs);

	if (!irqentry_arch_user_mode(regs))
		return false;
	if (irqentry_os_regs_cx(regs) != rip ||
	    irqentry_os_regs_r11(regs) != rflags)
		return false;
	if (rip >= IRQENTRY_X86_SYSRET_RIP_LIMIT)
		return false;
	if (rflags & (IRQENTRY_X86_RFLAGS_RF | IRQENTRY_X86_RFLAGS_TF))
		return false;
	return irqentry_os_sysret_selectors_ok(regs);
}

/**
 * irqentry_x86_syscall_64_enter - enter a syscall (SYSCALL, 64-bit ABI)
 * @regs: the trap frame (user mode)
 *
 * Presets RAX to IRQENTRY_OS_ENOSYS (what a skipped or unknown syscall
 * returns, and what a tracer sees at entry; Linux's entry asm pushes it),
 * reads the number (orig_ax) and calls
 * irqentry_syscall_enter_from_user_mode() (irqentry_os_syscall_enter_masked()
 * with IF still clear, then one sti).
 *
 * Context: IF clear on entry, set on return. May schedule (entry work).
 * Return: the syscall to run, 0 <= nr < IRQENTRY_OS_NR_SYSCALLS, or -1 when
 * none runs (skipped by the entry work, or out of range); RAX then holds
 * IRQENTRY_OS_ENOSYS or what a tracer stored.
 */
IRQENTRY_API long irqentry_x86_syscall_64_enter(irqentry_regs_t *regs)
{
	long nr;

	irqentry_os_syscall_set_return(regs, IRQENTRY_OS_ENOSYS);
	nr = irqentry_syscall_enter_from_user_mode(
		regs, irqentry_os_syscall_get_nr(regs));
	return irqentry_syscall_nr_valid(nr) ? nr : -1;
}

/**
 * irqentry_x86_syscall_64_exit - leave a syscall
 * @regs: the trap frame
 *
 * irqentry_syscall_exit_to_user_mode() (the exit work once, one cli, the
 * work loop, irqentry_os_exit_to_user_prepare() and
 * irqentry_os_syscall_exit_masked() with IF clear), then
 * irqentry_x86_sysret_allowed() on the final frame.
 *
 * Context: IF set on entry, clear on return. May schedule.
 * Return: true if the OS may return with SYSRET, false for IRET.
 */
IRQENTRY_API bool irqentry_x86_syscall_64_exit(irqentry_regs_t *regs)
{
	irqentry_syscall_exit_to_user_mode(regs);
	return irqentry_x86_sysret_allowed(regs);
}

/**
 * irqentry_x86_syscall_64 - handle a syscall (SYSCALL, 64-bit ABI)
 * @regs: the trap frame (user mode)
 * @dispatch: the syscall dispatcher, called only for a valid number
 * @arg: its argument
 *
 * irqentry_x86_syscall_64_enter(), @dispatch through
 * irqentry_syscall_dispatch() if a syscall is to run,
 * irqentry_x86_syscall_64_exit(). One sti and one cli.
 *
 * Context: IF clear on entry and on return; set for @dispatch. May
 * schedule.
 * Return: true if the OS may return with SYSRET, false for IRET.
 */
IRQENTRY_API bool irqentry_x86_syscall_64(irqentry_regs_t *regs,
					  irqentry_syscall_fn dispatch,
					  void *arg)
{
	long nr = irqentry_x86_syscall_64_enter(regs);

	(void)irqentry_syscall_dispatch(regs, nr, dispatch, arg);
	return irqentry_x86_syscall_64_exit(regs);
}

#endif /* IRQENTRY_ARCH_X86_WRAPPERS_H */
