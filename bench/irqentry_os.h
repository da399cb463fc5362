/* SPDX-License-Identifier: MIT */
/*
 * The benchmark's OS header: a trap frame and every hook with a trivial
 * body, shared by the library side and the hand-inlined baseline of each
 * path (bench/paths.c), in real and in hosted mode.
 *
 * The state hooks store to per-CPU data, as context tracking and IRQ
 * accounting do, so neither side can drop them; the hooks only slow paths
 * call (schedule, signals, idle) and the handlers are out of line, defined
 * by whoever links the object (bench/trace.c, bench/host.c).
 */
#ifndef BENCH_IRQENTRY_OS_H
#define BENCH_IRQENTRY_OS_H

struct bench_regs {
	unsigned long gpr[32];
	unsigned long pc;
	unsigned long status; /* SPSR / SSTATUS / RFLAGS */
	unsigned long cs;     /* x86 */
	unsigned long ss;     /* x86 */
	unsigned long sp;
	unsigned long orig_a0; /* RISC-V */
	unsigned long orig_x0; /* arm64 */
};

typedef struct bench_regs irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

/* Per-CPU state the hooks keep (one CPU). */
struct bench_cpu {
	unsigned int in_user;   /* context tracking */
	unsigned int irq_depth; /* kernel-mode entries in flight */
	unsigned int nmi_nest;  /* the OS's own NMI bookkeeping */
	unsigned int idle;      /* the CPU was idle when interrupted */
};

extern struct bench_cpu bench_cpu;
extern unsigned long bench_work, bench_syscall_work;
extern int bench_preempt_count;

/* The syscall number and return value registers of each ABI. */
#if defined(IRQENTRY_ARCH_ARM64)
#define BENCH_NR_REG  8 /* x8 */
#define BENCH_RET_REG 0 /* x0 */
#elif defined(IRQENTRY_ARCH_RISCV)
#define BENCH_NR_REG  17 /* a7 */
#define BENCH_RET_REG 10 /* a0 */
#else
#define BENCH_NR_REG  16 /* orig_ax */
#define BENCH_RET_REG 0  /* ax */
#endif

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

static inline unsigned long *irqentry_os_work(void)
{
	return &bench_work;
}
#define irqentry_os_work irqentry_os_work

static inline unsigned long *irqentry_os_syscall_work(void)
{
	return &bench_syscall_work;
}
#define irqentry_os_syscall_work irqentry_os_syscall_work

static inline int irqentry_os_preempt_count(void)
{
	return __atomic_load_n(&bench_preempt_count, __ATOMIC_RELAXED);
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return (long)regs->gpr[BENCH_NR_REG];
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->gpr[BENCH_RET_REG] = (unsigned long)value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#define IRQENTRY_OS_NR_SYSCALLS        64

/* Slow paths: out of line. */
void bench_schedule(void);
void bench_preempt_schedule_irq(void);
void bench_handle_signal(irqentry_regs_t *regs);
void bench_enter_from_idle(irqentry_regs_t *regs);
void bench_exit_to_idle(irqentry_regs_t *regs);
#define irqentry_os_schedule             bench_schedule
#define irqentry_os_preempt_schedule_irq bench_preempt_schedule_irq
#define irqentry_os_handle_signal        bench_handle_signal
#define irqentry_os_enter_from_idle      bench_enter_from_idle
#define irqentry_os_exit_to_idle         bench_exit_to_idle

/* State hooks: trivial bodies, inline. */
static inline bool irqentry_os_in_idle(void)
{
	return bench_cpu.idle != 0;
}
#define irqentry_os_in_idle irqentry_os_in_idle

static inline void irqentry_os_enter_from_kernel(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.irq_depth++;
}
#define irqentry_os_enter_from_kernel irqentry_os_enter_from_kernel

static inline void irqentry_os_exit_to_kernel(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.irq_depth--;
}
#define irqentry_os_exit_to_kernel irqentry_os_exit_to_kernel

static inline void irqentry_os_enter_from_user(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.in_user = 0;
}
#define irqentry_os_enter_from_user irqentry_os_enter_from_user

static inline void irqentry_os_exit_to_user(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.in_user = 1;
}
#define irqentry_os_exit_to_user irqentry_os_exit_to_user

static inline void irqentry_os_nmi_enter(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.nmi_nest++;
}
#define irqentry_os_nmi_enter irqentry_os_nmi_enter

static inline void irqentry_os_nmi_exit(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.nmi_nest--;
}
#define irqentry_os_nmi_exit irqentry_os_nmi_exit

/* The RISC-V and x86 wrappers' frame hooks. */
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

/* SYSRET loads the user selectors from STAR: the frame must hold them. */
static inline bool irqentry_os_sysret_selectors_ok(irqentry_regs_t *regs)
{
	return regs->cs == 0x23 && regs->ss == 0x1b;
}
#define irqentry_os_sysret_selectors_ok irqentry_os_sysret_selectors_ok

#endif /* BENCH_IRQENTRY_OS_H */
