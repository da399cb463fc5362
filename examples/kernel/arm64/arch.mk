# SPDX-License-Identifier: MIT
# arm64 port: toolchain, flags, sources, and how to boot it (run.sh reads
# QEMU, QEMU_FLAGS and PASS_STATUS through `make qemu-cmd`).
CROSS_COMPILE ?= aarch64-linux-gnu-
# MMU off: all memory is Device-nGnRnE, so no unaligned accesses and no
# FP/SIMD (CPACR traps it); no out-of-line atomics (they need libgcc and
# HWCAP probing).
ARCH_CFLAGS := -mgeneral-regs-only -mstrict-align -mno-outline-atomics
ARCH_SRCS := boot.S entry.S traps.c devices.c
QEMU := qemu-system-aarch64
QEMU_FLAGS := -M virt,gic-version=2 -cpu cortex-a57 -m 128M -nographic \
	-semihosting -kernel
PASS_STATUS := 0
# CPUs this port runs the kernel on: 1 until its SMP port (run.sh --smp
# up to this; CTest adds kernel-smp4/kernel-smp2 when it is more than 1).
SMP_CPUS := 1
