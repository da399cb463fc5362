/* SPDX-License-Identifier: MIT */
/*
 * The user programs. They run in user mode (EL0, U-mode, ring 3) and talk
 * to the kernel only through port_user_syscall(); results go to ushared,
 * where the scenario checks read them.
 */
#include "port.h"
#include "user.h"

struct ushared ushared;
struct usmp usmp;

static long u_write(const char *s, long len)
{
	return port_user_syscall(SYS_WRITE, (long)s, len, 0);
}

static long u_yield(void)
{
	return port_user_syscall(SYS_YIELD, 0, 0, 0);
}

static long u_getpid(void)
{
	return port_user_syscall(SYS_GETPID, 0, 0, 0);
}

static long u_sleep(long ticks)
{
	return port_user_syscall(SYS_SLEEP, ticks, 0, 0);
}

static long u_kill(long tid, long sig)
{
	return port_user_syscall(SYS_KILL, tid, sig, 0);
}

static _Noreturn void u_exit(long code)
{
	port_user_syscall(SYS_EXIT, code, 0, 0);
	for (;;)
		;
}

static long u_sigaction(void (*handler)(long sig))
{
	return port_user_syscall(SYS_SIGACTION, (long)handler, 0, 0);
}

/* Scenario 1: spin without a single syscall until told to stop. */
void u_spinner(long index)
{
	while (!ushared.stop)
		ushared.spin[index]++;
	u_exit(0);
}

/* Scenario 3: every syscall once, results for the kernel to check. */
void u_syscalls(long bad_pointer)
{
	static const char msg[] = "  hello from user mode through SYS_WRITE\n";

	ushared.want_write = sizeof(msg) - 1;
	ushared.pid = u_getpid();
	ushared.res_write = u_write(msg, sizeof(msg) - 1);
	ushared.res_bad_nr = port_user_syscall(999, 0, 0, 0);
	ushared.res_neg_nr = port_user_syscall(-1, 0, 0, 0);
	ushared.res_yield = u_yield();
	ushared.res_sleep = u_sleep(3);
	ushared.res_efault = u_write((const char *)bad_pointer, 4);
	ushared.res_kill = u_kill(9999, SIGUSR1);
	ushared.res_pid_again = u_getpid();
	u_exit(0);
}

#define LCG(x) ((x)*6364136223846793005UL + 1442695040888963407UL)

static void u_on_signal(long sig)
{
	ushared.sig_seen = sig;
}

/*
 * Scenario 4: compute-bound, no syscall until the handler has run. The
 * generator state and the iteration count live in registers the signal
 * frame must save and sigreturn restore: replaying the count must land on
 * the same state.
 */
void u_sigtarget(long unused)
{
	unsigned long a = 12345, e = 12345, n = 0, i;

	(void)unused;
	u_sigaction(u_on_signal);
	ushared.ready = 1;
	while (!ushared.sig_seen) {
		a = LCG(a);
		n++;
	}
	for (i = 0; i < n; i++)
		e = LCG(e);
	ushared.sig_iters = n;
	u_exit(a == e ? 0 : 1);
}

void u_sigsender(long target_tid)
{
	while (!ushared.ready)
		u_yield();
	u_sleep(5);
	ushared.kill_ret = u_kill(target_tid, SIGUSR1);
	u_exit(0);
}

/* Scenario 8: syscalls of every kind, checked, until told to stop. */
void u_stress_sys(long unused)
{
	long pid = u_getpid();
	unsigned long i;

	(void)unused;
	for (i = 0; !ushared.stop; i++) {
		if (u_getpid() != pid)
			ushared.sys_errors++;
		if (port_user_syscall(NR_SYSCALLS + (long)(i & 7), 0, 0, 0) !=
		    -ENOSYS)
			ushared.sys_errors++;
		if ((i & 3) == 0 && u_yield() != 0)
			ushared.sys_errors++;
		if ((i & 63) == 0 && u_sleep(1) < 1)
			ushared.sys_errors++;
		ushared.sys_iters++;
	}
	u_exit(0);
}

static void u_on_stress_signal(long sig)
{
	if (sig == SIGUSR1)
		ushared.sig_handled++;
	else
		ushared.check_errors++;
}

/* Scenario 8: compute-bound signal target; the running sum lives in
 * registers across every signal frame and must stay consistent. */
void u_stress_sigtarget(long unused)
{
	unsigned long n = 0, s = 0;

	(void)unused;
	u_sigaction(u_on_stress_signal);
	ushared.target_ready = 1;
	while (!ushared.sender_done) {
		n++;
		s += n;
		if ((n & 4095) == 0 && s != n * (n + 1) / 2)
			ushared.check_errors++;
	}
	u_exit(0);
}

/* One signal in flight at a time, so sent and handled must match. */
void u_stress_sigsender(long target_tid)
{
	while (!ushared.target_ready)
		u_yield();
	while (!ushared.stop) {
		if (ushared.sig_handled != ushared.sig_sent) {
			u_yield();
			continue;
		}
		if (u_kill(target_tid, SIGUSR1) != 0)
			ushared.check_errors++;
		else
			ushared.sig_sent++;
	}
	while (ushared.sig_handled != ushared.sig_sent)
		u_yield();
	ushared.sender_done = 1;
	u_exit(0);
}

/* SMP scenarios: spin without a syscall until told to stop. */
void u_smp_spinner(long index)
{
	while (!usmp.stop)
		usmp.spin[index]++;
	u_exit(0);
}

/* Each signal carries a sequence number (the sender's count, written
 * before the kill): the n-th handler run must see n. */
static void u_on_smp_signal(long sig)
{
	unsigned long n = usmp.sig_handled + 1;

	if (sig != SIGUSR1 || usmp.sig_sent != n)
		usmp.sig_out_of_order++;
	usmp.sig_handled = n;
}

/* SMP scenario 3: compute-bound, the running sum in registers across
 * every signal frame; exit status 1 if it ever came back wrong. */
void u_smp_sigtarget(long unused)
{
	unsigned long n = 0, s = 0, bad = 0;

	(void)unused;
	u_sigaction(u_on_smp_signal);
	usmp.sig_ready = 1;
	while (!usmp.stop) {
		n++;
		s += n;
		if ((n & 1023) == 0) {
			if (s != n * (n + 1) / 2)
				bad++;
			usmp.progress = n;
		}
	}
	u_exit(bad ? 1 : 0);
}
