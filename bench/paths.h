/* SPDX-License-Identifier: MIT */
/*
 * The benchmarked functions of bench/paths.c, by arch, implementation and
 * path, and the externals they call. Included by paths.c (after the
 * library, with one IRQENTRY_ARCH_* forced) and by the harnesses (with
 * BENCH_ALL_ARCHES, for every arch at once).
 */
#ifndef BENCH_PATHS_H
#define BENCH_PATHS_H

struct bench_regs;

#define BENCH_PATHS(X)                                                         \
	X(kernel_irq)                                                          \
	X(kernel_sync)                                                         \
	X(syscall)                                                             \
	X(user_irq)                                                            \
	X(user_sync)                                                           \
	X(nmi)

/* The paths with a mode-known variant on RISC-V and x86 (BENCH_FN(known,
 * path) in paths.c): their run-time wrapper serves both modes. */
#define BENCH_KNOWN_PATHS(X)                                                   \
	X(kernel_irq)                                                          \
	X(kernel_sync)                                                         \
	X(user_irq)                                                            \
	X(user_sync)

#define BENCH_ARCHES(X)                                                        \
	X(arm64)                                                               \
	X(riscv64)                                                             \
	X(x86_64)

#if defined(IRQENTRY_ARCH_ARM64)
#define BENCH_FN(impl, path) arm64_##impl##_##path
#elif defined(IRQENTRY_ARCH_RISCV)
#define BENCH_FN(impl, path) riscv64_##impl##_##path
#elif defined(IRQENTRY_ARCH_X86)
#define BENCH_FN(impl, path) x86_64_##impl##_##path
#endif

typedef long (*bench_fn)(struct bench_regs *regs);

/* The trivial handler and syscall dispatcher both sides call. */
void bench_handler(struct bench_regs *regs, void *arg);
void bench_dispatch(struct bench_regs *regs, long nr, void *arg);

#endif /* BENCH_PATHS_H */
