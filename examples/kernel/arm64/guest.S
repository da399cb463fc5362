/* SPDX-License-Identifier: MIT */
/*
 * The arm64 guest's side (core/hv.h guest stubs): its first instruction,
 * the hypercall instruction, its vector table and the instructions the
 * host traps. Runs at EL1 under the host, MMU and stage 2 off, so these
 * are the host's physical addresses; the guest's EL1 registers (VBAR_EL1,
 * SP_EL0, ESR_EL1...) are its own, switched by the host (hv_entry.S).
 * Hypercalls: hvc #0, number in x8, arguments x0..x2, result in x0.
 */
#include "hv.h"

/*
 * guest_start: x0 = the guest_shared pointer, SP_EL1 set by
 * port_vcpu_init(), EL1h with all of DAIF masked. D and A open here; the
 * virtual IRQ is unmasked by guest_irq_enable().
 */
	.text
	.globl	guest_start
guest_start:
	msr	daifclr, #0xc
	bl	guest_main
	mov	x8, #HC_EXIT
	mov	x0, #98
	hvc	#0
	b	.

/* long guest_hypercall(long nr, long a0, long a1): hvc #0 */
	.globl	guest_hypercall
guest_hypercall:
	mov	x8, x0
	mov	x0, x1
	mov	x1, x2
	hvc	#0
	ret

/*
 * void guest_irq_enable(struct guest_shared *g): the vector table, @g in
 * SP_EL0 (free: the guest runs on SP_EL1; the host switches it) for the
 * IRQ vector to hand to guest_virq(), PSTATE.I clear.
 */
	.globl	guest_irq_enable
guest_irq_enable:
	msr	sp_el0, x0
	adrp	x1, guest_vectors
	add	x1, x1, :lo12:guest_vectors
	msr	vbar_el1, x1
	isb
	msr	daifclr, #0x2
	ret

/* void guest_irq_disable(void): mask the virtual IRQ (PSTATE.I). */
	.globl	guest_irq_disable
guest_irq_disable:
	msr	daifset, #0x2
	ret

/* void guest_wfi(void): traps to the host (HCR_EL2.TWI) unless the
 * virtual IRQ is already pending. */
	.globl	guest_wfi
guest_wfi:
	dsb	sy
	wfi
	ret

/* unsigned long guest_read_counter(void): CNTPCT_EL0 at EL1 traps to the
 * host (CNTHCTL_EL2.EL1PCTEN clear), which emulates it. */
	.globl	guest_read_counter
guest_read_counter:
	mrs	x0, cntpct_el0
	ret

/* unsigned long guest_bench_counter(void): PMU event counter 0, the
 * instructions counter of benchmark builds; EL1 reads it without a trap
 * (MDCR_EL2.TPM clear, counter 0 below HPMN: port_hv_bench_init()). */
	.globl	guest_bench_counter
guest_bench_counter:
	mrs	x0, pmevcntr0_el0
	ret

/* The virtual IRQ (HCR_EL2.VI): the caller-saved registers around
 * guest_virq(g), g from SP_EL0. */
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
	mrs	x0, sp_el0
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

/* Anything else ends the guest with status 97 (the host reports it). */
guest_bad:
	mov	x8, #HC_EXIT
	mov	x0, #97
	hvc	#0
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
