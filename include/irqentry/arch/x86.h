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

/* The backend's name, "x86_64", for messages and test output. */
#define IRQENTRY_ARCH_NAME "x86_64"

#define IRQENTRY_X86_RFLAGS_TF 0x00100UL /* trap flag (single step) */
#define IRQENTRY_X86_RFLAGS_IF 0x00200UL /* interrupts enabled */
#define IRQENTRY_X86_RFLAGS_RF 0x10000UL /* resume flag */
#define IRQENTRY_X86_CS_RPL    0x3UL     /* requested privilege level */

/*
 * unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
 *	Required on x86: the saved CS (user mode is RPL 3). Context: any.
 */
#ifndef irqentry_os_regs_cs
#error "irqentry: missing required hook irqentry_os_regs_cs(regs): x86 needs the saved CS of the trap frame (user mode is RPL 3) (or you defined it but forgot `#define irqentry_os_regs_cs irqentry_os_regs_cs`)"
#endif
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_cs((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_cs(regs) must return unsigned long (the saved CS as the frame holds it)");

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

/**
 * irqentry_arch_local_irq_disable - mask interrupts (cli)
 *
 * Context: any; NMI-safe.
 */
static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_x86_cli();
}

/**
 * irqentry_arch_local_irq_enable - unmask interrupts (sti)
 *
 * Context: any; an interrupt pending at the unmask is taken at once.
 */
static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_x86_sti();
}

/**
 * irqentry_arch_irqs_disabled - are interrupts masked right now?
 *
 * Context: any; NMI-safe.
 * Return: true if RFLAGS.IF is clear.
 */
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
 * IRQENTRY_OS_X86_USER_CS, IRQENTRY_OS_X86_USER_SS
 * unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs)
 *	Required unless the OS provides irqentry_os_sysret_selectors_ok().
 *	The 64-bit user code and stack selectors, RPL 3 included, that SYSRET
 *	loads from the STAR MSR (STAR[63:48] + 16 and + 8, each | 3; Linux's
 *	__USER_CS 0x33 and __USER_DS 0x2b), and the frame's saved SS. SYSRET
 *	does not load CS and SS from the frame, it loads these: a frame whose
 *	CS or SS differs (ptrace, sigreturn, a 32-bit or custom segment)
 *	must return with IRET, or the user resumes with selectors it never
 *	had. Linux's do_syscall_64() compares both on every syscall.
 * bool irqentry_os_sysret_selectors_ok(irqentry_regs_t *regs)
 *	Optional. True when the frame's CS and SS are the selectors SYSRET
 *	loads; false forces IRET. Context: IRQs disabled, must not schedule.
 *	Default: irqentry_os_regs_cs(regs) == IRQENTRY_OS_X86_USER_CS and
 *	irqentry_os_regs_ss(regs) == IRQENTRY_OS_X86_USER_SS; an OS defines
 *	its own only when it knows better (several user code segments).
 */
#ifndef irqentry_os_regs_pc
#error "irqentry: missing required hook irqentry_os_regs_pc(regs): return the trap frame's saved RIP (x86; SYSRET safety check) (or you defined it but forgot `#define irqentry_os_regs_pc irqentry_os_regs_pc`)"
#endif
#ifndef irqentry_os_regs_cx
#error "irqentry: missing required hook irqentry_os_regs_cx(regs): return the trap frame's saved RCX (x86; SYSRET loads RIP from it) (or you defined it but forgot `#define irqentry_os_regs_cx irqentry_os_regs_cx`)"
#endif
#ifndef irqentry_os_regs_r11
#error "irqentry: missing required hook irqentry_os_regs_r11(regs): return the trap frame's saved R11 (x86; SYSRET loads RFLAGS from it) (or you defined it but forgot `#define irqentry_os_regs_r11 irqentry_os_regs_r11`)"
#endif
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_pc((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_pc(regs) must return unsigned long (a 64-bit RIP)");
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_cx((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_cx(regs) must return unsigned long (a 64-bit RCX)");
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_r11((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_r11(regs) must return unsigned long (a 64-bit R11)");
#ifndef irqentry_os_sysret_selectors_ok
#if !defined(IRQENTRY_OS_X86_USER_CS) || !defined(IRQENTRY_OS_X86_USER_SS)
#error "irqentry: missing required IRQENTRY_OS_X86_USER_CS and IRQENTRY_OS_X86_USER_SS (x86): the user code and stack selectors SYSRET loads from STAR (e.g. 0x33 and 0x2b), so a frame with other selectors returns with IRET; or define your own irqentry_os_sysret_selectors_ok(regs) and announce it"
#elif !defined(irqentry_os_regs_ss)
#error "irqentry: missing required hook irqentry_os_regs_ss(regs): return the trap frame's saved SS (x86; SYSRET is used only when CS and SS are IRQENTRY_OS_X86_USER_CS/_SS) (or you defined it but forgot `#define irqentry_os_regs_ss irqentry_os_regs_ss`)"
#else
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_ss((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_ss(regs) must return unsigned long (the saved SS, zero-extended)");
static inline bool irqentry_os_sysret_selectors_ok(irqentry_regs_t *regs)
{
	return irqentry_os_regs_cs(regs) ==
		       (unsigned long)(IRQENTRY_OS_X86_USER_CS) &&
	       irqentry_os_regs_ss(regs) ==
		       (unsigned long)(IRQENTRY_OS_X86_USER_SS);
}
#endif
#endif /* irqentry_os_sysret_selectors_ok */

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
 * Context: IF clear on entry; on return as in the interrupted context, so
 * a #PF vector reads CR2 before this call. Does not schedule.
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
 * #PF: the vector (or the C code before this call) must read CR2 and pass
 * it to @handler (in the frame, or through @arg). After the sti an
 * interrupt, or a preemption in the handler's own page faults, may take a
 * fault of its own and overwrite CR2 before @handler reads it; Linux's
 * exc_page_fault() reads CR2 first thing for that reason
 * (arch/x86/mm/fault.c), before irqentry_enter() and the IRQ enable.
 *
 * Frame: reads the saved CS (the ring) and RFLAGS (IF); writes nothing
 * (the signal hook may).
 *
 * Context: IF clear on entry and on return; @handler runs with the
 * interrupted context's IF, so CR2 must be latched before the call (#PF).
 * May schedule (in @handler if IF is set there, and on the exit).
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
 * Frame: reads the saved CS (the ring), and RFLAGS (IF, the preemption
 * test) on a return to ring 0; writes nothing.
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
 * the user context from user mode, so a #DB vector reads (and clears) DR6
 * before this call. Does not schedule.
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
 * #DB: the vector must read DR6 (and write it back clean: the CPU never
 * clears its sticky bits) before this call and hand the value to @handler.
 * From user mode the handler runs after an sti: an interrupt or a
 * preemption in between may take a #DB of its own, or switch to a task
 * whose debug registers the scheduler loads, and DR6 would no longer be
 * this exception's. Linux's exc_debug() reads and clears it first thing
 * (debug_read_clear_dr6(), arch/x86/kernel/traps.c).
 *
 * Frame: reads the saved CS (the ring), and RFLAGS (IF) from ring 3;
 * writes nothing.
 *
 * Context: IF clear on entry and on return; from user mode @handler runs
 * with IF set, so DR6 must be latched before the call (#DB). Never
 * schedules from kernel mode; may schedule from user mode.
 */
IRQENTRY_API void irqentry_x86_idtentry_raw(irqentry_regs_t *regs,
					    irqentry_handler_fn handler,
					    void *arg)
{
	irqentry_state_t state = irqentry_x86_idtentry_raw_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_idtentry_raw_exit(regs, state);
}

/*
 * Mode-known variants, for vectors that already know the ring they came
 * from (FRED's separate user and kernel event entries, or an IDT stub that
 * tests CS for its swapgs and branches): the same sequences as the
 * irqentry_x86_idtentry*() wrappers above, without the run-time CS test,
 * so the other ring's exit path is not compiled in (bench/README.md,
 * "Mode-known variants"). Debug builds report a frame of the other ring
 * (IRQENTRY_RULE_WRONG_MODE) and go on as the variant's mode. From user
 * mode, #DB, #BP and #MC are ordinary exceptions: irqentry_x86_user_idtentry.
 */

/**
 * irqentry_x86_user_idtentry_enter - enter an exception taken from ring 3
 * @regs: the trap frame (user mode)
 *
 * irqentry_enter_from_user_mode(), then sti if the user had IF set
 * (normally). Reads: RFLAGS (IF), CS (debug builds). Writes: nothing.
 *
 * Context: IF clear on entry; as the user had it on return, so CR2 (#PF)
 * and DR6 (#DB) are read before this call. Does not schedule.
 */
IRQENTRY_API void irqentry_x86_user_idtentry_enter(irqentry_regs_t *regs)
{
	irqentry_enter_from_user_mode(regs);
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_enable();
}

/**
 * irqentry_x86_user_idtentry_exit - return to ring 3 after an exception
 * @regs: the trap frame (its RFLAGS.IF unchanged since the enter)
 *
 * cli if the enter did sti, then irqentry_exit_to_user_mode(). Reads:
 * RFLAGS (IF), CS (debug builds). Writes: nothing (the signal hook may).
 *
 * Context: IF as the enter left it; clear on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_user_idtentry_exit(irqentry_regs_t *regs)
{
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_disable();
	irqentry_exit_to_user_mode(regs);
}

/**
 * irqentry_x86_user_idtentry - handle an exception taken from ring 3
 * @regs: the trap frame (user mode)
 * @handler: the handler (#PF, #GP, #UD, #DE, and from ring 3 also #DB,
 *	#BP); runs with the user's IF (set) and may sleep. A #PF handler
 *	needs CR2 read by the vector before this call (see
 *	irqentry_x86_idtentry())
 * @arg: its argument
 *
 * irqentry_x86_idtentry() for a vector that knows the exception came from
 * ring 3. One sti and one cli without work.
 *
 * Context: IF clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_user_idtentry(irqentry_regs_t *regs,
					     irqentry_handler_fn handler,
					     void *arg)
{
	irqentry_x86_user_idtentry_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_user_idtentry_exit(regs);
}

/**
 * irqentry_x86_kernel_idtentry_enter - enter an exception taken from ring 0
 * @regs: the trap frame (kernel mode)
 *
 * irqentry_enter_from_kernel_mode(), then sti if the interrupted context
 * had IF set. Reads: RFLAGS (IF), CS (debug builds). Writes: nothing.
 *
 * Context: IF clear on entry; as in the interrupted context on return, so
 * a #PF vector reads CR2 before this call. Does not schedule.
 * Return: the state for irqentry_x86_kernel_idtentry_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_x86_kernel_idtentry_enter(irqentry_regs_t *regs)
{
	irqentry_state_t state = irqentry_enter_from_kernel_mode(regs);

	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_enable();
	return state;
}

/**
 * irqentry_x86_kernel_idtentry_exit - return to ring 0 after an exception
 * @regs: the trap frame (its RFLAGS.IF unchanged since the enter)
 * @state: the state from irqentry_x86_kernel_idtentry_enter()
 *
 * cli if the enter did sti, then irqentry_exit_to_kernel_mode(). Reads:
 * RFLAGS (IF). Writes: nothing.
 *
 * Context: IF as the enter left it; clear on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_kernel_idtentry_exit(irqentry_regs_t *regs,
						    irqentry_state_t state)
{
	if (!irqentry_arch_regs_irqs_disabled(regs))
		irqentry_arch_local_irq_disable();
	irqentry_exit_to_kernel_mode(regs, state);
}

/**
 * irqentry_x86_kernel_idtentry - handle an exception taken from ring 0
 * @regs: the trap frame (kernel mode)
 * @handler: the handler (#PF, #GP, #UD, ...); runs with the interrupted
 *	context's IF. Kernel #DB, #BP, #MC take
 *	irqentry_x86_kernel_idtentry_raw()
 * @arg: its argument
 *
 * irqentry_x86_idtentry() for a vector that knows the exception came from
 * ring 0. sti and cli only when the interrupted context had IF set.
 *
 * Context: IF clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_kernel_idtentry(irqentry_regs_t *regs,
					       irqentry_handler_fn handler,
					       void *arg)
{
	irqentry_state_t state = irqentry_x86_kernel_idtentry_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_kernel_idtentry_exit(regs, state);
}

/**
 * irqentry_x86_user_idtentry_irq_enter - enter an interrupt taken from ring 3
 * @regs: the trap frame (user mode)
 *
 * irqentry_enter_from_user_mode(). Reads: CS (debug builds). Writes:
 * nothing.
 *
 * Context: IF clear on entry and on return. Does not schedule.
 */
IRQENTRY_API void irqentry_x86_user_idtentry_irq_enter(irqentry_regs_t *regs)
{
	irqentry_enter_from_user_mode(regs);
}

/**
 * irqentry_x86_user_idtentry_irq_exit - return to ring 3 after an interrupt
 * @regs: the trap frame
 *
 * irqentry_exit_to_user_mode(). Reads: CS (debug builds). Writes: nothing
 * (the signal hook may).
 *
 * Context: IF clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_user_idtentry_irq_exit(irqentry_regs_t *regs)
{
	irqentry_exit_to_user_mode(regs);
}

/**
 * irqentry_x86_user_idtentry_irq - handle an interrupt taken from ring 3
 * @regs: the trap frame (user mode)
 * @handler: the interrupt handler; runs with IF clear
 * @arg: its argument
 *
 * irqentry_x86_idtentry_irq() for a vector that knows the interrupt came
 * from ring 3. No IF writes without work.
 *
 * Context: IF clear on entry and on return. May schedule (work loop).
 */
IRQENTRY_API void irqentry_x86_user_idtentry_irq(irqentry_regs_t *regs,
						 irqentry_handler_fn handler,
						 void *arg)
{
	irqentry_x86_user_idtentry_irq_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_user_idtentry_irq_exit(regs);
}

/**
 * irqentry_x86_kernel_idtentry_irq_enter - enter an interrupt from ring 0
 * @regs: the trap frame (kernel mode)
 *
 * irqentry_enter_from_kernel_mode(). Reads: CS (debug builds). Writes:
 * nothing.
 *
 * Context: IF clear on entry and on return. Does not schedule.
 * Return: the state for irqentry_x86_kernel_idtentry_irq_exit().
 */
IRQENTRY_API irqentry_state_t
irqentry_x86_kernel_idtentry_irq_enter(irqentry_regs_t *regs)
{
	return irqentry_enter_from_kernel_mode(regs);
}

/**
 * irqentry_x86_kernel_idtentry_irq_exit - return to ring 0 after an interrupt
 * @regs: the trap frame
 * @state: the state from irqentry_x86_kernel_idtentry_irq_enter()
 *
 * irqentry_exit_to_kernel_mode(): preemption with IF clear. Reads: RFLAGS
 * (IF). Writes: nothing.
 *
 * Context: IF clear on entry and on return. May schedule.
 */
IRQENTRY_API void irqentry_x86_kernel_idtentry_irq_exit(irqentry_regs_t *regs,
							irqentry_state_t state)
{
	irqentry_exit_to_kernel_mode(regs, state);
}

/**
 * irqentry_x86_kernel_idtentry_irq - handle an interrupt taken from ring 0
 * @regs: the trap frame (kernel mode)
 * @handler: the interrupt handler; runs with IF clear
 * @arg: its argument
 *
 * irqentry_x86_idtentry_irq() for a vector that knows the interrupt came
 * from ring 0. No IF writes.
 *
 * Context: IF clear on entry and on return. May preempt the interrupted
 * kernel context (on the exit).
 */
IRQENTRY_API void irqentry_x86_kernel_idtentry_irq(irqentry_regs_t *regs,
						   irqentry_handler_fn handler,
						   void *arg)
{
	irqentry_state_t state = irqentry_x86_kernel_idtentry_irq_enter(regs);

	irqentry_call_handler(regs, handler, arg);
	irqentry_x86_kernel_idtentry_irq_exit(regs, state);
}

/**
 * irqentry_x86_kernel_idtentry_raw - handle #DB, #BP or #MC from ring 0
 * @regs: the trap frame (kernel mode)
 * @handler: the handler; runs NMI-class with IF clear. A #DB handler
 *	needs DR6 read (and cleared) by the vector before this call
 * @arg: its argument
 *
 * irqentry_x86_idtentry_raw() for a vector that knows the exception came
 * from ring 0: irqentry_nmi_enter(), @handler, irqentry_nmi_exit(). Debug
 * builds report a ring-3 frame (IRQENTRY_RULE_WRONG_MODE; from ring 3 these
 * take irqentry_x86_user_idtentry()). Reads: CS (debug builds). Writes:
 * nothing.
 *
 * Context: IF clear throughout. Never schedules.
 */
IRQENTRY_API void irqentry_x86_kernel_idtentry_raw(irqentry_regs_t *regs,
						   irqentry_handler_fn handler,
						   void *arg)
{
	irqentry_state_t state;

	irqentry_priv_check_mode(
		regs, false,
		"irqentry: ring-3 frame on irqentry_x86_kernel_idtentry_raw (ring-3 #DB/#BP/#MC take irqentry_x86_user_idtentry)");
	state = irqentry_nmi_enter(regs);
	irqentry_call_handler(regs, handler, arg);
	irqentry_nmi_exit(regs, state);
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
 * The NMI can hit a #PF entry between the fault and its read of CR2, or a
 * #DB entry before its read of DR6, and the library saves no control or
 * debug register: the vector saves CR2 before this call and writes it
 * back after it if the handler changed it (a fault inside the NMI, e.g. a
 * perf callchain walk of user memory), and, if the kernel uses hardware
 * breakpoints, saves DR7 and clears it around the handler so no #DB fires
 * inside the NMI, restoring it after. Linux's exc_nmi() does both
 * (nmi_cr2, local_db_save()/local_db_restore(), arch/x86/kernel/nmi.c).
 *
 * Frame: reads nothing, writes nothing.
 *
 * Context: NMI; IF clear throughout; CR2 and DR7 are the vector's to
 * preserve. Never schedules.
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
 * irqentry_os_sysret_selectors_ok() (by default CS and SS are the user
 * selectors SYSRET loads, IRQENTRY_OS_X86_USER_CS/_SS); RCX == RIP and R11 == RFLAGS (a
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
 * Frame: reads orig_ax (irqentry_os_syscall_get_nr(), again after a
 * tracer ran), writes RAX (irqentry_os_syscall_set_return():
 * IRQENTRY_OS_ENOSYS before the entry work); at the end reads RIP, RCX,
 * R11, RFLAGS, CS and SS (by default) for the SYSRET decision.
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
