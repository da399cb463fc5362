/* SPDX-License-Identifier: MIT */
/*
 * User mode: the programs the user threads run and the memory they share
 * with the kernel's scenario checks. User code calls nothing in the kernel
 * but the port's syscall instruction stub.
 */
#ifndef KERNEL_USER_H
#define KERNEL_USER_H

#include "abi.h"

/* Written by user threads, read (and reset) by the scenario checks. */
struct ushared {
	volatile long stop;
	volatile unsigned long spin[2];
	/* scenario 3: each syscall's result */
	volatile long want_write, pid, res_write, res_bad_nr, res_neg_nr,
		res_yield;
	volatile long res_sleep, res_efault, res_kill, res_pid_again;
	/* scenario 4 */
	volatile long ready, sig_seen, kill_ret;
	volatile unsigned long sig_iters;
	/* scenario 8 */
	volatile unsigned long sys_iters, sys_errors;
	volatile unsigned long sig_sent, sig_handled, check_errors;
	volatile long target_ready, sender_done;
};

extern struct ushared ushared;

/* The SMP scenarios' user programs (scenarios_smp.c). */
#define USMP_SPINNERS 8
struct usmp {
	volatile long stop;
	volatile unsigned long spin[USMP_SPINNERS];
	volatile unsigned long sig_sent;    /* sequence number of the last */
	volatile unsigned long sig_handled; /* handler runs */
	volatile unsigned long sig_out_of_order; /* handler saw seq != count */
	volatile long sig_ready;
	volatile unsigned long progress; /* the target's loop, now and then */
};

extern struct usmp usmp;

void u_spinner(long index);
void u_syscalls(long bad_pointer);
void u_sigtarget(long unused);
void u_sigsender(long target_tid);
void u_stress_sys(long unused);
void u_stress_sigtarget(long unused);
void u_stress_sigsender(long target_tid);
void u_smp_spinner(long index);
void u_smp_sigtarget(long unused);

/* Benchmark builds (bench_user.c): the counter delta of N null syscalls. */
struct ubench {
	volatile unsigned long syscall_total;
	/* SMP (bench.c): the counter at the signal handler's first read,
	 * the handler's calls, the spinner's yields. */
	volatile unsigned long sig_at, sig_count, yields;
};

extern struct ubench ubench;
/* Benchmark builds: irqentry_os_schedule()'s calls (sched.c), which the
 * SMP spinner watches. */
extern volatile unsigned long bench_sched_calls;

void u_bench_syscalls(long n);
void u_bench_spinner(long unused);

#endif /* KERNEL_USER_H */
