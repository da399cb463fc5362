/* SPDX-License-Identifier: MIT */
/*
 * The arm64 guest (KERNEL_HV): EL1 code of its own, built into the kernel
 * image and run by the host with the MMU and stage 2 off. Its entry, its
 * vector table (VBAR_EL1 while it runs: the host switches VBAR_EL12), the
 * virtual-IRQ path, and the hypercall stub (hvc #0: number in x8,
 * arguments in x0..x2, result in x0).
 */
#include "hv_arch.h"

/*
 * guest_entry: the vCPU's first PC (port_vcpu_init()), at EL1h with all of
 * DAIF masked, x0 = the argument, SP_EL1 = its stack. Installs the guest
 * vectors, opens D and A (I stays masked until the guest enables it) and
 * calls guest_main(arg), which ends with the exit hypercall.
 */
	.text
	.globl	guest_entry
guest_entry:
	adrp	x1, guest_vectors
	add	x1, x1, :lo12:guest_vectors
	msr	vbar_el1, x1
	isb
	msr	daifclr, #0xc
	bl	guest_main
	b	guest_bad

/* long guest_hypercall(long nr, long a0, long a1, long a2) */
	.globl	guest_hypercall
guest_hypercall:
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, x3
	hvc	#0
	ret

/* void guest_wfi(void): wait (the host traps it: HCR_EL2.TWI). */
	.globl	guest_wfi
guest_wfi:
	dsb	sy
	wfi
	ret

/* void guest_irq_enable(void), guest_irq_disable(void): PSTATE.I. */
	.globl	guest_irq_enable
guest_irq_enable:
	msr	daifclr, #0x2
	ret

	.globl	guest_irq_disable
guest_irq_disable:
	msr	daifset, #0x2
	ret

/* unsigned long guest_read_id_aa64pfr0(void): trapped (HCR_EL2.TID3). */
	.globl	guest_read_id_aa64pfr0
guest_read_id_aa64pfr0:
	mrs	x0, id_aa64pfr0_el1
	ret

/* unsigned long guest_read_counter(void): CNTVCT_EL0 (the host's count:
 * CNTVOFF_EL2 is 0). */
	.globl	guest_read_counter
guest_read_counter:
	isb
	mrs	x0, cntvct_el0
	ret

/* The virtual IRQ (HCR_EL2.VI): the caller-saved registers around C,
 * guest_virq(state) with the state pointer guest_main left in SP_EL0. */
guest_irq:
	sub	sp, sp, #176
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x29, [sp, #16 * 9]
	str	x30, [sp, #16 * 10]
	mrs	x0, sp_el0		/* the guest's state (guest_main) */
	bl	guest_virq
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x29, [sp, #16 * 9]
	ldr	x30, [sp, #16 * 10]
	add	sp, sp, #176
	eret

/* Anything else: report ESR_EL1 and ELR_EL1 to the host and stop. */
guest_bad:
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	bl	guest_fatal
	b	.

	.macro	gventry, label
	.balign	0x80
	b	\label
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
guest_vectors:
	gventry	guest_bad	/* current EL, SP_EL0 */
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad	/* current EL, SP_EL1: sync */
	gventry	guest_irq	/* IRQ: the virtual one */
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad	/* lower EL: the guest has no EL0 */
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad
	gventry	guest_bad
