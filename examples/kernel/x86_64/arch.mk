# SPDX-License-Identifier: MIT
# x86_64 port: toolchain, flags, sources, and how to boot it (run.sh reads
# QEMU, QEMU_FLAGS and PASS_STATUS through `make qemu-cmd`).
# The host compiler on an x86-64 host; elsewhere e.g. x86_64-linux-gnu-.
CROSS_COMPILE ?=
# Interrupts use the kernel stack as it is: no red zone. No FP/SIMD state
# is saved: general registers only. No CET notes or endbr64 stubs. A
# 4 KiB-aligned file layout keeps the multiboot header in the first 8 KiB.
ARCH_CFLAGS := -m64 -march=x86-64 -mno-red-zone -mgeneral-regs-only -fno-pic \
	-fcf-protection=none -Wl,-z,max-page-size=0x1000
ARCH_SRCS := boot.S entry.S traps.c devices.c smp.c
QEMU := qemu-system-x86_64
# The multiboot image is kernel.elf itself (boot.S); isa-debug-exit makes
# QEMU exit with (value << 1) | 1.
QEMU_FLAGS := -M pc -m 128M -display none -serial stdio -monitor none \
	-no-reboot -net none -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-kernel
PASS_STATUS := 33
# The hypervisor build (make HV=1, core/hv.h): AMD SVM as QEMU's TCG
# emulates it, guests in 64-bit mode on the host's page tables; one CPU.
ARCH_HV_SRCS := hv.c hv_entry.S guest.S
QEMU_HV := qemu-system-x86_64
QEMU_HV_FLAGS := -M pc -cpu qemu64,+svm -smp 1 -m 128M -display none \
	-serial stdio -monitor none -no-reboot -net none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel
# CPUs this port runs the kernel on (run.sh --smp up to this; CTest adds
# the kernel-smp4/kernel-smp2 tests when it is more than 1). X86_MAX_CPUS
# in port_arch.h is the GDT's TSS slots.
SMP_CPUS := 4
