/* SPDX-License-Identifier: MIT */
/*
 * RISC-V (rv64, S-mode kernel) backend: sstatus.SIE primitives, trap-frame
 * predicates and the per-class wrappers. Selected by <irqentry/arch.h>; do
 * not include directly.
 */
#ifndef IRQENTRY_ARCH_RISCV_H
#define IRQENTRY_ARCH_RISCV_H

#ifndef IRQENTRY_ARCH_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch/riscv.h>"
#endif

/* The backend's name, "riscv64", for messages and test output. */
#define IRQENTRY_ARCH_NAME "riscv64"

/* sstatus bits: one interrupt-enable bit, no separate debug/error classes. */
#define IRQENTRY_RISCV_SSTATUS_SIE  0x002UL /* S-mode interrupts enabled */
#define IRQENTRY_RISCV_SSTATUS_SPIE 0x020UL /* SIE before the trap */
#define IRQENTRY_RISCV_SSTATUS_SPP  0x100UL /* trap came from S-mode */

#ifdef IRQENTRY_HOSTED
/* Hosted twins of the primitives documented in the real-mode branch. */
static inline bool irqentry_arch_hosted_irqs_open(unsigned long status)
{
	return (status & IRQENTRY_RISCV_SSTATUS_SIE) != 0;
}

/* A trap from S-mode: SPIE <- SIE, SIE <- 0, SPP <- S. */
static inline unsigned long irqentry_arch_hosted_trap(unsigned long status)
{
	unsigned long spie = (status & IRQENTRY_RISCV_SSTATUS_SIE)
				     ? IRQENTRY_RISCV_SSTATUS_SPIE
				     : 0;

	status &= ~(IRQENTRY_RISCV_SSTATUS_SIE | IRQENTRY_RISCV_SSTATUS_SPIE);
	return status | spie | IRQENTRY_RISCV_SSTATUS_SPP;
}

#include "../hosted.h"

static inline unsigned long irqentry_riscv_sstatus_read(void)
{
	return irqentry_hosted_cpu()->status;
}

static inline void irqentry_riscv_sie_clear(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status &
				   ~IRQENTRY_RISCV_SSTATUS_SIE);
}

static inline void irqentry_riscv_sie_set(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status |
				   IRQENTRY_RISCV_SSTATUS_SIE);
}
#else  /* !IRQENTRY_HOSTED */
/**
 * irqentry_riscv_sstatus_read - the live sstatus (`csrr`)
 * Context: S-mode, any.
 */
static inline unsigned long irqentry_riscv_sstatus_read(void)
{
	unsigned long v;

	__asm__ __volatile__("csrr %0, sstatus" : "=r"(v) : : "memory");
	return v;
}

/**
 * irqentry_riscv_sie_clear - disable S-mode interrupts (`csrc sstatus, SIE`)
 * Context: any; one write.
 */
static inline void irqentry_riscv_sie_clear(void)
{
	__asm__ __volatile__("csrc sstatus, %0"
			     :
			     : "rK"(IRQENTRY_RISCV_SSTATUS_SIE)
			     : "memory");
}

/**
 * irqentry_riscv_sie_set - enable S-mode interrupts (`csrs sstatus, SIE`)
 * Context: any; one write.
 */
static inline void irqentry_riscv_sie_set(void)
{
	__asm__ __volatile__("csrs sstatus, %0"
			     :
			     : "rK"(IRQENTRY_RISCV_SSTATUS_SIE)
			     : "memory");
}
#endif /* IRQENTRY_HOSTED */

/**
 * irqentry_arch_local_irq_disable - mask interrupts (clear sstatus.SIE)
 *
 * Context: any; NMI-safe.
 */
static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_riscv_sie_clear();
}

/**
 * irqentry_arch_local_irq_enable - unmask interrupts (set sstatus.SIE)
 *
 * Context: any; an interrupt pending at the unmask is taken at once.
 */
static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_riscv_sie_set();
}

/**
 * irqentry_arch_irqs_disabled - are interrupts masked right now?
 *
 * Context: any; NMI-safe.
 * Return: true if sstatus.SIE is clear.
 */
static inline bool irqentry_arch_irqs_disabled(void)
{
	return !(irqentry_riscv_sstatus_read() & IRQENTRY_RISCV_SSTATUS_SIE);
}

/* No mask class besides SIE: any state may switch tasks. */
static inline bool irqentry_arch_schedule_state_ok(void)
{
	return true;
}

/* The trap came from U-mode (sstatus.SPP == 0). */
static inline bool irqentry_arch_user_mode(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & IRQENTRY_RISCV_SSTATUS_SPP);
}

/* The interrupted context had interrupts disabled (SPIE == 0). */
static inline bool irqentry_arch_regs_irqs_disabled(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & IRQENTRY_RISCV_SSTATUS_SPIE);
}

/*
 * OS hooks the RISC-V wrappers need besides the generic ones (all required;
 * see <irqentry/hooks.h> for the convention):
 *
 * unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
 * void irqentry_os_regs_set_pc(irqentry_regs_t *regs, unsigned long pc)
 *	Read and write the saved sepc, where sret resumes. The ecall wrapper
 *	moves it past the ecall. Context: any.
 * void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *regs)
 *	Save a0 where the dispatcher and a syscall restart find it (Linux's
 *	orig_a0): a0 is both the first argument and the return register, and
 *	the ecall wrapper presets it to IRQENTRY_OS_ENOSYS right after this
 *	call. Context: IRQs disabled, must not schedule.
 */
#ifndef irqentry_os_regs_pc
#error "irqentry: missing required hook irqentry_os_regs_pc(regs): return the trap frame's saved sepc (RISC-V) (or you defined it but forgot `#define irqentry_os_regs_pc irqentry_os_regs_pc`)"
#endif
#ifndef irqentry_os_regs_set_pc
#error "irqentry: missing required hook irqentry_os_regs_set_pc(regs, pc): store the sepc that sret resumes at (RISC-V; the ecall wrapper advances it by 4) (or you defined it but forgot `#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc`)"
#endif
#ifndef irqentry_os_syscall_save_orig_a0
#error "irqentry: missing required hook irqentry_os_syscall_save_orig_a0(regs): save a0 (the first syscall argument, Linux's orig_a0) before the ecall wrapper presets a0 to IRQENTRY_OS_ENOSYS (or you defined it but forgot `#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0`)"
#endif
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_pc((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_pc(regs) must return unsigned long (a 64-bit sepc)");
IRQENTRY_PRIV_STATIC_ASSERT(
	IRQENTRY_PRIV_SAME_TYPE(IRQENTRY_PRIV_TYPEOF(&irqentry_os_regs_set_pc),
				void (*)(irqentry_regs_t *, unsigned long)),
	"irqentry: irqentry_os_regs_set_pc must be void (irqentry_regs_t *, unsigned long) (a 64-bit sepc)");

#endif /* IRQENTRY_ARCH_RISCV_H */

/*
 * Second pass (from <irqentry/irqentry.h>, after the generic core): the
 * per-exception-class wrappers irqentry_riscv_*.
 */
#if defined(IRQENTRY_PRIV_CORE_DONE) && !defined(IRQENTRY_ARCH_RISCV_WRAPPERS_H)
#define IRQENTRY_ARCH_RISCV_WRAPPERS_H

/*
 * One vector, four wrappers. The OS's trap vector saves the frame and picks
 * by scause and the frame's mode:
 *
 *	interrupt (scause bit 63)          irqentry_riscv_irq
 *	ecall from U-mode                  irqentry_riscv_ecall_u
 *	any other trap from U-mode         irqentry_riscv_exception
 *	page fault from S-mode             irqentry_riscv_exception
 *	any other trap from S-mode         irqentry_riscv_kernel_trap
 *
 * S-mode has one mask bit, sstatus.SIE, so every path exits through the
 * combined irqentry_exit(): nothing changes between its preempt and
 * after-preempt steps. A trap clears SIE (SPIE keeps the old value) and sret
 * restores it, so the wrappers only write SIE where the handler or the
 * syscall runs with interrupts enabled.
 *
 * Writes to sstatus.SIE (csrs/csrc) per path, as the hosted tests count
 * them. Not counted, as in Linux's count: the trap and sret themselves, the
 * handler's own writes, and those inside irqentry_os_preempt_schedule_irq().
 *
 *	path                               ours: fast   per work-loop   Linux 7.1
 *	                                                pass (to user)
 *	irq, from U or S                        0            +2             0
 *	exception, SPIE=1 (U, S page fault)     2            +2             2
 *	exception, SPIE=0 (S page fault)        0             -             1
 *	kernel_trap (NMI class)                 0             -             0
 *	ecall_u                                 2            +2             2
 *
 * Linux's do_page_fault() disables interrupts unconditionally after the
 * handler, a redundant csrc when SPIE was clear; the wrappers skip it.
 * Linux's user-mode error traps (illegal instruction, breakpoint, ...) run
 * the handler with SIE clear (0 writes); irqentry_riscv_exception enables
 * interrupts for every user-mode trap, as Linux does for user page faults.
 */

/**
 * irqentry_riscv_irq_enter - enter an interrupt
 * @regs: the trap frame, from U-mode or S-mode
 *
 * irqentry_enter(). The handler runs with SIE clear; switching to an IRQ
 * stack and the OS's hardirq accounting are the OS's.
 *
 * Context: SIE clear, as the trap left it; stays clear. Does not schedule.
 * Return: the state for irqentry_riscv_irq_exit().
 */
IRQENTRY_API irqentry_state_t irqentry_riscv_irq_enter(irqentry_regs_t *regs)
{
	return irqentry_enter(regs);
}

/**
 * irqentry_riscv_irq_exit - leave an interrupt
 * @regs: the trap frame
 * @state: the state from irqentry_riscv_irq_enter()
 *
 * irqentry_exit(): preemption with SIE clear on a return to S-mode, the work
 * loop on a return to U-mode. The caller then restores the frame and srets.
 *
 * Context: SIE clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_irq_exit(irqentry_regs_t *regs,
					  irqentry_state_t state)
{
	irqentry_exit(regs, state);
}

/**
 * irqentry_riscv_irq - handle an interrupt (scause interrupt bit set)
 * @regs: the trap frame, from U-mode or S-mode
 * @handler: the interrupt handler (claims from the PLIC/AIA, timer, IPI)
 * @arg: its argument
 *
 * irqentry_riscv_irq_enter(), @handler with SIE clear,
 * irqentry_riscv_irq_exit(). No sstatus writes.
 *
 * Frame: reads the saved sstatus (SPP for the mode; SPIE for the
 * preemption test on a return to S-mode); writes nothing.
 *
 * Context: SIE clear on entry and on return. May schedule (on the exit).
 */
IRQENTRY_API void irqentry_riscv_irq(irqentry_regs_t *regs,
				     irqentry_handler_fn handler, void *arg)
{
	irqentry_state_t state = irqentry_riscv_irq_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_irq_exit(regs, state);
}

/**
 * irqentry_riscv_exception_enter - enter a trap that may sleep
 * @regs: the trap frame: any trap from U-mode but ecall, or a page fault
 *	from S-mode
 *
 * irqentry_enter(), then SIE set if the trapped context had it (SPIE): the
 * handler may fault pages in, sleep, or be interrupted exactly where the
 * trapped code could have been, and never where it could not.
 *
 * Context: SIE clear on entry; on return as in the trapped context. Does
 * not schedule.
 * Return: the state for irqentry_riscv_exception_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_riscv_exception_enter(irqentry_regs_t *regs)
{
	irqentry_state_t state = irqentry_enter(regs);

	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_enable();
	return state;
}

/**
 * irqentry_riscv_exception_exit - leave a trap entered with the above
 * @regs: the trap frame (its SPIE unchanged since the enter)
 * @state: the state from irqentry_riscv_exception_enter()
 *
 * SIE cleared if the enter set it, then irqentry_exit().
 *
 * Context: SIE as the enter left it; clear on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_exception_exit(irqentry_regs_t *regs,
						irqentry_state_t state)
{
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_disable();
	irqentry_exit(regs, state);
}

/**
 * irqentry_riscv_exception - handle a trap that may sleep
 * @regs: the trap frame: any trap from U-mode but ecall, or a page fault
 *	from S-mode
 * @handler: the trap handler
 * @arg: its argument
 *
 * irqentry_riscv_exception_enter(), @handler, irqentry_riscv_exception_exit().
 * Two sstatus writes when the trapped context had SIE set, none otherwise.
 *
 * Frame: reads the saved sstatus (SPP, SPIE); writes nothing (the signal
 * hook may).
 *
 * Context: SIE clear on entry and on return; @handler runs with the trapped
 * context's SIE. May schedule (in @handler if SIE is set there, and on the
 * exit).
 */
IRQENTRY_API void irqentry_riscv_exception(irqentry_regs_t *regs,
					   irqentry_handler_fn handler,
					   void *arg)
{
	irqentry_state_t state = irqentry_riscv_exception_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_exception_exit(regs, state);
}

/*
 * Mode-known variants, for kernels whose trap vector already knows where
 * the trap came from (one stvec for U-mode traps and another for S-mode
 * traps, or a trampoline that branches on sscratch): the same sequences as
 * irqentry_riscv_irq() and irqentry_riscv_exception(), without the run-time
 * test of sstatus.SPP, so the other mode's exit path is not compiled into
 * the vector (bench/README.md, "Mode-known variants"). Debug builds report
 * a frame of the other mode (IRQENTRY_RULE_WRONG_MODE) and go on as the
 * variant's mode.
 */

/**
 * irqentry_riscv_user_irq_enter - enter an interrupt taken from U-mode
 * @regs: the trap frame (U-mode)
 *
 * irqentry_enter_from_user_mode(). Reads: status (SPP, debug builds).
 * Writes: nothing.
 *
 * Context: SIE clear, as the trap left it; stays clear. Does not schedule.
 */
IRQENTRY_API void irqentry_riscv_user_irq_enter(irqentry_regs_t *regs)
{
	irqentry_enter_from_user_mode(regs);
}

/**
 * irqentry_riscv_user_irq_exit - return to U-mode after an interrupt
 * @regs: the trap frame
 *
 * irqentry_exit_to_user_mode(): the work loop, then the state management.
 * Reads: status (SPP, debug builds); the work loop's hooks get @regs.
 * Writes: nothing (the signal hook may).
 *
 * Context: SIE clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_user_irq_exit(irqentry_regs_t *regs)
{
	irqentry_exit_to_user_mode(regs);
}

/**
 * irqentry_riscv_user_irq - handle an interrupt taken from U-mode
 * @regs: the trap frame (U-mode)
 * @handler: the interrupt handler; runs with SIE clear
 * @arg: its argument
 *
 * irqentry_riscv_irq() for a vector that knows the trap came from U-mode.
 * No sstatus writes without work.
 *
 * Context: SIE clear on entry and on return. May schedule (work loop).
 */
IRQENTRY_API void irqentry_riscv_user_irq(irqentry_regs_t *regs,
					  irqentry_handler_fn handler,
					  void *arg)
{
	irqentry_riscv_user_irq_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_user_irq_exit(regs);
}

/**
 * irqentry_riscv_kernel_irq_enter - enter an interrupt taken from S-mode
 * @regs: the trap frame (S-mode)
 *
 * irqentry_enter_from_kernel_mode(). Reads: status (SPP, debug builds).
 * Writes: nothing.
 *
 * Context: SIE clear; stays clear. Does not schedule.
 * Return: the state for irqentry_riscv_kernel_irq_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_riscv_kernel_irq_enter(irqentry_regs_t *regs)
{
	return irqentry_enter_from_kernel_mode(regs);
}

/**
 * irqentry_riscv_kernel_irq_exit - return to S-mode after an interrupt
 * @regs: the trap frame
 * @state: the state from irqentry_riscv_kernel_irq_enter()
 *
 * irqentry_exit_to_kernel_mode(): preemption with SIE clear, then the
 * state management. Reads: status (SPIE). Writes: nothing.
 *
 * Context: SIE clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_kernel_irq_exit(irqentry_regs_t *regs,
						 irqentry_state_t state)
{
	irqentry_exit_to_kernel_mode(regs, state);
}

/**
 * irqentry_riscv_kernel_irq - handle an interrupt taken from S-mode
 * @regs: the trap frame (S-mode)
 * @handler: the interrupt handler; runs with SIE clear
 * @arg: its argument
 *
 * irqentry_riscv_irq() for a vector that knows the trap came from S-mode.
 * No sstatus writes.
 *
 * Context: SIE clear on entry and on return. May preempt the interrupted
 * kernel context (on the exit).
 */
IRQENTRY_API void irqentry_riscv_kernel_irq(irqentry_regs_t *regs,
					    irqentry_handler_fn handler,
					    void *arg)
{
	irqentry_state_t state = irqentry_riscv_kernel_irq_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_kernel_irq_exit(regs, state);
}

/**
 * irqentry_riscv_user_exception_enter - enter a trap from U-mode (not ecall)
 * @regs: the trap frame (U-mode)
 *
 * irqentry_enter_from_user_mode(), then SIE set if the user had it (SPIE,
 * normally set). Reads: status (SPIE; SPP in debug builds). Writes:
 * nothing.
 *
 * Context: SIE clear on entry; as the user had it on return. Does not
 * schedule.
 */
IRQENTRY_API void irqentry_riscv_user_exception_enter(irqentry_regs_t *regs)
{
	irqentry_enter_from_user_mode(regs);
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_enable();
}

/**
 * irqentry_riscv_user_exception_exit - return to U-mode after a trap
 * @regs: the trap frame (its SPIE unchanged since the enter)
 *
 * SIE cleared if the enter set it, then irqentry_exit_to_user_mode().
 * Reads: status (SPIE; SPP in debug builds). Writes: nothing (the signal
 * hook may).
 *
 * Context: SIE as the enter left it; clear on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_user_exception_exit(irqentry_regs_t *regs)
{
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_disable();
	irqentry_exit_to_user_mode(regs);
}

/**
 * irqentry_riscv_user_exception - handle a trap from U-mode (not ecall)
 * @regs: the trap frame (U-mode)
 * @handler: the trap handler; runs with the user's SIE (set), may sleep
 * @arg: its argument
 *
 * irqentry_riscv_exception() for a vector that knows the trap came from
 * U-mode. Two sstatus writes without work.
 *
 * Context: SIE clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_user_exception(irqentry_regs_t *regs,
						irqentry_handler_fn handler,
						void *arg)
{
	irqentry_riscv_user_exception_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_user_exception_exit(regs);
}

/**
 * irqentry_riscv_kernel_exception_enter - enter a page fault from S-mode
 * @regs: the trap frame (S-mode)
 *
 * irqentry_enter_from_kernel_mode(), then SIE set if the trapped context
 * had it (SPIE). Reads: status (SPIE; SPP in debug builds). Writes:
 * nothing.
 *
 * Context: SIE clear on entry; as in the trapped context on return. Does
 * not schedule.
 * Return: the state for irqentry_riscv_kernel_exception_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_riscv_kernel_exception_enter(irqentry_regs_t *regs)
{
	irqentry_state_t state = irqentry_enter_from_kernel_mode(regs);

	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_enable();
	return state;
}

/**
 * irqentry_riscv_kernel_exception_exit - return to S-mode after a page fault
 * @regs: the trap frame (its SPIE unchanged since the enter)
 * @state: the state from irqentry_riscv_kernel_exception_enter()
 *
 * SIE cleared if the enter set it, then irqentry_exit_to_kernel_mode().
 * Reads: status (SPIE). Writes: nothing.
 *
 * Context: SIE as the enter left it; clear on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_kernel_exception_exit(irqentry_regs_t *regs,
						       irqentry_state_t state)
{
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_disable();
	irqentry_exit_to_kernel_mode(regs, state);
}

/**
 * irqentry_riscv_kernel_exception - handle a page fault from S-mode
 * @regs: the trap frame (S-mode)
 * @handler: the fault handler; runs with the trapped context's SIE
 * @arg: its argument
 *
 * irqentry_riscv_exception() for a vector that knows the trap came from
 * S-mode. Two sstatus writes when SPIE was set, none otherwise. Other
 * S-mode traps take irqentry_riscv_kernel_trap().
 *
 * Context: SIE clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_kernel_exception(irqentry_regs_t *regs,
						  irqentry_handler_fn handler,
						  void *arg)
{
	irqentry_state_t state = irqentry_riscv_kernel_exception_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_kernel_exception_exit(regs, state);
}

/**
 * irqentry_riscv_kernel_trap_enter - enter a synchronous trap from S-mode
 * @regs: the trap frame (S-mode)
 *
 * irqentry_nmi_enter(). A kernel trap other than a page fault (breakpoint,
 * illegal or misaligned access, ecall from S-mode, a BUG()) can hit code
 * running with SIE clear, inside another entry path, even inside a
 * preemption, so it is NMI-class as in Linux: it nests, runs no work and
 * never preempts. Debug builds report a U-mode frame
 * (IRQENTRY_RULE_WRONG_MODE).
 *
 * Context: SIE clear on entry and on return. Never schedules.
 * Return: the state for irqentry_riscv_kernel_trap_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_riscv_kernel_trap_enter(irqentry_regs_t *regs)
{
	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_ENTER_IRQS_ENABLED,
		"irqentry: irqentry_riscv_kernel_trap entered with SIE set",
		regs);
	irqentry_priv_check_mode(
		regs, false,
		"irqentry: U-mode frame on irqentry_riscv_kernel_trap (U-mode traps take irqentry_riscv_exception)");
	return irqentry_nmi_enter(regs);
}

/**
 * irqentry_riscv_kernel_trap_exit - leave a synchronous trap from S-mode
 * @regs: the trap frame
 * @state: the state from irqentry_riscv_kernel_trap_enter()
 *
 * irqentry_nmi_exit(): no preemption, even if the handler raised
 * NEED_RESCHED; the next ordinary exit honours it.
 *
 * Context: SIE clear. Never schedules.
 */
IRQENTRY_API void irqentry_riscv_kernel_trap_exit(irqentry_regs_t *regs,
						  irqentry_state_t state)
{
	irqentry_nmi_exit(regs, state);
}

/**
 * irqentry_riscv_kernel_trap - handle a synchronous trap from S-mode
 * @regs: the trap frame (S-mode; not a page fault)
 * @handler: the trap handler (fixup, debugger, or die)
 * @arg: its argument
 *
 * irqentry_riscv_kernel_trap_enter(), @handler with SIE clear,
 * irqentry_riscv_kernel_trap_exit(). No sstatus writes.
 *
 * Frame: reads SPP of the saved sstatus in debug builds only; writes
 * nothing. A kernel whose S-mode frame holds only the CSRs is safe here.
 *
 * Context: NMI-class; SIE clear throughout. Never schedules.
 */
IRQENTRY_API void irqentry_riscv_kernel_trap(irqentry_regs_t *regs,
					     irqentry_handler_fn handler,
					     void *arg)
{
	irqentry_state_t state = irqentry_riscv_kernel_trap_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_riscv_kernel_trap_exit(regs, state);
}

/**
 * irqentry_riscv_ecall_u_enter - enter a syscall (ecall from U-mode)
 * @regs: the trap frame (U-mode)
 *
 * Moves sepc past the ecall (always 4 bytes: there is no compressed ecall)
 * so sret resumes after it, saves a0 (irqentry_os_syscall_save_orig_a0()),
 * presets a0 to IRQENTRY_OS_ENOSYS (what a skipped or unknown syscall
 * returns, and what a tracer sees at entry), reads the number (a7) and
 * calls irqentry_syscall_enter_from_user_mode() (its
 * irqentry_os_syscall_enter_masked() step, SIE still clear, is the place
 * for the vector-state discard): one csrs.
 *
 * Context: SIE clear on entry, set on return. May schedule (entry work).
 * Return: the syscall to run, 0 <= nr < IRQENTRY_OS_NR_SYSCALLS, or -1 when
 * none runs (skipped by the entry work, or out of range); a0 then holds
 * IRQENTRY_OS_ENOSYS or what a tracer stored.
 */
IRQENTRY_API long irqentry_riscv_ecall_u_enter(irqentry_regs_t *regs)
{
	long nr;

	irqentry_os_regs_set_pc(regs, irqentry_os_regs_pc(regs) + 4);
	irqentry_os_syscall_save_orig_a0(regs);
	irqentry_os_syscall_set_return(regs, IRQENTRY_OS_ENOSYS);
	nr = irqentry_syscall_enter_from_user_mode(
		regs, irqentry_os_syscall_get_nr(regs));
	return irqentry_syscall_nr_valid(nr) ? nr : -1;
}

/**
 * irqentry_riscv_ecall_u_exit - leave a syscall
 * @regs: the trap frame
 *
 * irqentry_syscall_exit_to_user_mode(): the exit work once, one csrc, the
 * work loop, irqentry_os_syscall_exit_masked(). The caller then restores
 * the frame and srets.
 *
 * Context: SIE set on entry, clear on return. May schedule.
 */
IRQENTRY_API void irqentry_riscv_ecall_u_exit(irqentry_regs_t *regs)
{
	irqentry_syscall_exit_to_user_mode(regs);
}

/**
 * irqentry_riscv_ecall_u - handle a syscall (ecall from U-mode)
 * @regs: the trap frame (U-mode)
 * @dispatch: the syscall dispatcher, called only for a valid number
 * @arg: its argument
 *
 * irqentry_riscv_ecall_u_enter(), @dispatch through
 * irqentry_syscall_dispatch() if a syscall is to run,
 * irqentry_riscv_ecall_u_exit(). Two sstatus writes. An ecall from S-mode
 * is not a syscall: it takes irqentry_riscv_kernel_trap().
 *
 * Frame: reads and writes sepc (+4, irqentry_os_regs_pc/_set_pc), saves
 * a0 through irqentry_os_syscall_save_orig_a0(), reads the number (a7,
 * irqentry_os_syscall_get_nr(), again after a tracer ran), writes a0
 * (IRQENTRY_OS_ENOSYS before the entry work); SPP of the saved sstatus in
 * debug builds.
 *
 * Context: SIE clear on entry and on return; set for @dispatch. May
 * schedule.
 */
IRQENTRY_API void irqentry_riscv_ecall_u(irqentry_regs_t *regs,
					 irqentry_syscall_fn dispatch,
					 void *arg)
{
	long nr = irqentry_riscv_ecall_u_enter(regs);

	(void)irqentry_syscall_dispatch(regs, nr, dispatch, arg);
	irqentry_riscv_ecall_u_exit(regs);
}

#endif /* IRQENTRY_ARCH_RISCV_WRAPPERS_H */
