#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real mode, arm64: compile the backend non-hosted for aarch64 with GCC and
# Clang, then check the DAIF instructions each wrapper contains.
# Usage: arm64.sh <source-root> <build-dir>
set -euo pipefail
root=$1
out=$2
mkdir -p "$out"
src="$root/tests/real/arm64_wrappers.c"
inc=(-I"$root/include" -I"$root/tests/real")
warn=(-Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion)
real=(-ffreestanding -nostdlib -mgeneral-regs-only -O2)
fail() { echo "real arm64: FAILED: $*" >&2; exit 1; }

# The language matrix, real mode, both compilers.
for std in c99 c11 c17 c2x; do
	aarch64-linux-gnu-gcc -std=$std "${real[@]}" "${warn[@]}" "${inc[@]}" \
		-c "$src" -o "$out/gcc-$std.o" || fail "aarch64-linux-gnu-gcc -std=$std"
	clang --target=aarch64-none-elf -std=$std "${real[@]}" "${warn[@]}" \
		"${inc[@]}" -c "$src" -o "$out/clang-$std.o" || fail "clang -std=$std"
done
for std in c++11 c++17 c++20; do
	clang --target=aarch64-none-elf -x c++ -std=$std -fno-exceptions -fno-rtti \
		"${real[@]}" "${warn[@]}" "${inc[@]}" -c "$src" \
		-o "$out/clangxx-$std.o" || fail "clang -x c++ -std=$std"
	aarch64-linux-gnu-g++ -x c++ -std=$std -fno-exceptions -fno-rtti \
		"${real[@]}" "${warn[@]}" "${inc[@]}" -c "$src" \
		-o "$out/gxx-$std.o" || fail "aarch64-linux-gnu-g++ -std=$std"
done
# The debug checks compile in real mode too (mrs daif reads); not inspected.
aarch64-linux-gnu-gcc -std=c11 "${real[@]}" -DIRQENTRY_DEBUG=1 "${warn[@]}" \
	"${inc[@]}" -c "$src" -o "$out/gcc-debug.o" || fail "IRQENTRY_DEBUG=1"

# One function's disassembly, DAIF instructions only, one per line.
daif_ops() { # object function
	aarch64-linux-gnu-objdump -d --no-show-raw-insn "$1" |
		awk -v fn="<$2>:" '$2 == fn { on = 1; next } /^$/ { on = 0 } on' |
		grep -oE 'msr[[:space:]]+daif(set|clr)?, [^ ]+' |
		sed -E 's/[[:space:]]+/ /g' || true
}

checks=0
expect() { # function "instruction" minimum-count
	local obj n
	for obj in "$out/gcc-c11.o" "$out/clang-c11.o"; do
		n=$(daif_ops "$obj" "$1" | grep -cF -- "$2" || true)
		[ "$n" -ge "$3" ] ||
			fail "$1 in $(basename "$obj"): expected >= $3 x '$2', found $n:
$(daif_ops "$obj" "$1")"
		checks=$((checks + 1))
	done
}
expect_none() { # function "instruction"
	local obj n
	for obj in "$out/gcc-c11.o" "$out/clang-c11.o"; do
		n=$(daif_ops "$obj" "$1" | grep -cF -- "$2" || true)
		[ "$n" -eq 0 ] || fail "$1 in $(basename "$obj"): unexpected '$2'"
		checks=$((checks + 1))
	done
}

# el1_irq: open D/A for the handler, mask all for the return; no register
# write of DAIF, no IRQ-only masking.
expect w_el1_irq "msr daifclr, #0xc" 1
expect w_el1_irq "msr daifset, #0xf" 1
expect_none w_el1_irq "msr daif, x"
# el1_sync: inherit (register write), mask all, and on the preempt path
# open D/A then mask again.
expect w_el1_sync "msr daif, x" 1
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
expect_none w_el1_dbg "msr daif"
expect_none w_el0_dbg "msr daifclr"
expect w_el0_dbg "msr daifset, #0xf" 1

echo "summary: real arm64: gcc+clang C99/C11/C17/C2x and clang C++11/17/20 compile ok (also g++ C++11/17/20, IRQENTRY_DEBUG=1), $checks disassembly checks ok"
