/* SPDX-License-Identifier: MIT */
/*
 * Fast-path tracer: a Linux program for one arch, linked with that arch's
 * real-mode bench/paths.c object and run under qemu-user with one
 * instruction per translation block, so QEMU logs every instruction it
 * executes. It calls each benchmarked function once on its fast path,
 * after a call to bench_mark() that tells bench/fastpath.py where each
 * call starts. The mask instructions are privileged in user mode: the
 * signal they raise is caught and the instruction skipped (it was executed
 * and logged once, which is what is counted).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>
#include <irqentry/irqentry.h>
#include "paths.h"
#include "inputs.h"

#define X_DECL(path)                                                           \
	long BENCH_FN(lib, path)(irqentry_regs_t * regs);                      \
	long BENCH_FN(base, path)(irqentry_regs_t * regs);
BENCH_PATHS(X_DECL)
#undef X_DECL

#define X_ENTRY(path) {BENCH_FN(lib, path), BENCH_FN(base, path)},
static const bench_fn fns[BENCH_NPATHS][2] = {BENCH_PATHS(X_ENTRY)};
#undef X_ENTRY

/* The mode-known variants, after the pairs (RISC-V and x86). */
#if !defined(IRQENTRY_ARCH_ARM64)
#define X_KNOWN(path) long BENCH_FN(known, path)(irqentry_regs_t * regs);
BENCH_KNOWN_PATHS(X_KNOWN)
#undef X_KNOWN
static const struct {
	bench_fn fn;
	int path;
} known[] = {
	{BENCH_FN(known, kernel_irq), BENCH_KERNEL_IRQ},
	{BENCH_FN(known, kernel_sync), BENCH_KERNEL_SYNC},
	{BENCH_FN(known, user_irq), BENCH_USER_IRQ},
	{BENCH_FN(known, user_sync), BENCH_USER_SYNC},
};
#endif

#if defined(IRQENTRY_ARCH_ARM64)
#define ARCH BENCH_ARM64
#elif defined(IRQENTRY_ARCH_RISCV)
#define ARCH BENCH_RISCV64
#else
#define ARCH BENCH_X86_64
#endif

__attribute__((__noinline__)) void bench_mark(int call)
{
	__asm__ __volatile__("" : : "r"(call) : "memory");
}

/* Skip the privileged instruction that trapped (msr daif*, csr*, cli/sti). */
static void skip_privileged(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;

	(void)sig;
	(void)si;
#if defined(__aarch64__)
	uc->uc_mcontext.pc += 4;
#elif defined(__riscv)
	uc->uc_mcontext.__gregs[0] += 4; /* csr* have no compressed form */
#else
	{
		unsigned char op =
			*(unsigned char *)uc->uc_mcontext.gregs[REG_RIP];

		if (op != 0xfa && op != 0xfb) /* cli, sti */
			abort();
		uc->uc_mcontext.gregs[REG_RIP] += 1;
	}
#endif
}

int main(void)
{
	struct sigaction sa;
	struct bench_regs regs;
	int path, impl, call = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = skip_privileged;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	for (path = 0; path < BENCH_NPATHS; path++) {
		for (impl = 0; impl < 2; impl++) {
			bench_frame(&regs, ARCH, path);
			bench_work = 0;
			bench_syscall_work = 0;
			bench_preempt_count = 0;
			bench_cpu.idle = 0;
			printf("call %d %s_%s_%s\n", call,
			       bench_arch_names[ARCH], impl ? "base" : "lib",
			       bench_path_names[path]);
			fflush(stdout);
			bench_mark(call++);
			fns[path][impl](&regs);
		}
	}
#if !defined(IRQENTRY_ARCH_ARM64)
	for (impl = 0; impl < (int)(sizeof(known) / sizeof(known[0])); impl++) {
		path = known[impl].path;
		bench_frame(&regs, ARCH, path);
		bench_work = 0;
		bench_syscall_work = 0;
		bench_preempt_count = 0;
		bench_cpu.idle = 0;
		printf("call %d %s_known_%s\n", call, bench_arch_names[ARCH],
		       bench_path_names[path]);
		fflush(stdout);
		bench_mark(call++);
		known[impl].fn(&regs);
	}
#endif
	return 0;
}
