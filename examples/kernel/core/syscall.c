/* SPDX-License-Identifier: MIT */
/*
 * The syscalls and their dispatcher. The library's syscall wrapper has
 * already preset -ENOSYS in the return register, dropped numbers outside
 * 0..NR_SYSCALLS-1, and enabled interrupts; each syscall may schedule.
 */
#include "kernel.h"

/* Copy a user buffer to the console a byte at a time: every load may
 * fault, and the exception table turns the fault into -EFAULT. */
static long sys_write(irqentry_regs_t *regs, long buf, long len, long unused)
{
	char line[128];
	unsigned char c;
	long i;

	(void)regs;
	(void)unused;
	if (len < 0 || len >= (long)sizeof(line))
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (port_get_user_u8(&c, (const unsigned char *)buf + i))
			return -EFAULT;
		line[i] = (char)c;
	}
	line[len] = '\0';
	kprintf("%s", line);
	return len;
}

static long sys_yield(irqentry_regs_t *regs, long a0, long a1, long a2)
{
	(void)regs;
	(void)a0;
	(void)a1;
	(void)a2;
	schedule();
#if KERNEL_BENCH
	/* bench.c: a yield off CPU 0 wakes it on this return to user mode. */
	if (this_cpu() != 0)
		bench_wake_boot_cpu = true;
#endif
	return 0;
}

static long sys_getpid(irqentry_regs_t *regs, long a0, long a1, long a2)
{
	(void)regs;
	(void)a0;
	(void)a1;
	(void)a2;
	return current->tid;
}

static long sys_sleep(irqentry_regs_t *regs, long ticks, long a1, long a2)
{
	unsigned long start = READ_ONCE(jiffies);

	(void)regs;
	(void)a1;
	(void)a2;
	if (ticks > 0)
		kernel_sleep((unsigned long)ticks);
	return (long)(READ_ONCE(jiffies) - start);
}

static long sys_kill(irqentry_regs_t *regs, long tid, long sig, long a2)
{
	(void)regs;
	(void)a2;
	return kernel_kill((int)tid, (int)sig);
}

static long sys_exit(irqentry_regs_t *regs, long code, long a1, long a2)
{
	(void)regs;
	(void)a1;
	(void)a2;
	thread_exit((int)code);
}

static long sys_sigaction(irqentry_regs_t *regs, long handler, long a1, long a2)
{
	(void)regs;
	(void)a1;
	(void)a2;
	current->sig_handler = (unsigned long)handler;
	return 0;
}

static long sys_sigreturn_entry(irqentry_regs_t *regs, long a0, long a1,
				long a2)
{
	(void)a0;
	(void)a1;
	(void)a2;
	return sys_sigreturn(regs);
}

/* SYS_VCPU_RUN: vmm.c in hypervisor builds (HV=1), else no such call. */
static long sys_vcpu_run_entry(irqentry_regs_t *regs, long id, long a1, long a2)
{
	(void)regs;
	(void)a1;
	(void)a2;
#if KERNEL_HV
	return sys_vcpu_run(id);
#else
	(void)id;
	return -ENOSYS;
#endif
}

typedef long (*syscall_fn)(irqentry_regs_t *regs, long a0, long a1, long a2);

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	[SYS_WRITE] = sys_write,
	[SYS_YIELD] = sys_yield,
	[SYS_GETPID] = sys_getpid,
	[SYS_SLEEP] = sys_sleep,
	[SYS_KILL] = sys_kill,
	[SYS_EXIT] = sys_exit,
	[SYS_SIGACTION] = sys_sigaction,
	[SYS_SIGRETURN] = sys_sigreturn_entry,
	[SYS_VCPU_RUN] = sys_vcpu_run_entry,
};

static const char *const syscall_names[NR_SYSCALLS] = {
	[SYS_WRITE] = "write",         [SYS_YIELD] = "yield",
	[SYS_GETPID] = "getpid",       [SYS_SLEEP] = "sleep",
	[SYS_KILL] = "kill",           [SYS_EXIT] = "exit",
	[SYS_SIGACTION] = "sigaction", [SYS_SIGRETURN] = "sigreturn",
	[SYS_VCPU_RUN] = "vcpu_run",
};

/* The irqentry_syscall_fn handed to the port's syscall wrapper. */
void kernel_syscall(irqentry_regs_t *regs, long nr, void *arg)
{
	long ret;

	(void)arg;
	current->syscalls++;
	STAT_INC(syscalls);
	narrate("syscall %ld (%s) dispatched, IRQs on", nr, syscall_names[nr]);
	ret = syscall_table[nr](regs, port_regs_syscall_arg(regs, 0),
				port_regs_syscall_arg(regs, 1),
				port_regs_syscall_arg(regs, 2));
	irqentry_os_syscall_set_return(regs, ret);
}
