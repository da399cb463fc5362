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

# required <hook> <arch>: the hook missing, and defined but not announced
# (the #define hook hook line forgotten), each stops the build with an
# error that names the hook and says how to announce it.
required() {
	local hook=$1 arch=$2
	expect_error "missing $hook" "missing required" \
		gcc -std=c11 -DIRQENTRY_HOSTED "-DIRQENTRY_ARCH_$arch=1" -DOMIT_$hook "$(os good_os.h)"
	grep -qF "$hook" "$tmp/out" ||
		{ echo "misuse: FAILED: the error for $hook does not name it" >&2; exit 1; }
	expect_error "$hook defined but not announced" "or you defined it but forgot \`#define $hook $hook\`" \
		gcc -std=c11 -DIRQENTRY_HOSTED "-DIRQENTRY_ARCH_$arch=1" -DUNANNOUNCED_$hook "$(os good_os.h)"
}
for hook in irqentry_regs_t irqentry_os_regs_status irqentry_os_work \
	irqentry_os_preempt_count irqentry_os_schedule \
	irqentry_os_preempt_schedule_irq irqentry_os_handle_signal \
	irqentry_os_syscall_get_nr irqentry_os_syscall_set_return; do
	required $hook X86
done
for hook in irqentry_os_regs_cs irqentry_os_regs_ss irqentry_os_regs_pc \
	irqentry_os_regs_cx irqentry_os_regs_r11; do
	required $hook X86
done
for hook in irqentry_os_regs_pc irqentry_os_regs_set_pc \
	irqentry_os_syscall_save_orig_a0; do
	required $hook RISCV
done
required irqentry_os_syscall_save_orig_x0 ARM64
gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_PREEMPTION=0 \
	-DOMIT_irqentry_os_preempt_schedule_irq "$(os good_os.h)" -fsyntax-only \
	-I"$root/include" "$here/use.c" ||
	{ echo "misuse: FAILED: IRQENTRY_PREEMPTION=0 still needs preempt_schedule_irq" >&2; exit 1; }
expect_error "two arches forced" "more than one of IRQENTRY_ARCH_ARM64" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 \
	-DIRQENTRY_ARCH_X86=1 "$(os good_os.h)"
for forced in IRQENTRY_ARCH_ARM64=0 IRQENTRY_ARCH_RISCV=2 IRQENTRY_ARCH_X86=yes \
	IRQENTRY_ARCH_X86=; do
	expect_error "forced with $forced" "is defined to something other than 1" \
		gcc -std=c11 -DIRQENTRY_HOSTED "-D$forced" "$(os good_os.h)"
	grep -qF "${forced%%=*}" "$tmp/out" ||
		{ echo "misuse: FAILED: the error for $forced does not name the macro" >&2; exit 1; }
done
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
# wrong_type <BAD_x_TYPE> <message>: a hook of the wrong type is refused by
# a static assertion, in C (C99 and C11) and in C++.
wrong_type() {
	local bad=$1 msg=$2 arch=${3:-X86}
	expect_error "$bad (C99)" "$msg" gcc -std=c99 -Wpedantic -DIRQENTRY_HOSTED \
		"-DIRQENTRY_ARCH_$arch=1" "-D$bad" "$(os good_os.h)"
	expect_error "$bad (C11)" "$msg" gcc -std=c11 -DIRQENTRY_HOSTED \
		"-DIRQENTRY_ARCH_$arch=1" "-D$bad" "$(os good_os.h)"
	expect_error "$bad (C++)" "$msg" clang++ -x c++ -std=c++11 -DIRQENTRY_HOSTED \
		"-DIRQENTRY_ARCH_$arch=1" "-D$bad" "$(os good_os.h)"
}
wrong_type BAD_WORK_TYPE "irqentry_os_work() must return unsigned long *"
wrong_type BAD_SYSCALL_WORK_TYPE "irqentry_os_syscall_work() must return unsigned long *"
wrong_type BAD_STATUS_TYPE "irqentry_os_regs_status(regs) must return unsigned long"
wrong_type BAD_CS_TYPE "irqentry_os_regs_cs(regs) must return unsigned long"
wrong_type BAD_NR_TYPE "irqentry_os_syscall_get_nr(regs) must return long"
wrong_type BAD_RETURN_TYPE "irqentry_os_syscall_set_return must be void (irqentry_regs_t *, long)"
wrong_type BAD_PC_TYPE "irqentry_os_regs_pc(regs) must return unsigned long (a 64-bit RIP)"
wrong_type BAD_PC_TYPE "irqentry_os_regs_set_pc must be void (irqentry_regs_t *, unsigned long)" RISCV
# OS state in irqentry_state_t: compiles warning-free in C and C++ (and
# optimised), refused when too big for two registers or without its type.
for debug in 0 1; do
	for cc in "gcc -std=c99" "clang -std=c11" "g++ -x c++ -std=c++11" "clang++ -x c++ -std=c++17"; do
		# shellcheck disable=SC2086
		$cc -O2 -Wall -Wextra -Wpedantic -Werror -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 \
			-DIRQENTRY_DEBUG=$debug -DOS_STATE "$(os good_os.h)" -I"$root/include" \
			-c "$here/use.c" -o "$tmp/use.o" ||
			{ echo "misuse: FAILED: OS state does not compile: $cc debug=$debug" >&2; exit 1; }
	done
done
# An SMP kernel (its own irqentry_os_cpu()) without irqentry_os_thread():
# refused in debug builds, where the nesting depth must be per thread.
expect_error "irqentry_os_cpu() without irqentry_os_thread(), debug" "irqentry_os_cpu() is defined (an SMP kernel) but irqentry_os_thread() is not" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_DEBUG=1 -DOS_CPU "$(os good_os.h)"
for what in "-DIRQENTRY_DEBUG=0 -DOS_CPU" "-DIRQENTRY_DEBUG=1 -DOS_CPU_AND_THREAD"; do
	# shellcheck disable=SC2086
	gcc -std=c11 -Wall -Wextra -Werror -DIRQENTRY_HOSTED $what "$(os good_os.h)" \
		-fsyntax-only -I"$root/include" "$here/use.c" ||
		{ echo "misuse: FAILED: an SMP OS header ($what) does not compile" >&2; exit 1; }
done
expect_error "OS state too big" "irqentry_state_t no longer fits in two registers" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_DEBUG=1 -DOS_STATE_BIG "$(os good_os.h)"
expect_error "OS state hooks without the type" "need IRQENTRY_OS_STATE_TYPE" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DOS_STATE_HOOK_ONLY "$(os good_os.h)"
expect_error "OS work bits without a handler" "irqentry_os_handle_work(regs, work) is missing" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DOS_WORK_BITS "$(os good_os.h)"
expect_error "OS work bits in the library's range" "uses bits below IRQENTRY_WORK_OS_SHIFT" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DOS_WORK_LOW_BITS "$(os good_os.h)"
expect_error "x86 without the user selectors SYSRET loads" "IRQENTRY_OS_X86_USER_CS and IRQENTRY_OS_X86_USER_SS" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_X86=1 -DOMIT_SELECTORS "$(os good_os.h)"
gcc -std=c11 -Wall -Wextra -Werror -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_X86=1 \
	-DOMIT_SELECTORS -DOMIT_irqentry_os_regs_ss -DOWN_SELECTOR_CHECK "$(os good_os.h)" \
	-fsyntax-only -I"$root/include" "$here/use.c" ||
	{ echo "misuse: FAILED: an OS's own SYSRET selector check still needs IRQENTRY_OS_X86_USER_CS/_SS" >&2; exit 1; }
# arm64: the combined enter/exit would preempt with D and A masked; the
# error is at the call and names the wrappers, in C and C++, GCC and Clang.
for cc in gcc clang "g++ -x c++" "clang++ -x c++"; do
	# shellcheck disable=SC2086
	expect_error "arm64 combined irqentry_enter/exit ($cc)" \
		"irqentry_enter()/irqentry_exit() on arm64 would preempt with D and A masked: call the arm64 wrappers (irqentry_arm64_el1_irq, irqentry_arm64_el1_sync, irqentry_arm64_el0_sync, ...)" \
		$cc -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 -DUSE_COMBINED "$(os good_os.h)"
	grep -qF "use.c:22" "$tmp/out" ||
		{ echo "misuse: FAILED: the arm64 combined-path error is not at the call (use.c:22)" >&2; cat "$tmp/out" >&2; exit 1; }
done
gcc -std=c11 -Wall -Wextra -Wpedantic -Werror -DIRQENTRY_HOSTED -DIRQENTRY_ARCH_ARM64=1 \
	-DUSE_COMBINED -DIRQENTRY_ARM64_ALLOW_COMBINED=1 "$(os good_os.h)" \
	-fsyntax-only -I"$root/include" "$here/use.c" ||
	{ echo "misuse: FAILED: IRQENTRY_ARM64_ALLOW_COMBINED=1 does not allow the combined path" >&2; exit 1; }
expect_error "a backend header included directly" "not <irqentry/arch/arm64.h>" \
	gcc -std=c11 -DINCLUDE_BACKEND_DIRECTLY "$(os good_os.h)"
expect_error "the testing kit without the simulated CPU" "IRQENTRY_TESTING needs IRQENTRY_HOSTED" \
	gcc -std=c11 -DIRQENTRY_TESTING "$(os good_os.h)"
expect_error "testing.h after irqentry.h, not in testing mode" "without IRQENTRY_TESTING" \
	gcc -std=c11 -DIRQENTRY_HOSTED -DINCLUDE_TESTING_AFTER "$(os good_os.h)"

# No OS header at all, and an IRQENTRY_OS_HEADER that names a missing file:
# the library's own message saying what the file is and where to start,
# not the compiler's bare "No such file" (C and C++, GCC and Clang).
for cc in gcc clang "g++ -x c++ -std=c++11" "clang++ -x c++ -std=c++17"; do
	# shellcheck disable=SC2086
	expect_error "no irqentry_os.h ($cc)" "<irqentry_os.h> not found: it is your kernel's hook header" \
		$cc -DIRQENTRY_HOSTED
	for what in "IRQENTRY_OS_HEADER" "templates/" "docs/porting.md"; do
		grep -qF "$what" "$tmp/out" ||
			{ echo "misuse: FAILED: the missing-OS-header error does not mention $what" >&2; cat "$tmp/out" >&2; exit 1; }
	done
	# ... and only that message from the library, not one per hook after it.
	[ "$(grep -c "include/irqentry/.*error:" "$tmp/out")" -eq 1 ] ||
		{ echo "misuse: FAILED: more errors than the missing-OS-header one ($cc):" >&2; cat "$tmp/out" >&2; exit 1; }
	# shellcheck disable=SC2086
	expect_error "IRQENTRY_OS_HEADER names a missing file ($cc)" "the OS header named by IRQENTRY_OS_HEADER is not on the include path" \
		$cc -DIRQENTRY_HOSTED "$(os no_such_os.h)"
done

# A program whose objects disagree on IRQENTRY_TESTING (the kit's recorders
# and the plain hooks would both run, on one simulated CPU) must not link:
# the link error names the mode of the object that was dropped. Each link
# order, GNU ld, gold and lld; the same mode on both sides links and runs.
mode_obj() { # mode_obj <out> <source> <extra defs...>
	local out=$1 src=$2
	shift 2
	gcc -std=c11 -c -DIRQENTRY_HOSTED -DIRQENTRY_DEBUG=1 "$@" "$(os good_os.h)" \
		-I"$root/include" "$src" -o "$out"
}
mode_obj "$tmp/main_t.o" "$here/link_main.c" -DIRQENTRY_TESTING
mode_obj "$tmp/main_p.o" "$here/link_main.c"
mode_obj "$tmp/use_t.o" "$here/use.c" -DIRQENTRY_TESTING
mode_obj "$tmp/use_p.o" "$here/use.c"
links=0
for ld in bfd gold lld; do
	for pair in "main_t use_p" "use_p main_t" "main_p use_t" "use_t main_p"; do
		set -- $pair
		if gcc -fuse-ld=$ld "$tmp/$1.o" "$tmp/$2.o" -o "$tmp/mixed" >"$tmp/out" 2>&1; then
			echo "misuse: FAILED: $1.o and $2.o (IRQENTRY_TESTING in one only) linked with ld.$ld" >&2
			exit 1
		fi
		grep -qF "irqentry_mode_mismatch_" "$tmp/out" && grep -qF "IRQENTRY_TESTING" "$tmp/out" ||
			{ echo "misuse: FAILED: mixed link ($1.o $2.o, ld.$ld) without the mode mismatch symbol:" >&2; cat "$tmp/out" >&2; exit 1; }
		links=$((links + 1))
	done
	for pair in "main_t use_t" "main_p use_p"; do
		set -- $pair
		gcc -fuse-ld=$ld "$tmp/$1.o" "$tmp/$2.o" -o "$tmp/same" ||
			{ echo "misuse: FAILED: $1.o and $2.o (same mode) do not link with ld.$ld" >&2; exit 1; }
		"$tmp/same" || { echo "misuse: FAILED: $1.o + $2.o does not run" >&2; exit 1; }
	done
done
n=$((n + links))

echo "summary: misuse: $n bad configurations each stopped by the expected #error, static assertion or link error"
