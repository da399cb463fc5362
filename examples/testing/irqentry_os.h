/* SPDX-License-Identifier: MIT */
/*
 * toyos's OS header for irqentry: the trap frame, the hooks, and nothing
 * that knows about testing. The same file serves the kernel build (real
 * mode) and the unit tests (IRQENTRY_HOSTED + IRQENTRY_TESTING), which
 * check these hooks through <irqentry/testing.h>. Found by the library as
 * <irqentry_os.h> (-I examples/testing).
 */
#ifndef TOYOS_IRQENTRY_OS_H
#define TOYOS_IRQENTRY_OS_H

/*
 * The trap frame the vectors save. One layout for all three ports here,
 * to keep the example short; a real port has its own (see
 * examples/kernel/<arch>/port_arch.h).
 */
struct toy_frame {
	unsigned long status; /* SPSR_EL1 / sstatus / RFLAGS */
	unsigned long cs;     /* x86 only */
	unsigned long ss;     /* x86 only */
	unsigned long pc;     /* ELR_EL1 / sepc / RIP */
	unsigned long cx;     /* x86: RCX as saved (SYSRET reads RIP there) */
	unsigned long r11;    /* x86: R11 as saved (SYSRET reads RFLAGS) */
	long nr;              /* syscall number: x8 / a7 / orig_rax */
	long ret;             /* return value: x0 / a0 / rax */
	long arg0;            /* first argument, saved at entry (orig_x0) */
	long arg1;            /* second argument */
};

typedef struct toy_frame irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

/* A thread: its own work word and preempt count, found through
 * toy_current (the thread that resumes after a switch finds its own). */
struct toy_thread {
	unsigned long work;    /* IRQENTRY_WORK_* bits */
	int preempt_count;     /* 0: preemptible */
	unsigned long sigmask; /* pending signals, bit n = signal n */
	unsigned long handler; /* user address of the one signal handler */
	unsigned int switched_in;
	int id;
};

extern struct toy_thread *toy_current;

/* ---- Required hooks: frame, work word, preempt count ------------------- */

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status

static inline unsigned long *irqentry_os_work(void)
{
	return &toy_current->work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return toy_current->preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return regs->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->ret = value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#define IRQENTRY_OS_NR_SYSCALLS        4

/* ---- Required hooks: scheduling and signals (toyos.c) ------------------ */

/* Switch to the next runnable thread; clears NEED_RESCHED(_LAZY). */
void toy_schedule(void);
#define irqentry_os_schedule toy_schedule
/* The same from the kernel preempt step (IRQs stay disabled). */
void toy_preempt_schedule_irq(void);
#define irqentry_os_preempt_schedule_irq toy_preempt_schedule_irq
/* Point the frame at the signal handler; clears SIGPENDING. */
void toy_handle_signal(irqentry_regs_t *regs);
#define irqentry_os_handle_signal toy_handle_signal

/* ---- Optional hooks toyos uses: context tracking ----------------------- */

/* toyos counts user<->kernel transitions and checks they alternate. */
void toy_enter_from_user(irqentry_regs_t *regs);
#define irqentry_os_enter_from_user toy_enter_from_user
void toy_exit_to_user(irqentry_regs_t *regs);
#define irqentry_os_exit_to_user toy_exit_to_user

/* ---- Arch-only hooks: what the RISC-V and x86 wrappers also need ------- */

static inline unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
{
	return regs->pc;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc

static inline void irqentry_os_regs_set_pc(irqentry_regs_t *regs,
					   unsigned long pc)
{
	regs->pc = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc

static inline void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *regs)
{
	regs->arg0 = regs->ret;
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0

static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
{
	regs->arg0 = regs->ret;
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

static inline unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
{
	return regs->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs

static inline unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs)
{
	return regs->ss;
}
#define irqentry_os_regs_ss     irqentry_os_regs_ss
/* x86: the user code and stack selectors SYSRET loads from STAR. */
#define IRQENTRY_OS_X86_USER_CS 0x23UL
#define IRQENTRY_OS_X86_USER_SS 0x1bUL

static inline unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
{
	return regs->cx;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx

static inline unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
{
	return regs->r11;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11

#endif /* TOYOS_IRQENTRY_OS_H */
