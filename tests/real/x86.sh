#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real mode, x86-64: compile the backend as kernel code is built and check
# the IF writes (sti/cli) each wrapper contains.
# Usage: x86.sh <source-root> <build-dir>
set -euo pipefail
name=x86
src="$1/tests/real/x86_wrappers.c"
gcc=gcc
gxx=g++
objdump=objdump
clang_args=(--target=x86_64-unknown-none-elf)
# Kernel code: no red zone (an interrupt would clobber it), no SSE/x87.
real=(-mno-red-zone -mgeneral-regs-only)
# shellcheck source=lib.sh
. "$1/tests/real/lib.sh"

[ "$(gcc -dumpmachine)" = x86_64-linux-gnu ] ||
	fail "host gcc targets $(gcc -dumpmachine), not x86_64"

# IF writes, one per line: sti, cli, popf.
mask_ops() {
	awk '{ print $2 }' | grep -xE 'sti|cli|popfq?'
}

compile_matrix

# Syscall: sti for the syscall, cli for the exit (the work loop's own pair
# is out of line).
expect w_syscall_64 sti 1
expect w_syscall_64 cli 1
expect w_syscall_64_enter sti 1
expect w_syscall_64_exit cli 1
# Exceptions, and #DB/#BP/#MC from user mode: IF inherited for the
# handler, cleared after.
for fn in w_idtentry w_idtentry_raw w_user_idtentry w_kernel_idtentry; do
	expect $fn sti 1
	expect $fn cli 1
	expect ${fn}_enter sti 1
	expect ${fn}_exit cli 1
done
# Interrupts, NMIs, the SYSRET check: no IF write at all.
for fn in w_idtentry_irq w_idtentry_irq_enter w_idtentry_irq_exit w_nmi \
	w_nmi_enter w_nmi_exit w_sysret_allowed w_user_idtentry_irq \
	w_kernel_idtentry_irq w_kernel_idtentry_raw; do
	expect_none $fn
done

# The remote setter's barrier before the IPI: MFENCE then LFENCE (an
# x2APIC ICR WRMSR is not ordered by the locked OR or MFENCE alone).
expect_insn w_work_set_remote "mfence"
expect_insn w_work_set_remote "lfence"

summary
