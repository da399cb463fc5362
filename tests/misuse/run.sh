#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Compile-time misuse: each bad configuration must stop the build with the
# library's own #error, naming what is wrong. Usage: run.sh <source-root>
set -euo pipefail
root=$1
here="$root/tests/misuse"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0

# expect_error "what" "expected message" compiler-args...
expect_error() {
	local what=$1 msg=$2
	shift 2
	if "$@" -fsyntax-only -I"$root/include" "$here/use.c" >"$tmp/out" 2>&1; then
		echo "misuse: FAILED: '$what' compiled; expected: $msg" >&2
		exit 1
	fi
	if ! grep -qF -- "$msg" "$tmp/out"; then
		echo "misuse: FAILED: '$what' failed without the expected message: $msg" >&2
		cat "$tmp/out" >&2
		exit 1
	fi
	n=$((n + 1))
}

os() { echo "-DIRQENTRY_OS_HEADER=\"$here/$1\""; }

# The good configuration compiles (so the failures below are the misuse).
gcc -std=c11 -Wall -Wextra -Werror -DIRQENTRY_HOSTED "$(os good_os.h)" \
	-fsyntax-only -I"$root/include" "$here/use.c" ||
	{ echo "misuse: FAILED: the good configuration does not compile" >&2; exit 1; }

for hook in irqentry_regs_t irqentry_os_regs_status irqentry_os_work \
	irqentry_os_preempt_count irqentry_os_schedule \
	irqentry_os_preempt_schedule_irq irqentry_os_handle_signal \
	irqentry_os_syscall_get_nr irqentry_os_syscall_set_return; do
	expect_error "missing $hook" "missing required" \
		gcc -std=c11 -DIRQENTRY_HOSTED -DOMIT_$hook "$(os good_os.h)"
	grep -qF "$hook" "$tmp/out" ||
		{ echo "misuse: FAILED: the error for $hook does not name it" >&2; exit 1; }
done
gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_PREEMPTION=0 \
	-DOMIT_irqentry_os_preempt_schedule_irq "$(os good_os.h)" -fsyntax-only \
	-I"$root/include" "$here/use.c" ||
	{ echo "misuse: FAILED: IRQENTRY_PREEMPTION=0 still needs preempt_schedule_irq" >&2; exit 1; }
expect_error "two arches forced" "more than one of IRQENTRY_ARCH_ARM64" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 \
	-DIRQENTRY_ARCH_X86=1 "$(os good_os.h)"
expect_error "unknown architecture" "unknown architecture" \
	clang --target=powerpc64le-unknown-linux-gnu -ffreestanding -std=c11 \
	"$(os good_os.h)"
expect_error "32-bit target" "needs a 64-bit (LP64) target" \
	clang --target=i686-unknown-linux-gnu -ffreestanding -std=c11 \
	-DIRQENTRY_HOSTED -DIRQENTRY_ARCH_X86=1 "$(os good_os.h)"
expect_error "rv32" "unknown architecture" \
	clang --target=riscv32-unknown-elf -ffreestanding -std=c11 \
	"$(os good_os.h)"
expect_error "real mode for a foreign arch" "needs an aarch64 compiler target" \
	gcc -std=c11 -DIRQENTRY_ARCH_ARM64=1 "$(os good_os.h)"
expect_error "OS work bits without a handler" "irqentry_os_handle_work(regs, work) is missing" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DOS_WORK_BITS "$(os good_os.h)"
expect_error "OS work bits in the library's range" "uses bits below IRQENTRY_WORK_OS_SHIFT" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DOS_WORK_LOW_BITS "$(os good_os.h)"
expect_error "x86 without irqentry_os_regs_cs" "irqentry_os_regs_cs" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_X86=1 -DOMIT_CS "$(os good_os.h)"
expect_error "arm64 without irqentry_os_syscall_save_orig_x0" "irqentry_os_syscall_save_orig_x0" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 -DOMIT_ORIG_X0 "$(os good_os.h)"
expect_error "a backend header included directly" "not <irqentry/arch/arm64.h>" \
	gcc -std=c11 -DINCLUDE_BACKEND_DIRECTLY "$(os good_os.h)"
expect_error "the testing kit without the simulated CPU" "IRQENTRY_TESTING needs IRQENTRY_HOSTED" \
	gcc -std=c11 -DIRQENTRY_TESTING "$(os good_os.h)"
expect_error "testing.h after irqentry.h, not in testing mode" "without IRQENTRY_TESTING" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DINCLUDE_TESTING_AFTER "$(os good_os.h)"

echo "summary: misuse: $n bad configurations each stopped by the expected #error"
