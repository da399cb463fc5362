/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 guest's side (core/hv.h guest stubs): its first
 * instruction, the hypercall instruction, its trap vector and the
 * instructions the host traps. Runs in VS-mode, where sstatus, sie, stvec,
 * sscratch and sepc are the hart's vs* registers; no translation (vsatp
 * and hgatp Bare), so these are the host's physical addresses.
 */
#include "port_arch.h"
#include "hv.h"

#define SIE_SSIE   0x2 /* the guest's view: its S-level software interrupt */
#define CAUSE_VSSI ((1 << 63) | 1)

	.text
/* a0 = the guest_shared pointer, sp and gp set by port_vcpu_init(). */
	.globl	guest_start
guest_start:
	call	guest_main
	li	a7, HC_EXIT
	li	a0, 98
	ecall
	j	.

/* long guest_hypercall(long nr, long a0, long a1): ecall from VS-mode */
	.globl	guest_hypercall
guest_hypercall:
	mv	a7, a0
	mv	a0, a1
	mv	a1, a2
	ecall
	ret

/* void guest_irq_enable(struct guest_shared *g): the vector, the
 * guest's own pointer in its sscratch, the virtual timer unmasked. */
	.globl	guest_irq_enable
guest_irq_enable:
	csrw	sscratch, a0
	lla	t0, guest_vector
	csrw	stvec, t0
	li	t0, SIE_SSIE
	csrs	sie, t0
	csrsi	sstatus, SSTATUS_SIE
	ret

/* void guest_irq_disable(void): mask the virtual timer (sstatus.SIE). */
	.globl	guest_irq_disable
guest_irq_disable:
	csrci	sstatus, SSTATUS_SIE
	ret

/* void guest_wfi(void): traps to the host (hstatus.VTW) */
	.globl	guest_wfi
guest_wfi:
	wfi
	ret

/* unsigned long guest_read_counter(void): hcounteren.TM is 0, so the
 * read traps to the host, which emulates it. */
	.globl	guest_read_counter
guest_read_counter:
	csrr	a0, time
	ret

/* The guest's trap vector: only its virtual timer interrupt is
 * expected; anything else ends the guest with status 97. */
	.balign	4
guest_vector:
	addi	sp, sp, -128
	sd	ra, 0(sp)
	sd	t0, 8(sp)
	sd	t1, 16(sp)
	sd	t2, 24(sp)
	sd	t3, 32(sp)
	sd	t4, 40(sp)
	sd	t5, 48(sp)
	sd	t6, 56(sp)
	sd	a0, 64(sp)
	sd	a1, 72(sp)
	sd	a2, 80(sp)
	sd	a3, 88(sp)
	sd	a4, 96(sp)
	sd	a5, 104(sp)
	sd	a6, 112(sp)
	sd	a7, 120(sp)
	csrr	t0, scause
	li	t1, CAUSE_VSSI
	beq	t0, t1, 1f
	li	a7, HC_EXIT
	li	a0, 97
	ecall
	j	.
1:	csrr	a0, sscratch
	call	guest_virq
	ld	ra, 0(sp)
	ld	t0, 8(sp)
	ld	t1, 16(sp)
	ld	t2, 24(sp)
	ld	t3, 32(sp)
	ld	t4, 40(sp)
	ld	t5, 48(sp)
	ld	t6, 56(sp)
	ld	a0, 64(sp)
	ld	a1, 72(sp)
	ld	a2, 80(sp)
	ld	a3, 88(sp)
	ld	a4, 96(sp)
	ld	a5, 104(sp)
	ld	a6, 112(sp)
	ld	a7, 120(sp)
	addi	sp, sp, 128
	sret

/* unsigned long guest_bench_counter(void): instret, readable from
 * VS-mode in benchmark builds (port_hv_bench_init()). */
	.globl	guest_bench_counter
guest_bench_counter:
	rdinstret a0
	ret
