/* SPDX-License-Identifier: MIT */
/*
 * The example kernel's OS header for irqentry, shared by every port: found
 * by <irqentry/irqentry.h> as <irqentry_os.h> (-I examples/kernel/core).
 * The trap frame and its accessors come from the port (port_arch.h), as do
 * the hooks only one arch's wrappers need; the hooks are the core's. Inline where the hook is a field access; out of
 * line (sched.c, signal.c, entry.c) where it schedules, delivers or traces.
 */
#ifndef KERNEL_IRQENTRY_OS_H
#define KERNEL_IRQENTRY_OS_H

#include "thread.h"
#include "abi.h"

typedef struct trapframe irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return port_regs_status(regs);
}
#define irqentry_os_regs_status irqentry_os_regs_status

/* Hooks only one arch's wrappers need (x86: irqentry_os_regs_cs and
 * the SYSRET checks; RISC-V: irqentry_os_regs_pc, _set_pc and
 * irqentry_os_syscall_save_orig_a0; arm64:
 * irqentry_os_syscall_save_orig_x0) are the port's: port_arch.h. */

/* Per-thread work word and preempt count: the thread that resumes after a
 * switch finds its own. */
static inline unsigned long *irqentry_os_work(void)
{
	return &current->work;
}
#define irqentry_os_work irqentry_os_work

/*
 * SMP: the library's per-CPU block, only asked for with IRQs disabled, so
 * "the current thread's CPU, then its block" cannot be torn by a
 * migration. The per-thread debug block lives in the thread (one load
 * from the current-thread register), so it follows the thread.
 */
static inline struct irqentry_cpu *irqentry_os_cpu(void)
{
	return &cpus[current->cpu].irq;
}
#define irqentry_os_cpu irqentry_os_cpu

static inline struct irqentry_thread *irqentry_os_thread(void)
{
	return &current->irq;
}
#define irqentry_os_thread irqentry_os_thread

/* The idle entry: an IRQ taken in the idle wait (IRQs disabled here). */
static inline bool irqentry_os_in_idle(void)
{
	return cpus[current->cpu].in_idle;
}
#define irqentry_os_in_idle irqentry_os_in_idle
void irqentry_os_enter_from_idle(irqentry_regs_t *regs);
#define irqentry_os_enter_from_idle irqentry_os_enter_from_idle
void irqentry_os_exit_to_idle(irqentry_regs_t *regs);
#define irqentry_os_exit_to_idle irqentry_os_exit_to_idle

static inline int irqentry_os_preempt_count(void)
{
	return __atomic_load_n(&current->preempt_count, __ATOMIC_RELAXED);
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

/* sched.c: the user work loop's schedule and the kernel preempt step. */
void irqentry_os_schedule(void);
#define irqentry_os_schedule irqentry_os_schedule
void irqentry_os_preempt_schedule_irq(void);
#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq

/* signal.c */
void irqentry_os_handle_signal(irqentry_regs_t *regs);
#define irqentry_os_handle_signal irqentry_os_handle_signal

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return port_regs_syscall_nr(regs);
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	port_regs_set_return(regs, value);
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#define IRQENTRY_OS_NR_SYSCALLS        NR_SYSCALLS
#define IRQENTRY_OS_ENOSYS             (-(long)ENOSYS)

/*
 * entry.c: state hooks. This kernel has no RCU or context tracking; it uses
 * them to narrate each step and to check, at the last moment before every
 * return to user mode, that no work was left behind (a signal raised for a
 * compute-bound thread must be delivered on that very return).
 */
void irqentry_os_enter_from_user(irqentry_regs_t *regs);
#define irqentry_os_enter_from_user irqentry_os_enter_from_user
void irqentry_os_exit_to_user(irqentry_regs_t *regs);
#define irqentry_os_exit_to_user irqentry_os_exit_to_user
void irqentry_os_enter_from_kernel(irqentry_regs_t *regs);
#define irqentry_os_enter_from_kernel irqentry_os_enter_from_kernel
void irqentry_os_exit_to_kernel(irqentry_regs_t *regs);
#define irqentry_os_exit_to_kernel irqentry_os_exit_to_kernel
void irqentry_os_nmi_enter(irqentry_regs_t *regs);
#define irqentry_os_nmi_enter irqentry_os_nmi_enter
void irqentry_os_nmi_exit(irqentry_regs_t *regs);
#define irqentry_os_nmi_exit irqentry_os_nmi_exit

/* entry.c: debug reports are counted, printed, and fail the run. */
void irqentry_os_report(enum irqentry_rule rule, const char *message,
			irqentry_regs_t *regs);
#define irqentry_os_report irqentry_os_report

#endif /* KERNEL_IRQENTRY_OS_H */
