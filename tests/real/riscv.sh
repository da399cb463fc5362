#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real mode, RISC-V: compile the backend non-hosted for rv64 with GCC and
# Clang (C99..C2x, and C++ where a compiler for it exists), then check the
# sstatus.SIE writes each compiled wrapper contains.
# Usage: riscv.sh <source-root> <build-dir>
set -euo pipefail
root=$1
out=$2
mkdir -p "$out"
src="$root/tests/real/riscv_wrappers.c"
inc=(-I"$root/include" -I"$root/tests/real")
warn=(-Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion)
real=(-ffreestanding -nostdlib -O2 -mcmodel=medany -DIRQENTRY_DEBUG=0)
fail() { echo "real riscv: FAILED: $*" >&2; exit 1; }

gcc=riscv64-linux-gnu-gcc
gxx=riscv64-linux-gnu-g++
objdump=riscv64-linux-gnu-objdump
command -v $gcc >/dev/null || fail "$gcc not installed (scripts/deps.sh test)"
command -v $objdump >/dev/null || fail "$objdump not installed"
command -v clang >/dev/null || fail "clang not installed"

# Clang spells the CSR extension out only from LLVM 15 on; before that it
# is part of the base ISA.
clang_rv=(--target=riscv64-unknown-elf -mabi=lp64)
if echo 'int x;' | clang "${clang_rv[@]}" -march=rv64imac_zicsr -x c -c - \
	-o /dev/null 2>/dev/null; then
	clang_rv+=(-march=rv64imac_zicsr)
else
	clang_rv+=(-march=rv64imac)
fi

# The language matrix, real mode, both compilers.
for std in c99 c11 c17 c2x; do
	$gcc -std=$std "${real[@]}" "${warn[@]}" "${inc[@]}" \
		-c "$src" -o "$out/gcc-$std.o" || fail "$gcc -std=$std"
	clang "${clang_rv[@]}" -std=$std "${real[@]}" "${warn[@]}" "${inc[@]}" \
		-c "$src" -o "$out/clang-$std.o" || fail "clang -std=$std"
done
# The debug checks compile in real mode too (csrr reads); not inspected.
$gcc -std=c11 "${real[@]}" -UIRQENTRY_DEBUG -DIRQENTRY_DEBUG=1 "${warn[@]}" \
	"${inc[@]}" -c "$src" -o "$out/gcc-debug.o" || fail "$gcc IRQENTRY_DEBUG=1"
cxx="clang C++11/17/20"
for std in c++11 c++17 c++20; do
	clang "${clang_rv[@]}" -x c++ -std=$std -fno-exceptions -fno-rtti \
		"${real[@]}" "${warn[@]}" "${inc[@]}" -c "$src" \
		-o "$out/clangxx-$std.o" || fail "clang -x c++ -std=$std"
done
command -v $gxx >/dev/null || fail "$gxx not installed (scripts/deps.sh test)"
for std in c++11 c++17 c++20; do
	$gxx -x c++ -std=$std -fno-exceptions -fno-rtti "${real[@]}" \
		"${warn[@]}" "${inc[@]}" -c "$src" \
		-o "$out/gxx-$std.o" || fail "$gxx -std=$std"
done
cxx="$cxx, g++ C++11/17/20"

# One function's disassembly: from its symbol to the next function symbol
# (GCC keeps its .L branch labels as symbols on RISC-V, for relaxation).
fn_disasm() { # object function
	$objdump -d --no-show-raw-insn "$1" |
		awk -v fn="<$2>:" '
			/^[0-9a-f]+ <[^>]*>:$/ {
				if ($2 !~ /^<\.L/) on = ($2 == fn)
				next
			}
			on'
}

# Its sstatus writes, one per line, in one spelling: "csrs sstatus,2" /
# "csrc sstatus,2" (GNU objdump prints the immediate forms csrsi/csrci
# under their csrs/csrc alias).
sie_ops() { # object function
	fn_disasm "$1" "$2" |
		grep -oE 'csr(s|c|w)i?[[:space:]]+sstatus,[^ ]+' |
		sed -E 's/^(csr[scw])i/\1/; s/[[:space:]]+/ /g' || true
}

checks=0
objs=("$out/gcc-c11.o" "$out/clang-c11.o")
expect() { # function "instruction" minimum-count
	local obj n
	for obj in "${objs[@]}"; do
		n=$(sie_ops "$obj" "$1" | grep -cxF -- "$2" || true)
		[ "$n" -ge "$3" ] ||
			fail "$1 in $(basename "$obj"): expected >= $3 x '$2', found $n:
$(sie_ops "$obj" "$1")"
		checks=$((checks + 1))
	done
}
expect_none() { # function
	local obj ops
	for obj in "${objs[@]}"; do
		[ -n "$(fn_disasm "$obj" "$1")" ] ||
			fail "$1 not found in $(basename "$obj")"
		ops=$(sie_ops "$obj" "$1")
		[ -z "$ops" ] ||
			fail "$1 in $(basename "$obj"): unexpected sstatus write: $ops"
		checks=$((checks + 1))
	done
}

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
# IRQ and NMI-class kernel trap: no sstatus write at all.
for fn in w_irq w_irq_enter w_irq_exit w_kernel_trap w_kernel_trap_enter \
	w_kernel_trap_exit; do
	expect_none $fn
done

echo "summary: real riscv: gcc+clang C99/C11/C17/C2x, $cxx compile ok, $checks disassembly checks ok"
