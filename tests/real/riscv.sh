#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real mode, RISC-V: compile the backend for rv64 and check the sstatus.SIE
# writes each wrapper contains. Usage: riscv.sh <source-root> <build-dir>
set -euo pipefail
name=riscv
src="$1/tests/real/riscv_wrappers.c"
gcc=riscv64-linux-gnu-gcc
gxx=riscv64-linux-gnu-g++
objdump=riscv64-linux-gnu-objdump
clang_args=(--target=riscv64-unknown-elf -mabi=lp64)
real=(-mcmodel=medany)
# shellcheck source=lib.sh
. "$1/tests/real/lib.sh"

# Clang spells the CSR extension out only from LLVM 15 on; before that it
# is part of the base ISA.
if echo 'int x;' | clang "${clang_args[@]}" -march=rv64imac_zicsr -x c -c - \
	-o /dev/null 2>/dev/null; then
	clang_args+=(-march=rv64imac_zicsr)
else
	clang_args+=(-march=rv64imac)
fi

# sstatus writes in one spelling: "csrs sstatus,2" / "csrc sstatus,2" (GNU
# objdump prints the immediate forms under their csrs/csrc alias).
mask_ops() {
	grep -oE 'csr(s|c|w)i?[[:space:]]+sstatus,[^ ]+' |
		sed -E 's/^(csr[scw])i/\1/; s/[[:space:]]+/ /g'
}

compile_matrix

# Syscall: SIE set for the syscall, cleared for the exit (the work loop's
# own pair is out of line).
expect w_ecall_u "csrs sstatus,2" 1
expect w_ecall_u "csrc sstatus,2" 1
expect w_ecall_u_enter "csrs sstatus,2" 1
expect w_ecall_u_exit "csrc sstatus,2" 1
# Exception: SIE inherited from SPIE for the handler, cleared after.
expect w_exception "csrs sstatus,2" 1
expect w_exception "csrc sstatus,2" 1
expect w_exception_enter "csrs sstatus,2" 1
expect w_exception_exit "csrc sstatus,2" 1
# The mode-known exception variants: the same pair.
for fn in w_user_exception w_kernel_exception; do
	expect $fn "csrs sstatus,2" 1
	expect $fn "csrc sstatus,2" 1
	expect ${fn}_enter "csrs sstatus,2" 1
	expect ${fn}_exit "csrc sstatus,2" 1
done
# IRQ and NMI-class kernel trap: no sstatus write at all.
for fn in w_irq w_irq_enter w_irq_exit w_kernel_trap w_kernel_trap_enter \
	w_kernel_trap_exit w_user_irq w_kernel_irq; do
	expect_none $fn
done

# The remote setter's barrier before the IPI: FENCE OW,OW (the SBI ecall
# is no fence; an IMSIC write is a device write).
expect_insn w_work_set_remote "fence[[:space:]]+ow,[[:space:]]*ow"

summary
