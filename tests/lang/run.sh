#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The language matrix, hosted: each public entry header (<irqentry/irqentry.h>
# and <irqentry/testing.h>, which pull in every other header; <irqentry/work.h>
# before irqentry.h, and alone, with no OS header or backend), each backend
# forced, debug on and off, as C99/C11/C17/C2x and C++11/17/20 with GCC and
# Clang, -ffreestanding, warning-free under -Wall -Wextra -Wpedantic
# -Wconversion -Wsign-conversion -Wshadow -Werror. The full matrix is
# checked with -fsyntax-only; C11 and C++17 are also compiled at -O2, where
# the optimisers' own warnings (uninitialised use, bounds) appear.
# Real mode per backend: tests/real/<arch>.sh.
# Usage: run.sh <source-root>
set -euo pipefail
root=$1
os="-DIRQENTRY_OS_HEADER=\"$root/tests/misuse/good_os.h\""
warn=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
n=0
optimised=0

# check <what> <source> <extra defs...>: the whole matrix for one entry header.
check() {
	local what=$1 src=$2 arch debug cc cxx std
	shift 2
	for arch in ARM64 RISCV X86; do
		for debug in 0 1; do
			defs=(-DIRQENTRY_HOSTED "-DIRQENTRY_ARCH_$arch=1"
				"-DIRQENTRY_DEBUG=$debug" "$os" "$@")
			for cc in gcc clang; do
				for std in c99 c11 c17 c2x; do
					$cc -std=$std -ffreestanding "${warn[@]}" "${defs[@]}" \
						-I"$root/include" -fsyntax-only "$src" ||
						{ echo "lang: FAILED: $what: $cc -std=$std $arch debug=$debug" >&2; exit 1; }
					n=$((n + 1))
				done
				$cc -std=c11 -O2 -ffreestanding "${warn[@]}" "${defs[@]}" \
					-I"$root/include" -c "$src" -o /dev/null ||
					{ echo "lang: FAILED: $what: $cc -std=c11 -O2 $arch debug=$debug" >&2; exit 1; }
				optimised=$((optimised + 1))
			done
			for cxx in g++ clang++; do
				for std in c++11 c++17 c++20; do
					$cxx -x c++ -std=$std -fno-exceptions -fno-rtti "${warn[@]}" \
						"${defs[@]}" -I"$root/include" -fsyntax-only "$src" ||
						{ echo "lang: FAILED: $what: $cxx -std=$std $arch debug=$debug" >&2; exit 1; }
					n=$((n + 1))
				done
				$cxx -x c++ -std=c++17 -O2 -fno-exceptions -fno-rtti "${warn[@]}" \
					"${defs[@]}" -I"$root/include" -c "$src" -o /dev/null ||
					{ echo "lang: FAILED: $what: $cxx -std=c++17 -O2 $arch debug=$debug" >&2; exit 1; }
				optimised=$((optimised + 1))
			done
		done
	done
}

# check_alone <what> <source> <defs...>: a header meant to stand alone (no
# OS header, no backend, no IRQENTRY_HOSTED), every language, both compilers.
check_alone() {
	local what=$1 src=$2 cc cxx std
	shift 2
	for cc in gcc clang; do
		for std in c99 c11 c17 c2x; do
			$cc -std=$std -ffreestanding -nostdlib "${warn[@]}" "$@" -I"$root/include" \
				-fsyntax-only "$src" ||
				{ echo "lang: FAILED: $what: $cc -std=$std" >&2; exit 1; }
			n=$((n + 1))
		done
		$cc -std=c11 -O2 -ffreestanding "${warn[@]}" "$@" -I"$root/include" \
			-c "$src" -o /dev/null ||
			{ echo "lang: FAILED: $what: $cc -std=c11 -O2" >&2; exit 1; }
		optimised=$((optimised + 1))
	done
	for cxx in g++ clang++; do
		for std in c++11 c++17 c++20; do
			$cxx -x c++ -std=$std -ffreestanding -fno-exceptions -fno-rtti "${warn[@]}" \
				"$@" -I"$root/include" -fsyntax-only "$src" ||
				{ echo "lang: FAILED: $what: $cxx -std=$std" >&2; exit 1; }
			n=$((n + 1))
		done
	done
}

check irqentry.h "$root/tests/misuse/use.c"
check testing.h "$root/tests/lang/use_testing.c" -DIRQENTRY_TESTING
check "work.h, then irqentry.h" "$root/tests/lang/use_work.c" -DTHEN_IRQENTRY
check_alone "work.h alone" "$root/tests/lang/use_work.c"
echo "summary: lang: $n hosted compiles (irqentry.h, testing.h and work.h+irqentry.h x 3 backends x debug 0/1 x C99..C2x, C++11/17/20, GCC and Clang; work.h alone x the languages) and $optimised at -O2, warning-free"
