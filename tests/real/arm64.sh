#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real mode, arm64: compile the backend for aarch64 and check the DAIF
# instructions each wrapper contains. Usage: arm64.sh <source-root> <build-dir>
set -euo pipefail
name=arm64
src="$1/tests/real/arm64_wrappers.c"
gcc=aarch64-linux-gnu-gcc
gxx=aarch64-linux-gnu-g++
objdump=aarch64-linux-gnu-objdump
clang_args=(--target=aarch64-none-elf)
real=(-mgeneral-regs-only)
# shellcheck source=lib.sh
. "$1/tests/real/lib.sh"

# DAIF writes, e.g. "msr daifset, #0xf"; a register write is "msr daif, reg".
mask_ops() {
	grep -oE 'msr[[:space:]]+daif(set|clr)?, [^ ]+' |
		sed -E 's/[[:space:]]+/ /g; s/^msr daif, [xw][0-9]+$/msr daif, reg/'
}

compile_matrix

# el1_irq: open D/A for the handler, mask all for the return; no register
# write of DAIF.
expect w_el1_irq "msr daifclr, #0xc" 1
expect w_el1_irq "msr daifset, #0xf" 1
expect_none w_el1_irq "msr daif, reg"
# el1_sync: inherit (register write), mask all, and on the preempt path
# open D/A then mask again.
expect w_el1_sync "msr daif, reg" 1
expect w_el1_sync "msr daifset, #0xf" 2
expect w_el1_sync "msr daifclr, #0xc" 1
# NMI class: only D opened, all masked after.
expect w_el1_nmi "msr daifclr, #0x8" 1
expect w_el1_nmi "msr daifset, #0xf" 1
expect_none w_el1_nmi "msr daifclr, #0xc"
# EL0: handler state, then mask all (twice when the loop ran).
expect w_el0_sync "msr daifclr, #0xf" 1
expect w_el0_sync "msr daifset, #0xf" 2
expect w_el0_irq "msr daifclr, #0xc" 1
expect w_el0_irq "msr daifset, #0xf" 2
expect w_el0_svc "msr daifclr, #0xf" 1
expect w_el0_svc "msr daifset, #0xf" 2
expect w_el0_serror "msr daifclr, #0x8" 1
expect w_el0_serror "msr daifset, #0xf" 2
# Debug exceptions: nothing opened; EL0 masks again only after the loop.
expect_none w_el1_dbg
expect_none w_el0_dbg "msr daifclr"
expect w_el0_dbg "msr daifset, #0xf" 1

# The remote setter's barrier before the IPI: DSB ISHST (a GICv3 SGI is a
# system-register write a DMB does not order), after the atomic OR.
expect_insn w_work_set_remote "dsb[[:space:]]+ishst"

summary
