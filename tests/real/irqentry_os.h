/* SPDX-License-Identifier: MIT */
/*
 * A minimal real-mode OS for compiling the backends non-hosted: a trap
 * frame and out-of-line hooks (declared, never defined: the objects are
 * only compiled and disassembled, not linked).
 */
#ifndef IRQENTRY_REAL_OS_H
#define IRQENTRY_REAL_OS_H

struct real_regs {
	unsigned long gpr[32];
	unsigned long pc;
	unsigned long status; /* SPSR / SSTATUS / RFLAGS */
	unsigned long cs;     /* x86 */
	unsigned long ss;     /* x86 */
	unsigned long sp;
};

typedef struct real_regs irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status

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

extern unsigned long current_work;
extern int current_preempt_count;

static inline unsigned long *irqentry_os_work(void)
{
	return &current_work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return current_preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return (long)regs->gpr[8];
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->gpr[0] = (unsigned long)value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#define IRQENTRY_OS_NR_SYSCALLS        16

void os_schedule(void);
void os_preempt_schedule_irq(void);
void os_handle_signal(irqentry_regs_t *regs);
#define irqentry_os_schedule             os_schedule
#define irqentry_os_preempt_schedule_irq os_preempt_schedule_irq
#define irqentry_os_handle_signal        os_handle_signal

/* Frame hooks of the RISC-V and x86 wrappers (sepc/RIP, a0, RCX, R11). */
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

void os_save_orig_a0(irqentry_regs_t *regs);
#define irqentry_os_syscall_save_orig_a0 os_save_orig_a0
void os_save_orig_x0(irqentry_regs_t *regs);
#define irqentry_os_syscall_save_orig_x0 os_save_orig_x0

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

#endif /* IRQENTRY_REAL_OS_H */
