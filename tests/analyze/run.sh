#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Static analysis of the library's headers: clang-tidy (the checked-in
# .clang-tidy), cppcheck (tests/analyze/cppcheck.cfg's options) and GCC's
# -fanalyzer, each on translation units that instantiate every path: the
# model check (every wrapper, hosted, each backend) and the real-mode
# wrapper files (each arch's own target). Any finding in include/irqentry
# fails; findings in the test files themselves are not this test's subject
# (clang-tidy and cppcheck are told to report only the headers).
# Usage: run.sh <source-root>
set -uo pipefail
root=$1
cd "$root" || exit 1
fail=0
n=0

for tool in clang-tidy cppcheck gcc aarch64-linux-gnu-gcc riscv64-linux-gnu-gcc; do
	command -v "$tool" >/dev/null || {
		echo "analyze: $tool not installed (scripts/deps.sh test)" >&2
		exit 1
	}
done

hosted=()
for a in ARM64 RISCV X86; do
	for d in 0 1; do
		hosted+=("$a:$d")
	done
done
# name:target triple (clang):GCC:predefine (cppcheck)
reals=("arm64:aarch64-none-elf:aarch64-linux-gnu-gcc:__aarch64__"
	"riscv:riscv64-unknown-elf:riscv64-linux-gnu-gcc:__riscv"
	"x86:x86_64-unknown-elf:gcc:__x86_64__")

# Findings in the library's headers, from a tool's output on stdin.
header_findings() {
	grep -E '(^|/)include/irqentry/.*:(warning|error|style|performance|portability): ?' || true
}

report() { # tool, unit, output
	local found
	found=$(printf '%s\n' "$3" | header_findings)
	n=$((n + 1))
	if [ -n "$found" ]; then
		echo "analyze: $1 on $2: findings in the headers:"
		printf '%s\n' "$found" | sort -u
		fail=1
	fi
}

# shellcheck disable=SC2046
cppcheck_opts=($(grep -vE '^[[:space:]]*(#|$)' tests/analyze/cppcheck.cfg))

for h in "${hosted[@]}"; do
	a=${h%%:*}
	d=${h#*:}
	defs=(-DIRQENTRY_HOSTED -DIRQENTRY_ARCH_$a=1 -DIRQENTRY_DEBUG=$d)
	out=$(clang-tidy --quiet tests/model/model.c -- -std=c11 -Iinclude \
		-Itests/os "${defs[@]}" 2>&1)
	report clang-tidy "model.c ($a, debug $d)" "$out"
	out=$(cppcheck "${cppcheck_opts[@]}" -Iinclude -Itests/os "${defs[@]}" \
		-D__x86_64__=1 tests/model/model.c 2>&1)
	report cppcheck "model.c ($a, debug $d)" "$out"
	if [ "$d" = 1 ]; then
		if ! out=$(gcc -fanalyzer -O2 -std=c11 -Wall -Werror -Iinclude \
			-Itests/os "${defs[@]}" -c tests/model/model.c \
			-o /dev/null 2>&1); then
			echo "analyze: gcc -fanalyzer on model.c ($a):"
			echo "$out"
			fail=1
		fi
		n=$((n + 1))
	fi
done

for r in "${reals[@]}"; do
	IFS=: read -r name triple cc predef <<<"$r"
	src=tests/real/${name}_wrappers.c
	extra=()
	[ "$name" = arm64 ] && extra=(-mgeneral-regs-only)
	for d in 0 1; do
		out=$(clang-tidy --quiet "$src" -- --target="$triple" -std=c11 \
			-ffreestanding -Iinclude -Itests/real -DIRQENTRY_DEBUG=$d 2>&1)
		report clang-tidy "$src (debug $d)" "$out"
		out=$(cppcheck "${cppcheck_opts[@]}" -Iinclude -Itests/real \
			-D"$predef"=1 -D__riscv_xlen=64 -DIRQENTRY_DEBUG=$d \
			"$src" 2>&1)
		report cppcheck "$src (debug $d)" "$out"
		if ! out=$("$cc" -fanalyzer -O2 -ffreestanding -nostdlib -std=c11 \
			"${extra[@]}" -Wall -Werror -Iinclude -Itests/real \
			-DIRQENTRY_DEBUG=$d -c "$src" -o /dev/null 2>&1); then
			echo "analyze: $cc -fanalyzer on $src (debug $d):"
			echo "$out"
			fail=1
		fi
		n=$((n + 1))
	done
done

if [ $fail -ne 0 ]; then
	echo "analyze: FAILED"
	exit 1
fi
echo "summary: analyze: clang-tidy, cppcheck and gcc -fanalyzer: $n runs, 0 findings in include/irqentry"
