/* SPDX-License-Identifier: MIT */
/*
 * The thread structure and the current-thread pointer. Separate from
 * kernel.h because the OS header (irqentry_os.h) needs it before the
 * library is complete.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "port.h"

enum thread_state {
	THREAD_FREE,
	THREAD_RUNNABLE,
	THREAD_SLEEPING,
	THREAD_DEAD,
};

struct thread {
	struct port_context ctx; /* callee-saved registers while switched out */
	unsigned long work;      /* irqentry work word (IRQENTRY_WORK_*) */
	int preempt_count;       /* per thread, as on Linux arm64 */
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
};

extern struct thread *current;

#endif /* KERNEL_THREAD_H */
