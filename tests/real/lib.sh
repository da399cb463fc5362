# SPDX-License-Identifier: MIT
# Shared by tests/real/<arch>.sh: compile one backend in real (non-hosted)
# mode across the language matrix with GCC and Clang, then check the mask
# instructions each compiled wrapper contains.
#
# The arch script sets, then sources this file:
#   name      arch name for messages      src   the wrappers' .c file
#   gcc gxx   GNU C/C++ for the target    objdump  its disassembler
#   clang_args (array) Clang's --target and -m flags
#   real      (array) real-mode flags besides -ffreestanding -nostdlib -O2
# and defines mask_ops(): one function's mask writes, one per line, in a
# single spelling, read from fn_disasm on stdin.
root=$1
out=$2
mkdir -p "$out"
inc=(-I"$root/include" -I"$root/tests/real")
warn=(-Wall -Wextra -Wpedantic -Werror -Wshadow -Wconversion -Wsign-conversion)
real=(-ffreestanding -nostdlib -O2 "${real[@]}")
checks=0
objs=("$out/gcc-c11.o" "$out/clang-c11.o")

fail() {
	echo "real $name: FAILED: $*" >&2
	exit 1
}

for tool in "$gcc" "$gxx" clang "$objdump"; do
	command -v "$tool" >/dev/null ||
		fail "$tool not installed (scripts/deps.sh test)"
done

# C99..C2x and C++11/17/20 with both compilers, warning-free, and the debug
# checks once (they read the live mask; compiled, not inspected).
compile_matrix() {
	local std
	for std in c99 c11 c17 c2x; do
		"$gcc" -std=$std "${real[@]}" -DIRQENTRY_DEBUG=0 "${warn[@]}" \
			"${inc[@]}" -c "$src" -o "$out/gcc-$std.o" ||
			fail "$gcc -std=$std"
		clang "${clang_args[@]}" -std=$std "${real[@]}" -DIRQENTRY_DEBUG=0 \
			"${warn[@]}" "${inc[@]}" -c "$src" -o "$out/clang-$std.o" ||
			fail "clang -std=$std"
	done
	for std in c++11 c++17 c++20; do
		"$gxx" -x c++ -std=$std -fno-exceptions -fno-rtti "${real[@]}" \
			-DIRQENTRY_DEBUG=0 "${warn[@]}" "${inc[@]}" -c "$src" \
			-o "$out/gxx-$std.o" || fail "$gxx -std=$std"
		clang "${clang_args[@]}" -x c++ -std=$std -fno-exceptions \
			-fno-rtti "${real[@]}" -DIRQENTRY_DEBUG=0 "${warn[@]}" \
			"${inc[@]}" -c "$src" -o "$out/clangxx-$std.o" ||
			fail "clang -x c++ -std=$std"
	done
	"$gcc" -std=c11 "${real[@]}" -DIRQENTRY_DEBUG=1 "${warn[@]}" \
		"${inc[@]}" -c "$src" -o "$out/gcc-debug.o" ||
		fail "$gcc IRQENTRY_DEBUG=1"
}

# One function's disassembly: from its symbol to the next function symbol
# (local .L labels, where an assembler keeps them, are not functions).
fn_disasm() { # object function
	"$objdump" -d --no-show-raw-insn "$1" |
		awk -v fn="<$2>:" '
			/^[0-9a-f]+ <[^>]*>:$/ {
				if ($2 !~ /^<\.L/) on = ($2 == fn)
				next
			}
			on'
}

ops_of() { # object function
	fn_disasm "$1" "$2" | mask_ops || true
}

# At least @3 writes spelled exactly @2 in function @1, both compilers.
expect() { # function instruction minimum-count
	local obj n
	for obj in "${objs[@]}"; do
		n=$(ops_of "$obj" "$1" | grep -cxF -- "$2" || true)
		[ "$n" -ge "$3" ] ||
			fail "$1 in $(basename "$obj"): expected >= $3 x '$2', found $n:
$(ops_of "$obj" "$1")"
		checks=$((checks + 1))
	done
}

# No mask write in function @1 (only those starting with @2, if given).
expect_none() { # function [prefix]
	local obj ops
	for obj in "${objs[@]}"; do
		[ -n "$(fn_disasm "$obj" "$1")" ] ||
			fail "$1 not found in $(basename "$obj")"
		ops=$(ops_of "$obj" "$1" | awk -v p="${2:-}" 'index($0, p) == 1')
		[ -z "$ops" ] ||
			fail "$1 in $(basename "$obj"): unexpected mask write: $ops"
		checks=$((checks + 1))
	done
}

# Function @1 contains an instruction matching the ERE @2 (a barrier the
# mask spelling does not cover), both compilers.
expect_insn() { # function extended-regex
	local obj
	for obj in "${objs[@]}"; do
		fn_disasm "$obj" "$1" | grep -qE -- "$2" ||
			fail "$1 in $(basename "$obj"): no instruction matching '$2':
$(fn_disasm "$obj" "$1")"
		checks=$((checks + 1))
	done
}

summary() {
	echo "summary: real $name: gcc+clang C99/C11/C17/C2x and C++11/17/20, IRQENTRY_DEBUG=0/1 compile ok, $checks disassembly checks ok"
}
