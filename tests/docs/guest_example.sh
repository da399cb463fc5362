#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The vCPU loop printed at the top of include/irqentry/guest.h, compiled as
# a reader would paste it (hosted, every backend, C11 -Werror): it may call
# only irqentry's names and the two the hypervisor supplies.
# Usage: guest_example.sh <source-root> <work-dir>
set -euo pipefail
root=$(cd "$1" && pwd)
work=$2
mkdir -p "$work"
src="$work/guest_example.c"
{
	echo '#include <irqentry/irqentry.h>'
	echo 'void enter_guest(irqentry_vcpu_t *vcpu);'
	echo 'void handle_exit(irqentry_vcpu_t *vcpu);'
	echo 'int vcpu_run(irqentry_vcpu_t *vcpu);'
	echo 'int vcpu_run(irqentry_vcpu_t *vcpu)'
	echo '{'
	awk '/^ \*\tfor \(;;\) \{/ { on = 1 } on { sub(/^ \*/, ""); print } on && /^\t\}$/ { exit }' \
		"$root/include/irqentry/guest.h"
	echo '}'
} >"$src"
[ "$(grep -c . "$src")" -ge 15 ] ||
	{ echo "docs.guest_example: FAILED: no vCPU loop found in guest.h" >&2; cat "$src" >&2; exit 1; }
n=0
for arch in ARM64 RISCV X86; do
	gcc -std=c11 -Wall -Wextra -Wpedantic -Werror -DIRQENTRY_HOSTED \
		-DIRQENTRY_ARCH_$arch=1 \
		"-DIRQENTRY_OS_HEADER=\"$root/tests/misuse/good_os.h\"" \
		-I"$root/include" -c "$src" -o "$work/guest_example_$arch.o" ||
		{ echo "docs.guest_example: FAILED: guest.h's example does not compile ($arch)" >&2; exit 1; }
	n=$((n + 1))
done
echo "summary: docs.guest_example: guest.h's vCPU loop ($(grep -c . "$src") lines) compiles on $n backends"
