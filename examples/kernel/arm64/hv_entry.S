/* SPDX-License-Identifier: MIT */
/*
 * arm64 world switch (KERNEL_HV): enter an EL1 guest from the VHE host at
 * EL2 and come back on its next exit, plus the exit vectors VBAR_EL2 holds
 * while the guest runs (as Linux's VHE KVM runs the guest with its own
 * vectors: arch/arm64/kvm/hyp/vhe/switch.c, __kvm_vcpu_run_vhe()).
 *
 * The exit is no exception of the host's own context: it is not taken
 * through an irqentry wrapper. It returns to the C caller with IRQs still
 * masked and D and A open again, and a host interrupt that made the guest
 * exit is still pending at the GIC: the host takes it through its ordinary
 * kernel-mode IRQ vector (irqentry) when the vCPU loop enables IRQs.
 */
#include "port_arch.h"
#include "hv_arch.h"

	.arch	armv8.1-a

/* Host frame on the host stack while the guest runs (SP_EL2 is left
 * alone by the guest, so the exit vector finds it at the same SP). */
#define HF_X29   0
#define HF_X19   16
#define HF_VCPU  96
#define HF_DAIF  104
#define HF_SIZE  112

	.macro	mov_q, reg, val
	movz	\reg, #((\val) & 0xffff)
	movk	\reg, #(((\val) >> 16) & 0xffff), lsl #16
	movk	\reg, #(((\val) >> 32) & 0xffff), lsl #32
	movk	\reg, #(((\val) >> 48) & 0xffff), lsl #48
	.endm

	.text
/*
 * unsigned long arm64_hv_enter(struct port_vcpu *v)
 *
 * Run the guest until its next exit; return the exit vector (HV_VEC_*),
 * with v's registers, PC, PSTATE, EL1 state and exit syndrome saved.
 * Context: IRQs (I, F) masked on entry and return, D and A as on entry.
 * The host's callee-saved registers, SP and DAIF survive; everything
 * else is clobbered.
 */
	.globl	arm64_hv_enter
arm64_hv_enter:
	sub	sp, sp, #HF_SIZE
	stp	x29, x30, [sp, #HF_X29]
	stp	x19, x20, [sp, #HF_X19 + 16 * 0]
	stp	x21, x22, [sp, #HF_X19 + 16 * 1]
	stp	x23, x24, [sp, #HF_X19 + 16 * 2]
	stp	x25, x26, [sp, #HF_X19 + 16 * 3]
	stp	x27, x28, [sp, #HF_X19 + 16 * 4]
	mrs	x1, daif
	stp	x0, x1, [sp, #HF_VCPU]
	/* Nothing may be taken at EL2 while VBAR_EL2 points at the exit
	 * vectors: mask D and A too (I and F already are). */
	msr	daifset, #0xf

	/* The guest's EL1 state (E2H: the _EL12 names are its EL1 copies). */
	ldp	x1, x2, [x0, #VCPU_SP_EL0]
	msr	sp_el0, x1
	msr	sp_el1, x2
	ldp	x1, x2, [x0, #VCPU_SCTLR]
	msr	sctlr_el12, x1
	msr	vbar_el12, x2
	ldp	x1, x2, [x0, #VCPU_ELR]
	msr	elr_el12, x1
	msr	spsr_el12, x2
	ldp	x1, x2, [x0, #VCPU_ESR1]
	msr	esr_el12, x1
	msr	far_el12, x2

	/* TGE off: the EL1&0 regime is the guest's; interrupts to EL2. */
	ldr	x1, [x0, #VCPU_HCR]
	msr	hcr_el2, x1
	adrp	x1, hv_guest_vectors
	add	x1, x1, :lo12:hv_guest_vectors
	msr	vbar_el2, x1
	ldp	x1, x2, [x0, #VCPU_PC]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	isb

	ldp	x2, x3, [x0, #16 * 1]
	ldp	x4, x5, [x0, #16 * 2]
	ldp	x6, x7, [x0, #16 * 3]
	ldp	x8, x9, [x0, #16 * 4]
	ldp	x10, x11, [x0, #16 * 5]
	ldp	x12, x13, [x0, #16 * 6]
	ldp	x14, x15, [x0, #16 * 7]
	ldp	x16, x17, [x0, #16 * 8]
	ldp	x18, x19, [x0, #16 * 9]
	ldp	x20, x21, [x0, #16 * 10]
	ldp	x22, x23, [x0, #16 * 11]
	ldp	x24, x25, [x0, #16 * 12]
	ldp	x26, x27, [x0, #16 * 13]
	ldp	x28, x29, [x0, #16 * 14]
	ldr	x30, [x0, #16 * 15]
	ldp	x0, x1, [x0, #16 * 0]
	eret
	/* No speculation past the eret (Linux adds sb the same way). */
	dsb	nsh
	isb

/*
 * The exit: from one of the lower-EL AArch64 vectors, with the guest's x0
 * and x1 pushed and the vector number in x1.
 */
hv_guest_exit:
	ldr	x0, [sp, #16 + HF_VCPU]
	stp	x2, x3, [x0, #16 * 1]
	stp	x4, x5, [x0, #16 * 2]
	stp	x6, x7, [x0, #16 * 3]
	stp	x8, x9, [x0, #16 * 4]
	stp	x10, x11, [x0, #16 * 5]
	stp	x12, x13, [x0, #16 * 6]
	stp	x14, x15, [x0, #16 * 7]
	stp	x16, x17, [x0, #16 * 8]
	stp	x18, x19, [x0, #16 * 9]
	stp	x20, x21, [x0, #16 * 10]
	stp	x22, x23, [x0, #16 * 11]
	stp	x24, x25, [x0, #16 * 12]
	stp	x26, x27, [x0, #16 * 13]
	stp	x28, x29, [x0, #16 * 14]
	str	x30, [x0, #16 * 15]
	mov	x19, x1
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #16 * 0]

	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [x0, #VCPU_PC]
	mrs	x1, esr_el2
	mrs	x2, far_el2
	stp	x1, x2, [x0, #VCPU_ESR]
	mrs	x1, hpfar_el2
	str	x1, [x0, #VCPU_HPFAR]
	mrs	x1, sp_el0
	mrs	x2, sp_el1
	stp	x1, x2, [x0, #VCPU_SP_EL0]
	mrs	x1, sctlr_el12
	mrs	x2, vbar_el12
	stp	x1, x2, [x0, #VCPU_SCTLR]
	mrs	x1, elr_el12
	mrs	x2, spsr_el12
	stp	x1, x2, [x0, #VCPU_ELR]
	mrs	x1, esr_el12
	mrs	x2, far_el12
	stp	x1, x2, [x0, #VCPU_ESR1]

	/* Back to the host: TGE on, its own vectors. */
	mov_q	x1, HCR_HOST
	msr	hcr_el2, x1
	adrp	x1, arm64_vectors
	add	x1, x1, :lo12:arm64_vectors
	msr	vbar_el2, x1
	isb

	mov	x0, x19
	ldp	x29, x30, [sp, #HF_X29]
	ldp	x19, x20, [sp, #HF_X19 + 16 * 0]
	ldp	x21, x22, [sp, #HF_X19 + 16 * 1]
	ldp	x23, x24, [sp, #HF_X19 + 16 * 2]
	ldp	x25, x26, [sp, #HF_X19 + 16 * 3]
	ldp	x27, x28, [sp, #HF_X19 + 16 * 4]
	/* The caller's DAIF: IRQs still masked, D and A open again (the
	 * exception masked all four). */
	ldr	x1, [sp, #HF_DAIF]
	msr	daif, x1
	add	sp, sp, #HF_SIZE
	ret

/* An exception at EL2 while the exit vectors are live: a host bug. */
hv_bad_el2:
	mrs	x0, esr_el2
	mrs	x1, elr_el2
	bl	arm64_hv_bad_vector
	b	.

	/* One exit slot: push x0/x1, name the vector, join the exit path. */
	.macro	hv_exit_slot, vec
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mov	x1, #\vec
	b	hv_guest_exit
	.endm

	.macro	hv_bad_slot
	.balign	0x80
	b	hv_bad_el2
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	hv_guest_vectors
hv_guest_vectors:
	hv_bad_slot			/* current EL, SP_EL0 */
	hv_bad_slot
	hv_bad_slot
	hv_bad_slot
	hv_bad_slot			/* current EL, SP_EL2 */
	hv_bad_slot
	hv_bad_slot
	hv_bad_slot
	hv_exit_slot HV_VEC_SYNC	/* lower EL (the guest), AArch64 */
	hv_exit_slot HV_VEC_IRQ
	hv_exit_slot HV_VEC_FIQ
	hv_exit_slot HV_VEC_SERROR
	hv_bad_slot			/* lower EL, AArch32: never */
	hv_bad_slot
	hv_bad_slot
	hv_bad_slot
