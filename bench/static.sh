#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Static size and fast-path instruction counts of bench/paths.c for one
# arch and compiler, in real mode (-O2 -ffreestanding -nostdlib).
# Usage: static.sh ARCH CC OUTDIR   (ARCH arm64|riscv64|x86_64, CC gcc|clang)
# Prints "ARCH CC NAME FAST SIZE" per function; OUTDIR keeps the objects,
# the trace and the annotated listing (ARCH-CC.fastpath.txt).
set -euo pipefail
arch=$1
cc=$2
out=$3
bench=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench")
mkdir -p "$out"

case $arch in
arm64)
	cross=aarch64-linux-gnu- qemu=qemu-aarch64
	define=IRQENTRY_ARCH_ARM64
	clang_target=(--target=aarch64-linux-gnu)
	real=(-mgeneral-regs-only)
	;;
riscv64)
	cross=riscv64-linux-gnu- qemu=qemu-riscv64
	define=IRQENTRY_ARCH_RISCV
	clang_target=(--target=riscv64-linux-gnu -march=rv64gc -mabi=lp64d)
	real=()
	;;
x86_64)
	cross= qemu=qemu-x86_64
	define=IRQENTRY_ARCH_X86
	clang_target=()
	real=(-mno-red-zone -mgeneral-regs-only)
	;;
*)
	echo "static.sh: unknown arch $arch" >&2
	exit 2
	;;
esac

# The benchmarked object: real mode, as a kernel builds it.
flags=(-std=c11 -O2 -ffreestanding -nostdlib -fno-pie -fno-stack-protector
	-fno-asynchronous-unwind-tables "${real[@]}" -D$define=1
	-I"$root/include" -I"$bench" -Wall -Wextra -Werror)
obj=$out/$arch-$cc.paths.o
# GCC's identical-code folding would turn a function whose code equals
# another's (the IRQ wrapper serves both modes) into a jump to it.
if [ "$cc" = gcc ]; then
	"${cross}gcc" "${flags[@]}" -fno-ipa-icf -c "$bench/paths.c" -o "$obj"
else
	clang "${clang_target[@]}" "${flags[@]}" -c "$bench/paths.c" -o "$obj"
fi

# The tracer: an ordinary static Linux program around it.
exe=$out/$arch-$cc.trace
"${cross}gcc" -std=c11 -O2 -static -no-pie -I"$root/include" -I"$bench" \
	-Wall -Wextra -Werror "$bench/trace.c" "$bench/os.c" "$obj" -o "$exe"
"$qemu" -singlestep -d exec,nochain -D "$out/$arch-$cc.log" "$exe" \
	>"$out/$arch-$cc.calls"
python3 "$bench/fastpath.py" "${cross}objdump" "${cross}nm" "$exe" \
	"$out/$arch-$cc.calls" "$out/$arch-$cc.log" \
	"$out/$arch-$cc.fastpath.txt" | sed "s/^/$arch $cc /"
rm -f "$out/$arch-$cc.log"
