/* SPDX-License-Identifier: MIT */
/*
 * Hosted harness: every arch's bench/paths.c built hosted (the simulated
 * CPU) and linked together, driven three ways:
 *
 *   host writes          mask-register writes per path, fast and slow
 *                        (one preemption, or one work-loop pass), library
 *                        and baseline, counted by the simulated CPU
 *   host time R N        enter+exit pairs per second: R rounds of N calls,
 *                        library and baseline interleaved (the order
 *                        alternating each round), median ns per pair and
 *                        median of the per-round ratios
 *   host loops N         N calls of each function and nothing else, for
 *                        callgrind to count instructions per call
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <irqentry/irqentry.h>
#include "paths.h"
#include "inputs.h"

#define MAX_ROUNDS 101

#define DECL(arch, path)                                                       \
	long arch##_lib_##path(struct bench_regs *regs);                       \
	long arch##_base_##path(struct bench_regs *regs);
#define DECL_ALL(path) DECL(arm64, path) DECL(riscv64, path) DECL(x86_64, path)
BENCH_PATHS(DECL_ALL)

#define E_ARM64(path)   {arm64_lib_##path, arm64_base_##path},
#define E_RISCV64(path) {riscv64_lib_##path, riscv64_base_##path},
#define E_X86_64(path)  {x86_64_lib_##path, x86_64_base_##path},
static const bench_fn fns[BENCH_NARCHES][BENCH_NPATHS][2] = {
	{BENCH_PATHS(E_ARM64)},
	{BENCH_PATHS(E_RISCV64)},
	{BENCH_PATHS(E_X86_64)},
};

/* The mask register as an exception leaves it: arm64 all of DAIF masked,
 * RISC-V SIE clear, x86 IF clear (RFLAGS bit 1 reads as 1). */
static const unsigned long trap_status[BENCH_NARCHES] = {0x3c0, 0x0, 0x2};

static void prepare(struct bench_regs *regs, int arch, int path,
		    unsigned long work)
{
	bench_frame(regs, arch, path);
	irqentry_hosted_reset(trap_status[arch]);
	bench_work = work;
	bench_syscall_work = 0;
	bench_preempt_count = 0;
	bench_cpu.idle = 0;
}

static unsigned long writes(int arch, int path, int impl, unsigned long work)
{
	struct bench_regs regs;

	prepare(&regs, arch, path, work);
	fns[arch][path][impl](&regs);
	if (bench_work != 0) {
		fprintf(stderr, "host: %s %s: work 0x%lx left\n",
			bench_arch_names[arch], bench_path_names[path],
			bench_work);
		exit(1);
	}
	return irqentry_hosted_cpu()->status_writes;
}

static void run_writes(void)
{
	int arch, path, impl;

	for (arch = 0; arch < BENCH_NARCHES; arch++)
		for (path = 0; path < BENCH_NPATHS; path++)
			for (impl = 0; impl < 2; impl++) {
				unsigned long slow = bench_slow_work(path);

				printf("writes %s %s %s %lu ",
				       bench_arch_names[arch],
				       bench_path_names[path],
				       impl ? "base" : "lib",
				       writes(arch, path, impl, 0));
				if (slow)
					printf("%lu\n",
					       writes(arch, path, impl, slow));
				else
					printf("-\n");
			}
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* N calls on the fast path; kept out of line so callgrind sees the loop
 * and the calls as they are. */
static __attribute__((__noinline__)) void
loop(bench_fn fn, struct bench_regs *regs, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		fn(regs);
}

static double time_one(int arch, int path, int impl, unsigned long n)
{
	struct bench_regs regs;
	double t0;

	prepare(&regs, arch, path, 0);
	t0 = now_ns();
	loop(fns[arch][path][impl], &regs, n);
	return (now_ns() - t0) / (double)n;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Per path: the median ns per pair of each side, and the median of the
 * per-round ratios (each round's two runs are adjacent in time, so a
 * neighbour's load hits both). */
static void run_time(int rounds, unsigned long n)
{
	double t[2][MAX_ROUNDS], ratio[MAX_ROUNDS];
	int arch, path, r, k;

	if (rounds > MAX_ROUNDS)
		rounds = MAX_ROUNDS;
	for (arch = 0; arch < BENCH_NARCHES; arch++)
		for (path = 0; path < BENCH_NPATHS; path++) {
			/* Warm up both, then alternate which goes first. */
			(void)time_one(arch, path, 0, n / 10 + 1);
			(void)time_one(arch, path, 1, n / 10 + 1);
			for (r = 0; r < rounds; r++) {
				for (k = 0; k < 2; k++) {
					int impl = (r & 1) ? 1 - k : k;

					t[impl][r] =
						time_one(arch, path, impl, n);
				}
				ratio[r] = t[0][r] / t[1][r];
			}
			printf("time %s %s %.3f %.3f %.4f\n",
			       bench_arch_names[arch], bench_path_names[path],
			       median(t[0], rounds), median(t[1], rounds),
			       median(ratio, rounds));
		}
}

static void run_loops(unsigned long n)
{
	struct bench_regs regs;
	int arch, path, impl;

	for (arch = 0; arch < BENCH_NARCHES; arch++)
		for (path = 0; path < BENCH_NPATHS; path++)
			for (impl = 0; impl < 2; impl++) {
				prepare(&regs, arch, path, 0);
				loop(fns[arch][path][impl], &regs, n);
			}
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "writes")) {
		run_writes();
		return 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "time")) {
		run_time(atoi(argv[2]), strtoul(argv[3], NULL, 0));
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "loops")) {
		run_loops(strtoul(argv[2], NULL, 0));
		return 0;
	}
	fprintf(stderr, "usage: host writes | time ROUNDS N | loops N\n");
	return 2;
}
