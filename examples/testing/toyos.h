/* SPDX-License-Identifier: MIT */
/*
 * toyos: the smallest kernel core that gives irqentry's hooks something
 * real to do: two threads, a round-robin scheduler, one signal handler per
 * thread, four syscalls, a timer, an NMI. Its vector C code (toyos.c) calls
 * the irqentry wrapper of each exception class; test_toyos.c unit-tests
 * all of it with <irqentry/testing.h>.
 */
#ifndef TOYOS_H
#define TOYOS_H

#include <irqentry/irqentry.h>

/* A trace point: a no-op in the kernel, a mark in the test's trace. */
#ifdef IRQENTRY_TESTING
#define toy_trace(what) irqentry_testing_mark(what)
#else
#define toy_trace(what) ((void)0)
#endif

#define TOY_NR_THREADS 2

/* Syscall numbers (IRQENTRY_OS_NR_SYSCALLS in irqentry_os.h). */
#define TOY_SYS_GETPID    0 /* return the thread's id */
#define TOY_SYS_YIELD     1 /* give up the CPU at the return to user */
#define TOY_SYS_KILL      2 /* kill(tid, sig) */
#define TOY_SYS_SIGACTION 3 /* sigaction(handler) */

struct toy_stats {
	unsigned long ticks;
	unsigned long voluntary; /* switches from irqentry_os_schedule() */
	unsigned long
		involuntary;   /* ... from irqentry_os_preempt_schedule_irq() */
	unsigned long signals; /* handler frames set up */
	unsigned long nmis;
	unsigned long errors; /* toyos's own checks that failed */
};

extern struct toy_thread toy_threads[TOY_NR_THREADS];
extern struct toy_stats toy_stats;

/* Boot state: thread 1 running in user mode, nothing pending. */
void toy_reset(void);
/* Post signal @sig to @t (from any context, like an IPI's sender). */
void toy_kill(struct toy_thread *t, int sig);

/* The C half of each vector: the assembly saved @regs and calls these. */
void toy_vector_irq(struct toy_frame *regs);
bool toy_vector_syscall(struct toy_frame *regs); /* x86: SYSRET allowed */
void toy_vector_nmi(struct toy_frame *regs);

#endif /* TOYOS_H */
