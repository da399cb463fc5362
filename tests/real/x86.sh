#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Real mode, x86-64: compile the backend non-hosted with GCC and Clang
# (C99..C2x, C++11/17/20) as kernel code is built, then check the IF writes
# (sti/cli) each compiled wrapper contains.
# Usage: x86.sh <source-root> <build-dir>
set -euo pipefail
root=$1
out=$2
mkdir -p "$out"
src="$root/tests/real/x86_wrappers.c"
inc=(-I"$root/include" -I"$root/tests/real")
warn=(-Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion)
# Kernel code: no red zone (an interrupt would clobber it), no SSE/x87.
real=(-ffreestanding -nostdlib -O2 -mno-red-zone -mgeneral-regs-only
	-DIRQENTRY_DEBUG=0)
clang_x86=(--target=x86_64-unknown-none-elf)
fail() { echo "real x86: FAILED: $*" >&2; exit 1; }

for tool in gcc g++ clang objdump; do
	command -v $tool >/dev/null || fail "$tool not installed (scripts/deps.sh test)"
done
[ "$(gcc -dumpmachine)" = x86_64-linux-gnu ] ||
	fail "host gcc targets $(gcc -dumpmachine), not x86_64"

# The language matrix, real mode, both compilers.
for std in c99 c11 c17 c2x; do
	gcc -std=$std "${real[@]}" "${warn[@]}" "${inc[@]}" \
		-c "$src" -o "$out/gcc-$std.o" || fail "gcc -std=$std"
	clang "${clang_x86[@]}" -std=$std "${real[@]}" "${warn[@]}" "${inc[@]}" \
		-c "$src" -o "$out/clang-$std.o" || fail "clang -std=$std"
done
for std in c++11 c++17 c++20; do
	g++ -x c++ -std=$std -fno-exceptions -fno-rtti "${real[@]}" "${warn[@]}" \
		"${inc[@]}" -c "$src" -o "$out/gxx-$std.o" || fail "g++ -std=$std"
	clang "${clang_x86[@]}" -x c++ -std=$std -fno-exceptions -fno-rtti \
		"${real[@]}" "${warn[@]}" "${inc[@]}" -c "$src" \
		-o "$out/clangxx-$std.o" || fail "clang -x c++ -std=$std"
done
# The debug checks compile in real mode too (pushfq reads); not inspected.
gcc -std=c11 "${real[@]}" -UIRQENTRY_DEBUG -DIRQENTRY_DEBUG=1 "${warn[@]}" \
	"${inc[@]}" -c "$src" -o "$out/gcc-debug.o" || fail "gcc IRQENTRY_DEBUG=1"

# One function's disassembly: from its symbol to the next function symbol
# (local .L labels, where an assembler keeps them, are not functions).
fn_disasm() { # object function
	objdump -d --no-show-raw-insn "$1" |
		awk -v fn="<$2>:" '
			/^[0-9a-f]+ <[^>]*>:$/ {
				if ($2 !~ /^<\.L/) on = ($2 == fn)
				next
			}
			on'
}

# Its IF writes, one per line: sti, cli, popf.
if_ops() { # object function
	fn_disasm "$1" "$2" | awk '{ print $2 }' | grep -xE 'sti|cli|popfq?' || true
}

checks=0
objs=("$out/gcc-c11.o" "$out/clang-c11.o")
expect() { # function instruction minimum-count
	local obj n
	for obj in "${objs[@]}"; do
		n=$(if_ops "$obj" "$1" | grep -cxF -- "$2" || true)
		[ "$n" -ge "$3" ] ||
			fail "$1 in $(basename "$obj"): expected >= $3 x '$2', found $n:
$(if_ops "$obj" "$1")"
		checks=$((checks + 1))
	done
}
expect_none() { # function
	local obj ops
	for obj in "${objs[@]}"; do
		[ -n "$(fn_disasm "$obj" "$1")" ] ||
			fail "$1 not found in $(basename "$obj")"
		ops=$(if_ops "$obj" "$1")
		[ -z "$ops" ] ||
			fail "$1 in $(basename "$obj"): unexpected IF write: $ops"
		checks=$((checks + 1))
	done
}

# Syscall: sti for the syscall, cli for the exit (the work loop's own pair
# is out of line).
expect w_syscall_64 sti 1
expect w_syscall_64 cli 1
expect w_syscall_64_enter sti 1
expect w_syscall_64_exit cli 1
# Exceptions, and #DB/#BP/#MC from user mode: IF inherited for the
# handler, cleared after.
for fn in w_idtentry w_idtentry_raw; do
	expect $fn sti 1
	expect $fn cli 1
	expect ${fn}_enter sti 1
	expect ${fn}_exit cli 1
done
# Interrupts, NMIs, the SYSRET check: no IF write at all.
for fn in w_idtentry_irq w_idtentry_irq_enter w_idtentry_irq_exit w_nmi \
	w_nmi_enter w_nmi_exit w_sysret_allowed; do
	expect_none $fn
done

echo "summary: real x86: gcc+clang C99/C11/C17/C2x and g++/clang C++11/17/20 compile ok, $checks disassembly checks ok"
