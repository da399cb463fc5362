# SPDX-License-Identifier: MIT
# arm64 port: toolchain, flags, sources, and how to boot it (run.sh reads
# QEMU, QEMU_FLAGS and PASS_STATUS through `make qemu-cmd`).
CROSS_COMPILE ?= aarch64-linux-gnu-
# MMU off: all memory is Device-nGnRnE, so no unaligned accesses and no
# FP/SIMD (CPACR traps it); no out-of-line atomics (they need libgcc and
# HWCAP probing).
ARCH_CFLAGS := -mgeneral-regs-only -mstrict-align -mno-outline-atomics
ARCH_SRCS := boot.S entry.S traps.c devices.c smp.c
QEMU := qemu-system-aarch64
QEMU_FLAGS := -M virt,gic-version=2 -cpu cortex-a57 -m 128M -nographic \
	-semihosting -kernel
PASS_STATUS := 0
# The hypervisor build (make HV=1, core/hv.h): the kernel as a VHE host at
# EL2 (E2H|TGE) running EL1 guests, on the virtualization-capable machine;
# -cpu max for VHE (ARMv8.1). One CPU.
ARCH_HV_SRCS := hv.c hv_entry.S guest.S
QEMU_HV := qemu-system-aarch64
QEMU_HV_FLAGS := -M virt,virtualization=on,gic-version=2 -cpu max -smp 1 \
	-m 128M -nographic -semihosting -kernel
# CPUs this port runs the kernel on (run.sh --smp up to this; CTest adds
# kernel-smp4/kernel-smp2 when it is more than 1).
SMP_CPUS := 4
