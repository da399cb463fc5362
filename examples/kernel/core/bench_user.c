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
