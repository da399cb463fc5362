/* SPDX-License-Identifier: MIT */
/*
 * The inputs that steer each path, shared by the harnesses: a trap frame
 * as the arch's vector would save it for that path (mode, interrupted
 * context with interrupts on), and the work words for the fast path
 * (nothing to do) or the slow path (one preemption, or one pass of the
 * work loop).
 */
#ifndef BENCH_INPUTS_H
#define BENCH_INPUTS_H

#include <string.h>

enum bench_path {
	BENCH_KERNEL_IRQ,
	BENCH_KERNEL_SYNC,
	BENCH_SYSCALL,
	BENCH_USER_IRQ,
	BENCH_USER_SYNC,
	BENCH_NMI,
	BENCH_NPATHS
};

enum bench_arch { BENCH_ARM64, BENCH_RISCV64, BENCH_X86_64, BENCH_NARCHES };

static const char *const bench_path_names[BENCH_NPATHS] = {
	"kernel_irq", "kernel_sync", "syscall", "user_irq", "user_sync", "nmi",
};

static const char *const bench_arch_names[BENCH_NARCHES] = {
	"arm64",
	"riscv64",
	"x86_64",
};

static inline int bench_path_user(int path)
{
	return path == BENCH_SYSCALL || path == BENCH_USER_IRQ ||
	       path == BENCH_USER_SYNC;
}

/*
 * The frame: arm64 SPSR (EL1h or EL0t, DAIF clear), RISC-V sstatus (SPP
 * for S-mode, SPIE set), x86 CS (ring 0 or 3) and RFLAGS (IF set); a
 * syscall frame asks for syscall 1 and, on x86, holds RIP in RCX and
 * RFLAGS in R11 (SYSRET safe).
 */
static inline void bench_frame(struct bench_regs *regs, int arch, int path)
{
	int user = bench_path_user(path);

	memset(regs, 0, sizeof(*regs));
	regs->pc = 0x400000;
	switch (arch) {
	case BENCH_ARM64:
		regs->status = user ? 0x0 : 0x5;
		regs->gpr[8] = 1;
		break;
	case BENCH_RISCV64:
		regs->status = user ? 0x20 : 0x120;
		regs->gpr[17] = 1;
		break;
	default:
		regs->status = 0x202;
		regs->cs = user ? 0x23 : 0x08;
		regs->ss = user ? 0x1b : 0x10;
		regs->gpr[16] = 1;
		regs->gpr[1] = regs->pc;
		regs->gpr[11] = regs->status;
		break;
	}
}

/* Work for the slow path of @path: a preemption for the kernel paths, one
 * loop pass for the user paths (a reschedule, a signal for syscalls).
 * Include after <irqentry/irqentry.h>. */
static inline unsigned long bench_slow_work(int path)
{
	switch (path) {
	case BENCH_KERNEL_IRQ:
	case BENCH_KERNEL_SYNC:
	case BENCH_USER_IRQ:
	case BENCH_USER_SYNC:
		return IRQENTRY_WORK_NEED_RESCHED;
	case BENCH_SYSCALL:
		return IRQENTRY_WORK_SIGPENDING;
	default:
		return 0;
	}
}

#endif /* BENCH_INPUTS_H */
