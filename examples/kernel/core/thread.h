/* SPDX-License-Identifier: MIT */
/*
 * The thread structure and the current-thread pointer. Separate from
 * kernel.h because the OS header (irqentry_os.h) needs it before the
 * library is complete.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "port.h"

#define NR_CPUS 4

enum thread_state {
	THREAD_FREE,
	THREAD_RUNNABLE,
	THREAD_SLEEPING,
	THREAD_DEAD,
};

/*
 * ctx stays the first field: a port may reach its context from the
 * current-thread register (RISC-V: tp points at both).
 */
struct thread {
	struct port_context ctx; /* callee-saved registers while switched out */
	unsigned long work;      /* irqentry work word (IRQENTRY_WORK_*) */
	/* The library's per-thread debug block (irqentry_os_thread()): the
	 * kernel-mode nesting depth survives a migration with the thread. */
	struct irqentry_thread irq;
	int cpu;           /* the CPU it runs on, or last ran on */
	bool on_cpu;       /* running on some CPU (under the run-queue lock) */
	bool is_idle;      /* one of the per-CPU idle threads */
	int preempt_count; /* per thread, as on Linux arm64 */
	int tid;
	enum thread_state state;
	bool user;
	const char *name;
	unsigned long wake_tick; /* THREAD_SLEEPING until this tick */
	int exit_code;
	void (*kfn)(void *arg); /* kernel threads: body and argument */
	void *karg;
	unsigned long sig_pending; /* bit n: signal n raised, not delivered */
	unsigned long sig_handler; /* user handler; 0: the signal kills */
	unsigned long ustack_lo, ustack_hi; /* user stack bounds */
	bool killed;        /* thread_kill(): exit at the next return */
	const char *vector; /* narration: its last entry from user */
	/* Accounting the scenarios check. */
	unsigned long switches_out;     /* every switch away */
	unsigned long loop_switches;    /* ... in the user work loop */
	unsigned long irq_preemptions;  /* ... in a kernel-mode preempt step */
	unsigned long owed_preemptions; /* ... in preempt_enable() */
	unsigned long syscalls;
	unsigned long signals_delivered;
	unsigned long sigreturns;
	unsigned long kick_switches;   /* user-loop switches on a kick's exit */
	unsigned long migrations;      /* resumed on another CPU */
	unsigned long irq_migrations;  /* ... after a preempt-step switch */
	unsigned long loop_migrations; /* ... after a work-loop switch */
	unsigned long wakeups;         /* SLEEPING -> RUNNABLE */
#if KERNEL_BENCH
	/* bench.c's SMP figures: the counter at the C entry of this thread's
	 * last IRQ (kernel.h, bench_mark_irq()) and at its last
	 * irqentry_os_schedule() call. */
	volatile unsigned long bench_irq_at, bench_sched_at;
#endif
	/* Remote reschedule requests (resched_remote()): the sequence number
	 * asked, and the last one a switch of this thread saw. */
	unsigned long resched_req, resched_seen, resched_jiffies;
	unsigned long sig_on_kick; /* signals delivered on a kick's return */
};

/*
 * Per CPU. The library's block and the idle state are read only with IRQs
 * disabled on this CPU, where its current thread cannot move; counters
 * other CPUs read are updated atomically.
 */
struct cpu {
	struct irqentry_cpu irq; /* the library's (irqentry_os_cpu()) */
	struct thread *idle;     /* this CPU's idle thread */
	struct thread *curr;     /* running here (under the run-queue lock) */
	struct thread *prev;     /* switched away from, until the finish */
	bool online;
	bool in_idle;      /* in the idle wait: entries are idle entries */
	bool last_irq_ipi; /* the IRQ being handled is the kick, not a tick */
	unsigned long req; /* CPU_REQ_* bits asked by other CPUs (atomic) */
	unsigned long ticks;
	unsigned long ipis;         /* kick IPIs handled */
	unsigned long kicks_sent;   /* ... sent to this CPU */
	unsigned long idle_entries; /* IRQs taken through the idle entry */
	unsigned long idle_wakeups; /* ... that were the kick */
	unsigned long nmi;          /* NMI-class entries on this CPU */
	unsigned long nmi_switched; /* ... with a switch inside (never) */
	unsigned long switches;     /* switches made on this CPU */
};

extern struct cpu cpus[NR_CPUS];

/* The running thread: one instruction from the port's register, right
 * even if the caller migrates right after (core/port.h). */
#define current port_current()

#endif /* KERNEL_THREAD_H */
