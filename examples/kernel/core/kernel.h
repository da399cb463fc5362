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

/*
 * The handlers a port hands the library's wrappers (or, BASELINE=1, the
 * hand-written ones). Kept out of interprocedural optimisation, so that
 * both builds call the same machine code: otherwise GCC may clone a
 * handler for its constant argument in one build and not in the other
 * (seen: `irq_handler.constprop.0` in arm64's BASELINE=1 build only, one
 * instruction the wrapper comparison of bench/ then counts against the
 * library).
 */
#define KERNEL_HANDLER static __attribute__((noipa))

/* Hypervisor builds (make HV=1, hv.h): the init thread runs the
 * hypervisor scenarios (hv_scenarios.c), SYS_VCPU_RUN enters guests. */
#ifndef KERNEL_HV
#define KERNEL_HV 0
#endif
#if KERNEL_HV
#include "hv.h"
#endif

/*
 * Counters bumped on any CPU, so every update is an atomic add (STAT_INC
 * and friends), also where IRQs are off: another CPU may be adding too.
 */
struct kstats {
	unsigned long ticks; /* on all CPUs together */
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
	unsigned long migrations;  /* resumes on another CPU than the last */
	unsigned long resume_bad;  /* resumes with the library state wrong */
	unsigned long kick_switches; /* user-loop switches on a kick's exit */
	unsigned long resched_worst; /* jiffies, request to its switch */
	unsigned long nmi_depth_bad; /* NMI-class handler at depth != 1 */
	unsigned long work_raced;    /* returns to user racing a remote set */
};

extern struct kstats stats;

/* Every shared counter: other CPUs add too, and with IRQs enabled a
 * tick may switch threads between the load and the store of a plain ++. */
#define STAT_INC(field)                                                        \
	((void)__atomic_fetch_add(&stats.field, 1, __ATOMIC_RELAXED))
#define ATOMIC_INC(lvalue)                                                     \
	((void)__atomic_fetch_add(&(lvalue), 1, __ATOMIC_RELAXED))
#define READ_ONCE(x)     __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

/* Time: CPU 0's tick count (every CPU ticks; one of them keeps time, as
 * Linux's tick_do_timer_cpu does). */
extern unsigned long jiffies;
extern unsigned int nr_cpus; /* CPUs running the kernel */
extern unsigned int tick_hz; /* the rate every CPU ticks at */

/*
 * The core's spinlock, on the compiler's atomics (arm64 LL/SC, RISC-V
 * AMO, x86 XCHG). Taken with IRQs disabled only, never from an NMI.
 */
struct spinlock {
	unsigned int locked;
};

/* Spin until the lock is ours. Context: IRQs disabled. */
static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			__asm__ __volatile__("" ::: "memory");
}

/* Release it, publishing every store made under it. */
static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}
extern struct thread threads[NR_THREADS];
extern unsigned long tick_nmi_period; /* stress: NMI from every Nth tick */

/* console.c */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);
size_t kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t ksnprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void kcomplain(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void kernel_panic(irqentry_regs_t *regs, const char *what);

/**
 * scenario_result - print one result line, formatted whole
 * @kind: the line's prefix: "" (the single-CPU scenarios), "smp ", "hv "
 * @n: the scenario's number
 * @name: its name
 * @ok: the verdict
 * @fmt: the measured details, printf-style
 *
 * Prints `<kind>scenario <n> <name>: PASS|FAIL (<details>)` in one console
 * write, so nothing interleaves with it (run.sh matches these lines).
 * Context: process context. Return: @ok.
 */
bool scenario_result(const char *kind, int n, const char *name, bool ok,
		     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* scenario_title - a scenario's heading, in narrated builds only */
void scenario_title(const char *kind, int n, const char *what);

/* What k_stress_atomic() runs on: its stop flag and its error count. */
struct k_atomic_run {
	volatile bool stop;
	volatile unsigned long errors;
};

/**
 * k_stress_atomic - the stress scenarios' preempt-disabled kernel thread
 * @arg: its struct k_atomic_run
 *
 * Until ->stop: spins with preemption disabled and counts an error when
 * the thread was switched away meanwhile; every 16th round also probes a
 * bad address (the fixup must return -EFAULT), every 64th raises an
 * NMI-class entry where the port has one. Context: a kernel thread.
 */
void k_stress_atomic(void *arg);

/* A compiler barrier for spin loops. Context: any. */
static inline void cpu_relax(void)
{
	__asm__ __volatile__("" ::: "memory");
}

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
void thread_wake(struct thread *t);
void kick_thread(struct thread *t, unsigned long bits);
void resched_remote(struct thread *t);
void kernel_set_hz(unsigned int hz);
void send_nmi(unsigned int cpu);
unsigned int this_cpu(void);

/* CPU_REQ_* : what a kick asks its target CPU to do besides looking at
 * its work word (struct cpu's req). */
#define CPU_REQ_NMI   1UL /* take an NMI-class entry (PORT_NMI_VIA_KICK) */
#define CPU_REQ_TIMER 2UL /* restart the tick at tick_hz */
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

/* scenarios.c (scenarios_smp.c: the SMP ones, with more than one CPU) */
void init_main(void *arg);
bool smp_scenarios(void);
void smp_on_resume(struct thread *t, unsigned int from_cpu);

/* bench.c (BENCH=1 builds) */
void bench_main(void *arg);

#if KERNEL_BENCH
/* Set by a secondary CPU's yield (sys_yield()): its next return to user
 * mode counts bench_wakes and sends CPU 0 the kick
 * (irqentry_os_exit_to_user()), which wakes bench.c from port_idle(). */
extern volatile bool bench_wake_boot_cpu;
extern volatile unsigned long bench_wakes;
#endif

/*
 * The port's C entry of an IRQ from user mode calls this first (arm64:
 * EL0 IRQ; riscv64: any interrupt; x86_64: the kick vector): in benchmark
 * builds it records the counter in the current thread, where bench.c's
 * kick figures start. Context: IRQs disabled, before the wrapper.
 */
static inline void bench_mark_irq(void)
{
#if KERNEL_BENCH
	current->bench_irq_at = port_bench_counter();
#endif
}

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
 * kernel_secondary_main - a secondary CPU's first C code, on the stack
 *	port_cpu_start() gave it, IRQs disabled; never returns
 * kernel_ipi - the body of the kick IPI's handler (after the port acked
 *	it), inside the library's IRQ wrapper
 * kernel_switch_finish - a new user thread's first switch calls it in C
 *	before building its first frame (IRQs disabled): it ends the switch
 *	that started the thread (kernel threads: kthread_start() does)
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
_Noreturn void kernel_secondary_main(unsigned int cpu);
void kernel_ipi(irqentry_regs_t *regs);
void kernel_switch_finish(void);

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
void narrate_cross(struct thread *waker, struct thread *idle,
		   struct thread *woken);
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
static inline void narrate_cross(struct thread *waker, struct thread *idle,
				 struct thread *woken)
{
	(void)waker;
	(void)idle;
	(void)woken;
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
