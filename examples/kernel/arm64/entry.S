/* SPDX-License-Identifier: MIT */
/*
 * arm64 vectors: save a full trap frame, call the C entry point (traps.c),
 * which runs the irqentry wrapper for that class, restore the frame and
 * ERET. The C side returns with all of DAIF masked, so nothing can clobber
 * ELR/SPSR between their restore and the ERET. Also the context switch and
 * the first-run trampolines of new threads.
 */
#include "port_arch.h"

	.macro	kernel_entry, el
	sub	sp, sp, #TF_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	.if	\el == 0
	mrs	x21, sp_el0
	.else
	add	x21, sp, #TF_SIZE
	.endif
	stp	x30, x21, [sp, #TF_X30]
	mrs	x22, elr_el1
	mrs	x23, spsr_el1
	stp	x22, x23, [sp, #TF_PC]
	mrs	x24, esr_el1
	stp	x0, x24, [sp, #TF_ORIG_X0]
	mrs	x25, far_el1
	str	x25, [sp, #TF_FAR]
	mov	x0, sp
	.endm

	.macro	kernel_exit, el
	ldp	x22, x23, [sp, #TF_PC]
	msr	elr_el1, x22
	msr	spsr_el1, x23
	.if	\el == 0
	ldr	x21, [sp, #TF_SP]
	msr	sp_el0, x21
	.endif
	ldp	x0, x1, [sp, #16 * 0]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	x30, [sp, #TF_X30]
	add	sp, sp, #TF_SIZE
	eret
	.endm

	/* One vector slot: 0x80 bytes, a branch to the full handler. */
	.macro	ventry, label
	.balign	0x80
	b	\label
	.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.globl	arm64_vectors
arm64_vectors:
	ventry	el1t_bad	/* current EL, SP_EL0: never used */
	ventry	el1t_bad
	ventry	el1t_bad
	ventry	el1t_bad
	ventry	el1h_sync	/* current EL, SP_EL1 */
	ventry	el1h_irq
	ventry	el1h_bad	/* FIQ: not routed */
	ventry	el1h_serror
	ventry	el0_sync	/* lower EL, AArch64 */
	ventry	el0_irq
	ventry	el0_bad
	ventry	el0_serror
	ventry	el0_bad		/* lower EL, AArch32: not supported */
	ventry	el0_bad
	ventry	el0_bad
	ventry	el0_bad

	.text
el1h_sync:
	kernel_entry 1
	bl	arm64_el1_sync
	b	ret_to_el1

el1h_irq:
	kernel_entry 1
	bl	arm64_el1_irq
	b	ret_to_el1

el1h_serror:
	kernel_entry 1
	bl	arm64_el1_serror
	b	ret_to_el1

el1t_bad:
el1h_bad:
	kernel_entry 1
	bl	arm64_bad_vector

el0_sync:
	kernel_entry 0
	bl	arm64_el0_sync
	b	ret_to_el0

el0_irq:
	kernel_entry 0
	bl	arm64_el0_irq
	b	ret_to_el0

el0_serror:
	kernel_entry 0
	bl	arm64_el0_serror
	b	ret_to_el0

el0_bad:
	kernel_entry 0
	bl	arm64_bad_vector

ret_to_el1:
	kernel_exit 1

ret_to_el0:
	kernel_exit 0

/* void port_switch(struct port_context *from, struct port_context *to) */
	.globl	port_switch
port_switch:
	stp	x19, x20, [x0, #16 * 0]
	stp	x21, x22, [x0, #16 * 1]
	stp	x23, x24, [x0, #16 * 2]
	stp	x25, x26, [x0, #16 * 3]
	stp	x27, x28, [x0, #16 * 4]
	stp	x29, x30, [x0, #16 * 5]
	mov	x9, sp
	str	x9, [x0, #CTX_SP]
	ldp	x19, x20, [x1, #16 * 0]
	ldp	x21, x22, [x1, #16 * 1]
	ldp	x23, x24, [x1, #16 * 2]
	ldp	x25, x26, [x1, #16 * 3]
	ldp	x27, x28, [x1, #16 * 4]
	ldp	x29, x30, [x1, #16 * 5]
	ldr	x9, [x1, #CTX_SP]
	mov	sp, x9
	ret

/* First switch to a kernel thread: into the core, never back. */
	.globl	arm64_kthread_trampoline
arm64_kthread_trampoline:
	bl	kthread_start
	b	.

/*
 * First switch to a user thread (x19 = entry, x20 = user SP, x21 = arg):
 * a frame at the top of its kernel stack, filled and taken through the
 * library's EL0 exit in C, then the ordinary ERET path. The kernel stack
 * is empty again once the thread runs at EL0, which is where the next
 * exception from EL0 starts it.
 */
	.globl	arm64_uthread_trampoline
arm64_uthread_trampoline:
	sub	sp, sp, #TF_SIZE
	mov	x0, sp
	mov	x1, x19
	mov	x2, x20
	mov	x3, x21
	bl	arm64_user_first_return
	b	ret_to_el0
