/* SPDX-License-Identifier: MIT */
/*
 * Benchmark mode, the user-mode side (make BENCH=1; core/bench.c): N null
 * syscalls (getpid) between two reads of the instruction counter. Named
 * *user.c so the RISC-V image puts it in the user text (link.ld).
 */
#include "port.h"
#include "user.h"

struct ubench ubench;

void u_bench_syscalls(long n)
{
	unsigned long t0, t1;
	long i;

	t0 = port_bench_counter();
	for (i = 0; i < n; i++)
		(void)port_user_syscall(SYS_GETPID, 0, 0, 0);
	t1 = port_bench_counter();
	ubench.syscall_total = (t1 - t0) & PORT_BENCH_COUNTER_MASK;
	port_user_syscall(SYS_EXIT, 0, 0, 0);
	for (;;)
		;
}

/*
 * SMP: the first thing the signal handler does is read the counter, where
 * bench.c's kick->signal figure ends; then count the call. Context: user
 * mode, in the signal frame.
 */
static void u_bench_on_signal(long sig)
{
	ubench.sig_at = port_bench_counter();
	(void)sig;
	ubench.sig_count++;
}

/*
 * SMP: the thread CPU 0 kicks on another CPU. It spins in user mode; each
 * time a kick has had its effect (irqentry_os_schedule() called, or the
 * handler run and returned), it yields once, which in benchmark builds
 * wakes CPU 0 on the way back (sys_yield()): so CPU 0 kicks again only
 * when this thread is back in this loop with nothing pending.
 */
void u_bench_spinner(long unused)
{
	unsigned long seen = ~0UL, now;

	(void)unused;
	(void)port_user_syscall(SYS_SIGACTION, (long)u_bench_on_signal, 0, 0);
	for (;;) { /* until bench.c ends the boot */
		now = bench_sched_calls + ubench.sig_count;
		if (now != seen) {
			seen = now;
			ubench.yields++;
			(void)port_user_syscall(SYS_YIELD, 0, 0, 0);
		}
	}
}
