#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The template OS headers (templates/<arch>/irqentry_os.h) compile as they
# are: in real mode for their own target with the flags the README gives
# (GCC and Clang, C11 and C++17, debug off and on, -Wall -Wextra -Wpedantic
# -Werror), and hosted, where a one-file kernel around each runs an
# interrupt from user mode with work pending. Each lists every optional
# hook of the contract (a hook added to the library without a line in the
# templates fails here), and each refuses the wrong backend.
# Usage: run.sh <source root>
set -euo pipefail
root=$1
here=$root/tests/templates
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail() { echo "templates: FAILED: $*" >&2; exit 1; }
warn="-Wall -Wextra -Wpedantic -Werror"

# Every optional hook and knob the library has (defaults under #ifndef in
# hooks.h and the backends), by name.
optional() {
	grep -hoE '^#(ifndef|if !defined\(|elif !defined\() *(irqentry_os_[a-z0-9_]+|IRQENTRY_OS_[A-Z0-9_]+|irqentry_vcpu_t)' \
		"$root/include/irqentry/hooks.h" "$root/include/irqentry/arch/$1.h" |
		grep -oE '(irqentry_os_[a-z0-9_]+|IRQENTRY_OS_[A-Z0-9_]+|irqentry_vcpu_t)' | sort -u
}

for arch in arm64 riscv64 x86_64; do
	case $arch in
	arm64) id=ARM64 hdr=arm64 cc=aarch64-linux-gnu-gcc target=aarch64-linux-gnu
		flags="-mgeneral-regs-only -mno-outline-atomics" clflags= ;;
	riscv64) id=RISCV hdr=riscv cc=riscv64-linux-gnu-gcc target=riscv64-linux-gnu
		flags="-march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany"
		# Clang 14 takes Zicsr/Zifencei as part of rv64imac.
		clflags="-march=rv64imac -mabi=lp64 -mcmodel=medany" ;;
	x86_64) id=X86 hdr=x86 cc=gcc target=x86_64-linux-gnu
		flags="-mno-red-zone -mgeneral-regs-only" clflags= ;;
	esac
	clflags=${clflags:-$flags}
	t=$root/templates/$arch/irqentry_os.h
	[ -f "$t" ] || fail "no $t"
	command -v "$cc" >/dev/null || fail "$cc not found (scripts/deps.sh test installs it)"
	for name in $(optional $hdr); do
		grep -qw "$name" "$t" || fail "$t does not list the optional $name"
	done
	inc="-I$root/include -I$root/templates/$arch"
	for debug in 0 1; do
		# Real mode, the target's own instructions.
		# shellcheck disable=SC2086
		$cc -std=c11 $warn -ffreestanding -nostdlib $flags -O2 \
			-DIRQENTRY_DEBUG=$debug $inc -c "$here/use.c" -o "$tmp/real.o" ||
			fail "$arch: real mode, $cc, debug $debug"
		# shellcheck disable=SC2086
		clang --target=$target -std=c11 $warn -ffreestanding -nostdlib $clflags -O2 \
			-DIRQENTRY_DEBUG=$debug $inc -c "$here/use.c" -o "$tmp/real.o" ||
			fail "$arch: real mode, clang, debug $debug"
		# shellcheck disable=SC2086
		clang++ --target=$target -x c++ -std=c++17 $warn -ffreestanding -nostdlib $clflags -O2 \
			-DIRQENTRY_DEBUG=$debug $inc -c "$here/use.c" -o "$tmp/real.o" ||
			fail "$arch: real mode, clang++, debug $debug"
		n=$((n + 3))
		# Hosted, on this machine, run.
		for hcc in gcc clang; do
			# shellcheck disable=SC2086
			$hcc -std=c11 $warn -DIRQENTRY_HOSTED "-DIRQENTRY_ARCH_$id=1" \
				-DIRQENTRY_DEBUG=$debug -DTEMPLATE_MAIN $inc "$here/use.c" -o "$tmp/hosted" ||
				fail "$arch: hosted, $hcc, debug $debug"
			"$tmp/hosted" || fail "$arch: hosted run ($hcc, debug $debug) did not reschedule and deliver the signal"
			n=$((n + 1))
		done
	done
	# The wrong backend is refused by the template itself.
	other=X86
	[ $id = X86 ] && other=ARM64
	if gcc -std=c11 -DIRQENTRY_HOSTED "-DIRQENTRY_ARCH_$other=1" $inc \
		-fsyntax-only "$here/use.c" >"$tmp/out" 2>&1; then
		fail "$arch template compiled for IRQENTRY_ARCH_$other"
	fi
	grep -qF "this is the" "$tmp/out" || { cat "$tmp/out" >&2; fail "$arch template: no message for the wrong backend"; }
	n=$((n + 1))
done
echo "summary: templates: 3 templates, $n builds and runs warning-free, every optional hook listed"
