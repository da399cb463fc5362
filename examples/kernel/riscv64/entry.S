/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 trap vector: save a full trap frame, call the C entry point
 * (traps.c), which runs the irqentry wrapper for the class, restore the
 * frame and sret. The C side returns with SIE clear, so nothing can
 * clobber sepc/sstatus between their restore and the sret. Also the
 * context switch and the first-run trampolines of new threads.
 *
 * tp is the current thread in S-mode (port_current()). sscratch is 0 while
 * the hart runs in S-mode and holds the kernel's tp while it runs in
 * U-mode, as on Linux; the thread's port_context (at tp) has the top of
 * its kernel stack, empty then: an entry from U-mode starts there.
 */
#include "port_arch.h"

/* Every general register but sp (x2), at 8 * N. */
	.macro	save_gprs
	sd	x1, 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, (8 * \n)(sp)
	.endr
	.endm

	.macro	restore_gprs
	ld	x1, 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, (8 * \n)(sp)
	.endr
	.endm

	.text
	.balign	4	/* stvec MODE 0 (direct): one vector for everything */
	.globl	riscv_trap_vector
riscv_trap_vector:
	csrrw	tp, sscratch, tp
	bnez	tp, 1f
	/* From S-mode: sscratch was 0 and has our tp: take it back, 0 again. */
	csrrw	tp, sscratch, zero
	addi	sp, sp, -TF_SIZE
	save_gprs
	addi	t0, sp, TF_SIZE
	sd	t0, TF_SP(sp)
	j	2f
1:	/* From U-mode: tp is the current thread, sscratch the user's tp. */
	sd	sp, CTX_USP(tp)
	ld	sp, CTX_KSP(tp)
	addi	sp, sp, -TF_SIZE
	save_gprs
	csrrw	t0, sscratch, zero	/* in S-mode from here: sscratch 0 */
	sd	t0, TF_TP(sp)
	ld	t0, CTX_USP(tp)
	sd	t0, TF_SP(sp)
	/* The kernel's gp, whatever user mode left in it. */
	.option	push
	.option	norelax
	lla	gp, __global_pointer$
	.option	pop
2:	csrr	t0, sepc
	csrr	t1, sstatus
	csrr	t2, scause
	csrr	t3, stval
	sd	t0, TF_PC(sp)
	sd	t1, TF_STATUS(sp)
	sd	t2, TF_CAUSE(sp)
	sd	t3, TF_TVAL(sp)
	mv	a0, sp
	call	riscv_trap

	.globl	riscv_ret_from_trap
riscv_ret_from_trap:
	/* SIE is clear (the C side's promise, and the frame's sstatus keeps
	 * it clear): restore sstatus, whose SPP and SPIE pick where sret
	 * goes and what SIE becomes there, and sepc. */
	ld	t0, TF_STATUS(sp)
	andi	t1, t0, SSTATUS_SPP
	bnez	t1, 1f
	/* Back to U-mode: the next entry from it starts the stack empty,
	 * and finds the kernel's tp in sscratch (the frame has the user's). */
	addi	t1, sp, TF_SIZE
	sd	t1, CTX_KSP(tp)
	csrw	sscratch, tp
1:	csrw	sstatus, t0
	ld	t0, TF_PC(sp)
	csrw	sepc, t0
	restore_gprs
	ld	sp, TF_SP(sp)
	sret

/* void port_switch(struct port_context *from, struct port_context *to) */
	.globl	port_switch
port_switch:
	sd	ra, CTX_RA(a0)
	sd	sp, CTX_SP(a0)
	sd	s0, (CTX_S0 + 8 * 0)(a0)
	sd	s1, (CTX_S0 + 8 * 1)(a0)
	sd	s2, (CTX_S0 + 8 * 2)(a0)
	sd	s3, (CTX_S0 + 8 * 3)(a0)
	sd	s4, (CTX_S0 + 8 * 4)(a0)
	sd	s5, (CTX_S0 + 8 * 5)(a0)
	sd	s6, (CTX_S0 + 8 * 6)(a0)
	sd	s7, (CTX_S0 + 8 * 7)(a0)
	sd	s8, (CTX_S0 + 8 * 8)(a0)
	sd	s9, (CTX_S0 + 8 * 9)(a0)
	sd	s10, (CTX_S0 + 8 * 10)(a0)
	sd	s11, (CTX_S0 + 8 * 11)(a0)
	ld	ra, CTX_RA(a1)
	ld	sp, CTX_SP(a1)
	ld	s0, (CTX_S0 + 8 * 0)(a1)
	ld	s1, (CTX_S0 + 8 * 1)(a1)
	ld	s2, (CTX_S0 + 8 * 2)(a1)
	ld	s3, (CTX_S0 + 8 * 3)(a1)
	ld	s4, (CTX_S0 + 8 * 4)(a1)
	ld	s5, (CTX_S0 + 8 * 5)(a1)
	ld	s6, (CTX_S0 + 8 * 6)(a1)
	ld	s7, (CTX_S0 + 8 * 7)(a1)
	ld	s8, (CTX_S0 + 8 * 8)(a1)
	ld	s9, (CTX_S0 + 8 * 9)(a1)
	ld	s10, (CTX_S0 + 8 * 10)(a1)
	ld	s11, (CTX_S0 + 8 * 11)(a1)
	ret

/* First switch to a kernel thread: into the core, never back. */
	.globl	riscv_kthread_trampoline
riscv_kthread_trampoline:
	call	kthread_start
	j	.

/*
 * First switch to a user thread (s0 = entry, s1 = user sp, s2 = arg): a
 * frame at the top of its kernel stack, filled and taken through the
 * library's exit to user mode in C, then the ordinary sret path.
 */
	.globl	riscv_uthread_trampoline
riscv_uthread_trampoline:
	addi	sp, sp, -TF_SIZE
	mv	a0, sp
	mv	a1, s0
	mv	a2, s1
	mv	a3, s2
	call	riscv_user_first_return
	j	riscv_ret_from_trap
