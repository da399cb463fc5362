#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The language matrix, hosted: every header, each backend forced, debug on
# and off, as C99/C11/C17/C2x and C++11/17/20 with GCC and Clang, warning-
# free under -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror, also
# -ffreestanding. (Real mode per backend: tests/real/<arch>.sh.)
# Usage: run.sh <source-root>
set -euo pipefail
root=$1
src="$root/tests/misuse/use.c"
os="-DIRQENTRY_OS_HEADER=\"$root/tests/misuse/good_os.h\""
warn=(-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Werror)
n=0
for arch in ARM64 RISCV X86; do
	for debug in 0 1; do
		defs=(-DIRQENTRY_HOSTED "-DIRQENTRY_ARCH_$arch=1" "-DIRQENTRY_DEBUG=$debug" "$os")
		for cc in gcc clang; do
			for std in c99 c11 c17 c2x; do
				$cc -std=$std -ffreestanding "${warn[@]}" "${defs[@]}" \
					-I"$root/include" -fsyntax-only "$src" ||
					{ echo "lang: FAILED: $cc -std=$std $arch debug=$debug" >&2; exit 1; }
				n=$((n + 1))
			done
		done
		for cxx in g++ clang++; do
			for std in c++11 c++17 c++20; do
				$cxx -x c++ -std=$std -fno-exceptions -fno-rtti "${warn[@]}" \
					"${defs[@]}" -I"$root/include" -fsyntax-only "$src" ||
					{ echo "lang: FAILED: $cxx -std=$std $arch debug=$debug" >&2; exit 1; }
				n=$((n + 1))
			done
		done
	done
done
echo "summary: lang: $n hosted compiles (3 backends x debug 0/1 x C99..C2x, C++11/17/20, GCC and Clang) warning-free"
