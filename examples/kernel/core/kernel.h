/* SPDX-License-Identifier: MIT */
/*
 * The portable core of the example kernel: threads, scheduler, syscalls,
 * signals, console, narration. Every core and port C file includes this
 * header (it brings in irqentry, which brings in irqentry_os.h).
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdarg.h>
#include <irqentry/irqentry.h>

#define HZ           20000 /* fast tick: 10,000 ticks in half a second */
#define NARRATE_HZ   200   /* while narrating: room for the console */
#define NR_THREADS   12
#define KSTACK_SIZE  8192
#define USTACK_SIZE  4096
#define STRESS_TICKS 10000

/* A deliberately broken build (make BREAK=n, run.sh --break n): see
 * README.md. 0 is the real kernel. */
#ifndef KERNEL_BREAK
#define KERNEL_BREAK 0
#endif

#ifndef KERNEL_NARRATE
#define KERNEL_NARRATE 0
#endif

/* Benchmark builds (make BENCH=1, bench/README.md): boot into bench.c's
 * measurements instead of the scenarios; the tick never asks for a switch
 * and comes only when the benchmark makes one pending. BASELINE=1: the
 * port's vectors run bench/baseline/ instead of the irqentry wrappers. */
#ifndef KERNEL_BENCH
#define KERNEL_BENCH 0
#endif
#ifndef KERNEL_BASELINE
#define KERNEL_BASELINE 0
#endif

/* Hypervisor builds (make HV=1, hv.h): the init thread runs the
 * hypervisor scenarios (hv_scenarios.c), SYS_VCPU_RUN enters guests. */
#ifndef KERNEL_HV
#define KERNEL_HV 0
#endif
#if KERNEL_HV
#include "hv.h"
#endif

struct kstats {
	unsigned long ticks;
	unsigned long switches;
	unsigned long user_loop_switches; /* switches in the user work loop */
	unsigned long
		kernel_preemptions;     /* ... in a kernel-mode preempt step */
	unsigned long owed_preemptions; /* ... in preempt_enable() */
	unsigned long syscalls;
	unsigned long signals;    /* delivered to a user handler */
	unsigned long sigreturns; /* frames restored */
	unsigned long faults_fixed;
	unsigned long nmi;         /* NMI-class entries */
	unsigned long nmi_in_irq;  /* ... taken inside an IRQ handler */
	unsigned long nmi_bad;     /* ... with irqentry_in_nmi() == 0 */
	unsigned long violations;  /* the scheduler's own mask checks */
	unsigned long reports;     /* irqentry_os_report() calls */
	unsigned long work_leaks;  /* return to user with work still pending */
	unsigned long user_faults; /* user threads killed by a fault */
};

extern struct kstats stats;

/* For counters also bumped with IRQs enabled (a tick may switch threads
 * between the load and the store of a plain ++). */
#define STAT_INC(field)                                                        \
	((void)__atomic_fetch_add(&stats.field, 1, __ATOMIC_RELAXED))
extern struct thread threads[NR_THREADS];
extern unsigned long tick_nmi_period; /* stress: NMI from every Nth tick */

/* console.c */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
size_t kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void kcomplain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void kernel_panic(irqentry_regs_t *regs, const char *what);

/* lib.c (the compiler may call these in freestanding code) */
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int strcmp(const char *a, const char *b);

/* sched.c */
struct thread *kthread_create(const char *name, void (*fn)(void *), void *arg);
struct thread *uthread_create(const char *name, void (*entry)(long), long arg);
int thread_wait(struct thread *t);
void thread_kill(struct thread *t);
struct thread *thread_find(int tid);
_Noreturn void thread_exit(int code);
void schedule(void);
void kernel_sleep(unsigned long ticks);
void preempt_disable(void);
void preempt_enable(void);
static inline bool need_resched(void)
{
	return irqentry_work_read(&current->work) & IRQENTRY_WORK_NEED_RESCHED;
}

/* syscall.c */
long kernel_kill(int tid, int sig);
long sys_sigreturn(irqentry_regs_t *regs);

/* entry.c: exception table (struct layout shared with port assembly) */
struct extable_entry {
	unsigned long insn;  /* the instruction that may fault */
	unsigned long fixup; /* where execution resumes if it does */
};

/* scenarios.c */
void init_main(void *arg);

/* bench.c (BENCH=1 builds) */
void bench_main(void *arg);

/*
 * Core services a port calls from its vectors and boot code:
 *
 * kernel_main - after the boot stack is set up; never returns
 * kthread_start - first code of a new kernel thread (IRQs disabled)
 * kernel_tick - the timer tick, from the port's IRQ handler
 * kernel_syscall - the syscall dispatcher to hand to the library's syscall
 *	wrapper (irqentry_syscall_fn)
 * kernel_fixup_exception - from the kernel fault handler: true if the
 *	faulting PC has an exception-table entry (the frame's PC now points
 *	at the fixup)
 * kernel_user_fault - from the user fault handler: kills the thread
 * kernel_nmi - the body of the NMI-class handler (checks it never
 *	schedules)
 * narrate_entry / narrate_exit - at vector entry (with the class name the
 *	library wrapper is called for: "el1_irq", "el0_svc", "riscv_irq"...)
 *	and right before the return instruction; no-ops unless narrating
 */
_Noreturn void kernel_main(void);
_Noreturn void kthread_start(void);
void kernel_tick(irqentry_regs_t *regs);
void kernel_syscall(irqentry_regs_t *regs, long nr, void *arg);
bool kernel_fixup_exception(irqentry_regs_t *regs);
void kernel_user_fault(irqentry_regs_t *regs, const char *what);
void kernel_nmi(irqentry_regs_t *regs);

/* narrate.c: the narrated trace (KERNEL_NARRATE builds only). */
#if KERNEL_NARRATE
void narrate_enable(bool on);
void narrate_begin(const char *label);
void narrate_end(void);
void narrate_entry(irqentry_regs_t *regs, const char *vector);
void narrate_exit(irqentry_regs_t *regs);
void narrate_watch(struct thread *t, const char *vector);
void narrate(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void narrate_switch(struct thread *prev, struct thread *next);
void narrate_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool narrating(void);
#else
static inline void narrate_enable(bool on)
{
	(void)on;
}
static inline void narrate_begin(const char *label)
{
	(void)label;
}
static inline void narrate_end(void)
{
}
static inline void narrate_entry(irqentry_regs_t *regs, const char *vector)
{
	(void)regs;
	(void)vector;
}
static inline void narrate_exit(irqentry_regs_t *regs)
{
	(void)regs;
}
static inline void narrate_watch(struct thread *t, const char *vector)
{
	(void)t;
	(void)vector;
}
static inline void narrate_switch(struct thread *prev, struct thread *next)
{
	(void)prev;
	(void)next;
}
static inline bool narrating(void)
{
	return false;
}
/* Arguments are still type-checked, then thrown away. */
#define narrate(...)                                                           \
	do {                                                                   \
		if (0)                                                         \
			kprintf(__VA_ARGS__);                                  \
	} while (0)
#define narrate_note(...) narrate(__VA_ARGS__)
#endif

#endif /* KERNEL_KERNEL_H */
