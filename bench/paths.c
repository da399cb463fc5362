/* SPDX-License-Identifier: MIT */
/*
 * The benchmarked pairs: for each path of one arch, a function that calls
 * the library's wrapper (<arch>_lib_<path>) and one that runs the
 * hand-written baseline (<arch>_base_<path>), in the same translation unit
 * with the same hooks (bench/irqentry_os.h). Built once per arch with
 * IRQENTRY_ARCH_<ARCH> forced: in real mode for the instruction counts
 * (bench/trace.c), hosted for the write counts and timings (bench/host.c).
 * Every function takes the trap frame and returns what the wrapper returns
 * (x86 syscall: whether SYSRET is safe), else 0.
 *
 * RISC-V and x86 also have <arch>_known_<path> for the four paths whose
 * wrapper tests the frame's mode at run time: the same path through the
 * library's mode-known variant, as a kernel with separate user and kernel
 * vectors calls it (static size only, bench/README.md).
 */
#include <irqentry/irqentry.h>
#include "paths.h"

#if defined(IRQENTRY_ARCH_ARM64)
#include "baseline/arm64.h"

long BENCH_FN(lib, kernel_irq)(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, kernel_irq)(irqentry_regs_t *regs)
{
	baseline_arm64_el1_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, kernel_sync)(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_sync(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, kernel_sync)(irqentry_regs_t *regs)
{
	baseline_arm64_el1_sync(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, syscall)(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_svc(regs, bench_dispatch, NULL);
	return 0;
}

long BENCH_FN(base, syscall)(irqentry_regs_t *regs)
{
	baseline_arm64_el0_svc(regs, bench_dispatch, NULL);
	return 0;
}

long BENCH_FN(lib, user_irq)(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, user_irq)(irqentry_regs_t *regs)
{
	baseline_arm64_el0_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, user_sync)(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_sync(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, user_sync)(irqentry_regs_t *regs)
{
	baseline_arm64_el0_sync(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, nmi)(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_nmi(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, nmi)(irqentry_regs_t *regs)
{
	baseline_arm64_el1_nmi(regs, bench_handler, NULL);
	return 0;
}

#elif defined(IRQENTRY_ARCH_RISCV)
#include "baseline/riscv.h"

long BENCH_FN(lib, kernel_irq)(irqentry_regs_t *regs)
{
	irqentry_riscv_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, kernel_irq)(irqentry_regs_t *regs)
{
	baseline_riscv_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, kernel_sync)(irqentry_regs_t *regs)
{
	irqentry_riscv_exception(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, kernel_sync)(irqentry_regs_t *regs)
{
	baseline_riscv_exception(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, syscall)(irqentry_regs_t *regs)
{
	irqentry_riscv_ecall_u(regs, bench_dispatch, NULL);
	return 0;
}

long BENCH_FN(base, syscall)(irqentry_regs_t *regs)
{
	baseline_riscv_ecall_u(regs, bench_dispatch, NULL);
	return 0;
}

long BENCH_FN(lib, user_irq)(irqentry_regs_t *regs)
{
	irqentry_riscv_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, user_irq)(irqentry_regs_t *regs)
{
	baseline_riscv_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, user_sync)(irqentry_regs_t *regs)
{
	irqentry_riscv_exception(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, user_sync)(irqentry_regs_t *regs)
{
	baseline_riscv_exception(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, nmi)(irqentry_regs_t *regs)
{
	irqentry_riscv_kernel_trap(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, nmi)(irqentry_regs_t *regs)
{
	baseline_riscv_kernel_trap(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, kernel_irq)(irqentry_regs_t *regs)
{
	irqentry_riscv_kernel_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, kernel_sync)(irqentry_regs_t *regs)
{
	irqentry_riscv_kernel_exception(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, user_irq)(irqentry_regs_t *regs)
{
	irqentry_riscv_user_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, user_sync)(irqentry_regs_t *regs)
{
	irqentry_riscv_user_exception(regs, bench_handler, NULL);
	return 0;
}

#elif defined(IRQENTRY_ARCH_X86)
#include "baseline/x86.h"

long BENCH_FN(lib, kernel_irq)(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, kernel_irq)(irqentry_regs_t *regs)
{
	baseline_x86_idtentry_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, kernel_sync)(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, kernel_sync)(irqentry_regs_t *regs)
{
	baseline_x86_idtentry(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, syscall)(irqentry_regs_t *regs)
{
	return irqentry_x86_syscall_64(regs, bench_dispatch, NULL);
}

long BENCH_FN(base, syscall)(irqentry_regs_t *regs)
{
	return baseline_x86_syscall_64(regs, bench_dispatch, NULL);
}

long BENCH_FN(lib, user_irq)(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, user_irq)(irqentry_regs_t *regs)
{
	baseline_x86_idtentry_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, user_sync)(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, user_sync)(irqentry_regs_t *regs)
{
	baseline_x86_idtentry(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(lib, nmi)(irqentry_regs_t *regs)
{
	irqentry_x86_nmi(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(base, nmi)(irqentry_regs_t *regs)
{
	baseline_x86_nmi(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, kernel_irq)(irqentry_regs_t *regs)
{
	irqentry_x86_kernel_idtentry_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, kernel_sync)(irqentry_regs_t *regs)
{
	irqentry_x86_kernel_idtentry(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, user_irq)(irqentry_regs_t *regs)
{
	irqentry_x86_user_idtentry_irq(regs, bench_handler, NULL);
	return 0;
}

long BENCH_FN(known, user_sync)(irqentry_regs_t *regs)
{
	irqentry_x86_user_idtentry(regs, bench_handler, NULL);
	return 0;
}

#endif
