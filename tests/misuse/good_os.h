/* SPDX-License-Identifier: MIT */
/*
 * A complete OS header; tests/misuse/run.sh removes one piece at a time
 * (-DOMIT_<hook>), or defines a hook without announcing it
 * (-DUNANNOUNCED_<hook>), and checks the library names what is missing.
 */
#ifndef MISUSE_OS_H
#define MISUSE_OS_H

struct frame {
	unsigned long status, cs, ss, nr, ret;
};

#ifndef OMIT_irqentry_regs_t
typedef struct frame irqentry_regs_t;
#ifndef UNANNOUNCED_irqentry_regs_t
#define irqentry_regs_t irqentry_regs_t
#endif
#endif

/*
 * Hook types, each replaced by a wrong one under -DBAD_<what>_TYPE (a
 * 32-bit work word, int frame accessors, an int syscall number) to check
 * that the library's static assertions refuse it.
 */
#ifdef BAD_WORK_TYPE
typedef unsigned int os_work_t;
#else
typedef unsigned long os_work_t;
#endif
#ifdef BAD_STATUS_TYPE
typedef int os_status_t;
#else
typedef unsigned long os_status_t;
#endif
#ifdef BAD_CS_TYPE
typedef unsigned short os_cs_t;
#else
typedef unsigned long os_cs_t;
#endif
#ifdef BAD_NR_TYPE
typedef int os_nr_t;
#else
typedef long os_nr_t;
#endif
#ifdef BAD_RETURN_TYPE
typedef int os_ret_t;
#else
typedef long os_ret_t;
#endif

#ifdef BAD_PC_TYPE
typedef unsigned int os_pc_t;
#else
typedef unsigned long os_pc_t;
#endif

extern os_work_t work_word;

#ifdef BAD_SYSCALL_WORK_TYPE
extern unsigned int syscall_work_word;
static inline unsigned int *irqentry_os_syscall_work(void)
{
	return &syscall_work_word;
}
#define irqentry_os_syscall_work irqentry_os_syscall_work
#endif

#ifndef OMIT_irqentry_os_regs_status
static inline os_status_t irqentry_os_regs_status(struct frame *r)
{
	return (os_status_t)r->status;
}
#ifndef UNANNOUNCED_irqentry_os_regs_status
#define irqentry_os_regs_status irqentry_os_regs_status
#endif
#endif
#ifndef OMIT_irqentry_os_regs_cs
static inline os_cs_t irqentry_os_regs_cs(struct frame *r)
{
	return (os_cs_t)r->cs;
}
#ifndef UNANNOUNCED_irqentry_os_regs_cs
#define irqentry_os_regs_cs irqentry_os_regs_cs
#endif
#endif
#ifdef OWN_SELECTOR_CHECK
static inline bool irqentry_os_sysret_selectors_ok(struct frame *r)
{
	return r->cs == 0x33;
}
#define irqentry_os_sysret_selectors_ok irqentry_os_sysret_selectors_ok
#endif
#ifndef OMIT_irqentry_os_regs_ss
static inline os_cs_t irqentry_os_regs_ss(struct frame *r)
{
	return (os_cs_t)r->ss;
}
#ifndef UNANNOUNCED_irqentry_os_regs_ss
#define irqentry_os_regs_ss irqentry_os_regs_ss
#endif
#endif
#ifndef OMIT_SELECTORS
#define IRQENTRY_OS_X86_USER_CS 0x33
#define IRQENTRY_OS_X86_USER_SS 0x2b
#endif
#ifndef OMIT_irqentry_os_work
static inline os_work_t *irqentry_os_work(void)
{
	return &work_word;
}
#ifndef UNANNOUNCED_irqentry_os_work
#define irqentry_os_work irqentry_os_work
#endif
#endif
#ifndef OMIT_irqentry_os_preempt_count
static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#ifndef UNANNOUNCED_irqentry_os_preempt_count
#define irqentry_os_preempt_count irqentry_os_preempt_count
#endif
#endif
#ifndef OMIT_irqentry_os_schedule
void os_schedule(void);
#ifndef UNANNOUNCED_irqentry_os_schedule
#define irqentry_os_schedule os_schedule
#endif
#endif
#ifndef OMIT_irqentry_os_preempt_schedule_irq
void os_preempt(void);
#ifndef UNANNOUNCED_irqentry_os_preempt_schedule_irq
#define irqentry_os_preempt_schedule_irq os_preempt
#endif
#endif
#ifndef OMIT_irqentry_os_handle_signal
void os_signal(struct frame *r);
#ifndef UNANNOUNCED_irqentry_os_handle_signal
#define irqentry_os_handle_signal os_signal
#endif
#endif
#ifndef OMIT_irqentry_os_syscall_get_nr
static inline os_nr_t irqentry_os_syscall_get_nr(struct frame *r)
{
	return (os_nr_t)r->nr;
}
#ifndef UNANNOUNCED_irqentry_os_syscall_get_nr
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr
#endif
#endif
#ifndef OMIT_irqentry_os_syscall_set_return
static inline void irqentry_os_syscall_set_return(struct frame *r, os_ret_t v)
{
	r->ret = (unsigned long)v;
}
#ifndef UNANNOUNCED_irqentry_os_syscall_set_return
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#endif
#endif
/* x86's extra frame hooks (SYSRET predicate); pc is shared with RISC-V. */
#ifndef OMIT_irqentry_os_regs_pc
static inline os_pc_t irqentry_os_regs_pc(struct frame *r)
{
	return (os_pc_t)r->nr;
}
#ifndef UNANNOUNCED_irqentry_os_regs_pc
#define irqentry_os_regs_pc irqentry_os_regs_pc
#endif
#endif
#ifndef OMIT_irqentry_os_regs_cx
static inline unsigned long irqentry_os_regs_cx(struct frame *r)
{
	return r->nr;
}
#ifndef UNANNOUNCED_irqentry_os_regs_cx
#define irqentry_os_regs_cx irqentry_os_regs_cx
#endif
#endif
#ifndef OMIT_irqentry_os_regs_r11
static inline unsigned long irqentry_os_regs_r11(struct frame *r)
{
	return r->status;
}
#ifndef UNANNOUNCED_irqentry_os_regs_r11
#define irqentry_os_regs_r11 irqentry_os_regs_r11
#endif
#endif
/* RISC-V's extra frame hooks. */
#ifndef OMIT_irqentry_os_regs_set_pc
static inline void irqentry_os_regs_set_pc(struct frame *r, os_pc_t pc)
{
	r->nr = pc;
}
#ifndef UNANNOUNCED_irqentry_os_regs_set_pc
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc
#endif
#endif
#ifndef OMIT_irqentry_os_syscall_save_orig_a0
static inline void irqentry_os_syscall_save_orig_a0(struct frame *r)
{
	(void)r;
}
#ifndef UNANNOUNCED_irqentry_os_syscall_save_orig_a0
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0
#endif
#endif
#ifndef OMIT_irqentry_os_syscall_save_orig_x0
static inline void irqentry_os_syscall_save_orig_x0(struct frame *r)
{
	(void)r;
}
#ifndef UNANNOUNCED_irqentry_os_syscall_save_orig_x0
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0
#endif
#endif
/* OS state in irqentry_state_t: a fitting one, one too big, hooks alone. */
#if defined(OS_STATE) || defined(OS_STATE_BIG)
struct os_state {
	unsigned int saved, seq;
#ifdef OS_STATE_BIG
	unsigned long more;
#endif
};
#define IRQENTRY_OS_STATE_TYPE struct os_state
#endif
#if defined(OS_STATE) || defined(OS_STATE_HOOK_ONLY)
struct os_state;
static inline void irqentry_os_state_enter(struct frame *r, struct os_state *os)
{
	(void)r;
	os->saved = (unsigned int)work_word;
}
#define irqentry_os_state_enter irqentry_os_state_enter
#endif
/* An SMP kernel's own per-CPU block, with or without the per-thread one. */
#if defined(OS_CPU) || defined(OS_CPU_AND_THREAD)
extern struct irqentry_cpu os_cpus[2];
static inline struct irqentry_cpu *irqentry_os_cpu(void)
{
	return &os_cpus[0];
}
#define irqentry_os_cpu irqentry_os_cpu
#endif
#ifdef OS_CPU_AND_THREAD
extern struct irqentry_thread os_thread;
static inline struct irqentry_thread *irqentry_os_thread(void)
{
	return &os_thread;
}
#define irqentry_os_thread irqentry_os_thread
#endif
#ifdef OS_WORK_BITS
#define IRQENTRY_OS_WORK_MASK (1UL << 9)
#endif
#ifdef OS_WORK_LOW_BITS
#define IRQENTRY_OS_WORK_MASK (1UL << 3)
#endif

#endif /* MISUSE_OS_H */
