/* SPDX-License-Identifier: MIT */
/*
 * Consumer (a): a freestanding kernel's OS header for its vendored copy of
 * irqentry. Real mode (no IRQENTRY_HOSTED): the wrappers use the real mask
 * instructions of the target. Hooks that do work are out of line in
 * kernel.c, as a kernel's scheduler and signal code are.
 */
#ifndef MINIKERNEL_IRQENTRY_OS_H
#define MINIKERNEL_IRQENTRY_OS_H

struct trapframe {
	unsigned long gpr[31];
	unsigned long sp, pc, status, cs,
		ss;            /* status: SPSR / sstatus / RFLAGS */
	unsigned long nr;      /* x8 / a7 / rax at entry (orig_rax) */
	unsigned long orig_a0; /* RISC-V: a0 at entry */
	unsigned long orig_x0; /* arm64: x0 at entry */
};

typedef struct trapframe irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

struct thread {
	unsigned long work;
	int preempt_count;
};

extern struct thread *current;

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status

static inline unsigned long *irqentry_os_work(void)
{
	return &current->work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return current->preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

void schedule(void);
#define irqentry_os_schedule schedule
void preempt_schedule_irq(void);
#define irqentry_os_preempt_schedule_irq preempt_schedule_irq
void do_signal(irqentry_regs_t *regs);
#define irqentry_os_handle_signal do_signal

/* The return register: x0, a0 (x10), rax (gpr[0] in this layout). */
#if defined(__riscv)
#define SYSCALL_RET_REG 10
#else
#define SYSCALL_RET_REG 0
#endif

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return (long)regs->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->gpr[SYSCALL_RET_REG] = (unsigned long)value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#define IRQENTRY_OS_NR_SYSCALLS        16

/* RISC-V: sepc, and a0 kept for the dispatcher. */
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
	regs->orig_a0 = regs->gpr[10];
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0

static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
{
	regs->orig_x0 = regs->gpr[0];
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

/* x86: CS, and RCX/R11 for the SYSRET check (gpr[1], gpr[11]). */
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
	return regs->gpr[1];
}
#define irqentry_os_regs_cx irqentry_os_regs_cx

static inline unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
{
	return regs->gpr[11];
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11

#endif /* MINIKERNEL_IRQENTRY_OS_H */
