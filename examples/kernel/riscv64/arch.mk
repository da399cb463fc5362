# SPDX-License-Identifier: MIT
# riscv64 port: toolchain, flags, sources, and how to boot it (run.sh reads
# QEMU, QEMU_FLAGS and PASS_STATUS through `make qemu-cmd`).
CROSS_COMPILE ?= riscv64-linux-gnu-
# RV64IMAC: no FP (sstatus.FS stays Off), so nothing but the integer
# registers ever needs saving; medany for an image linked at 0x80200000.
ARCH_CFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
ARCH_SRCS := boot.S entry.S traps.c devices.c
QEMU := qemu-system-riscv64
# OpenSBI (-bios default) runs in M-mode and enters the kernel in S-mode at
# 0x80200000; the test finisher at 0x100000 gives QEMU its exit status.
QEMU_FLAGS := -M virt -bios default -m 128M -nographic -kernel
PASS_STATUS := 0
# CPUs this port runs the kernel on (run.sh --smp up to this; CTest adds
# the kernel-smp4/kernel-smp2 tests when it is more than 1).
SMP_CPUS := 4
