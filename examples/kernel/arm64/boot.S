/* SPDX-License-Identifier: MIT */
/*
 * arm64 boot and the small assembly primitives: the entry point, the
 * semihosting exit, the fault-probing loads (with their exception-table
 * entries), the NMI-class trigger, and the user-mode syscall stubs.
 */
#include "port_arch.h"
#include "abi.h"
#if KERNEL_HV
#include "hv_arch.h"
#endif

/* One exception-table entry: the load at 1b may fault, resume at 2b. */
	.macro	extable, insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.quad	\insn, \fixup
	.popsection
	.endm

	.section .text.boot, "ax"
	.globl	_start
_start:
	/* QEMU enters at EL1 (the HV build: EL2) with the MMU off and all
	 * of DAIF masked. */
	adrp	x0, boot_stack_top
	add	x0, x0, :lo12:boot_stack_top
	mov	sp, x0
#if KERNEL_HV
	/*
	 * The hypervisor build: QEMU (virtualization=on) enters at EL2. Become
	 * a VHE host before the first EL1 register name is used: with
	 * HCR_EL2.E2H those names reach the EL2 registers, and with TGE EL0
	 * is the host's, so the kernel below runs unchanged at EL2h. Without
	 * EL2 or VHE (ID_AA64MMFR1_EL1.VH) stop with status 3.
	 */
	mrs	x0, CurrentEL
	cmp	x0, #(2 << 2)
	b.ne	8f
	mrs	x0, id_aa64mmfr1_el1
	ubfx	x0, x0, #8, #4
	cbz	x0, 8f
	movz	x0, #((HCR_HOST) & 0xffff)
	movk	x0, #(((HCR_HOST) >> 16) & 0xffff), lsl #16
	movk	x0, #(((HCR_HOST) >> 32) & 0xffff), lsl #32
	msr	hcr_el2, x0
	isb
	movz	x0, #((SCTLR_MMU_OFF) & 0xffff)
	movk	x0, #(((SCTLR_MMU_OFF) >> 16) & 0xffff), lsl #16
	msr	sctlr_el2, x0
	isb
	b	9f
8:	mov	x0, #3
	b	port_exit
9:
#endif
	adrp	x0, arm64_vectors
	add	x0, x0, :lo12:arm64_vectors
	msr	vbar_el1, x0
	msr	tpidr_el1, xzr		/* no current thread yet */
	isb
	/* The kernel's process-context state: D and A open from here on,
	 * I and F masked until the idle loop enables interrupts. */
	msr	daifclr, #0xc
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	kernel_main
	b	.

/*
 * A secondary CPU, started by PSCI CPU_ON (smp.c): at EL1, MMU off, all of
 * DAIF masked, x0 = the context id = its logical CPU number. Its stack top
 * is arm64_secondary_sp[cpu], stored before the CPU_ON call. The same
 * state as the boot CPU's, then C with IRQs disabled; never returns.
 */
	.globl	arm64_secondary_entry
arm64_secondary_entry:
	adrp	x1, arm64_secondary_sp
	add	x1, x1, :lo12:arm64_secondary_sp
	ldr	x1, [x1, x0, lsl #3]
	mov	sp, x1
	adrp	x1, arm64_vectors
	add	x1, x1, :lo12:arm64_vectors
	msr	vbar_el1, x1
	msr	tpidr_el1, xzr
	isb
	msr	daifclr, #0xc
	bl	arm64_secondary_start
	b	.

	.text
/*
 * unsigned long arm64_psci_call(fn, a1, a2, a3): a PSCI call. QEMU virt
 * without EL2 emulates PSCI on HVC #0; with virtualization=on (the
 * hypervisor build, running at EL2) an HVC would be this kernel's own
 * exception, and QEMU takes PSCI on SMC #0 instead (its DTB's /psci
 * method). SMCCC may clobber x0..x17, all caller-saved for the C caller.
 */
	.globl	arm64_psci_call
arm64_psci_call:
#if KERNEL_HV
	smc	#0
#else
	hvc	#0
#endif
	ret

/* _Noreturn void port_exit(int status): semihosting SYS_EXIT, with the
 * status as the exit code QEMU reports (ADP_Stopped_ApplicationExit). */
	.globl	port_exit
port_exit:
	msr	daifset, #0xf
	sxtw	x2, w0
	mov	x1, #0x0026
	movk	x1, #0x2, lsl #16
	stp	x1, x2, [sp, #-16]!
	mov	x1, sp
	mov	x0, #0x18
	hlt	#0xf000
	b	.

/* int port_probe_read(const unsigned long *addr, unsigned long *val) */
	.globl	port_probe_read
port_probe_read:
1:	ldr	x2, [x0]
	str	x2, [x1]
	mov	w0, #0
	ret
2:	mov	w0, #-EFAULT
	ret
	extable	1b, 2b

/* int port_get_user_u8(unsigned char *dst, const unsigned char *src) */
	.globl	port_get_user_u8
port_get_user_u8:
1:	ldrb	w2, [x1]
	strb	w2, [x0]
	mov	w0, #0
	ret
2:	mov	w0, #-EFAULT
	ret
	extable	1b, 2b

/* void port_nmi_trigger(void): a kernel BRK, which traps.c routes through
 * irqentry_arm64_el1_nmi() (Linux treats EL1 debug exceptions as NMI-like;
 * QEMU gives software no way to raise an SError or a pseudo-NMI). */
	.globl	port_nmi_trigger
port_nmi_trigger:
	brk	#BRK_NMI_IMM
	ret

/* void port_idle(void): WFI wakes on a pending IRQ even while masked. */
	.globl	port_idle
port_idle:
	dsb	sy
	wfi
	ret

/* User mode: long port_user_syscall(long nr, long a0, long a1, long a2) */
	.globl	port_user_syscall
port_user_syscall:
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	svc	#0
	ret

/* User mode: the handler returns here with SP at the signal frame. */
	.globl	port_user_sigreturn
port_user_sigreturn:
	mov	x8, #SYS_SIGRETURN
	svc	#0
	b	.

	.bss
	.balign	16
boot_stack:
	.space	8192
boot_stack_top:
