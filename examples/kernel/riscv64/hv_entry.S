/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 world switch (core/hv.h port_vcpu_run(), through hv.c), in
 * the shape of Linux's __kvm_riscv_switch_to() in
 * arch/riscv/kvm/vcpu_switch.S: save the host's callee-saved registers and
 * the CSRs the guest run changes, point stvec at the guest-exit vector and
 * sscratch at the vCPU, load the guest and sret to VS-mode (hstatus.SPV=1,
 * sstatus.SPP=1). Any trap while the guest runs lands on the exit vector,
 * which saves the guest, restores the host and returns from
 * riscv_vcpu_enter() as if it were an ordinary call.
 *
 * IRQs (sstatus.SIE) are off throughout, and the sstatus sret loads has
 * SPIE clear, so they stay off in HS terms; with V=1 the hart takes HS
 * interrupts whatever SIE says, so a host interrupt exits the guest at
 * once. Back on the host it stays pending until the caller enables IRQs.
 */
#include "port_arch.h"
#include "hv_arch.h"

/* The guest's x1..x31 but a0 (x10, the vCPU pointer), at 8 * N. */
	.macro	guest_gprs, op
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	\op	x\n, (8 * \n)(a0)
	.endr
	.endm

	.macro	host_regs, op
	\op	ra, VCPU_HOST_RA(a0)
	\op	sp, VCPU_HOST_SP(a0)
	\op	gp, VCPU_HOST_GP(a0)
	\op	tp, VCPU_HOST_TP(a0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	\op	s\n, (VCPU_HOST_S0 + 8 * \n)(a0)
	.endr
	.endm

	.text
/* void riscv_vcpu_enter(struct port_vcpu *v) */
	.globl	riscv_vcpu_enter
riscv_vcpu_enter:
	host_regs sd
	csrr	t0, sstatus
	sd	t0, VCPU_HOST_SSTATUS(a0)
	csrr	t0, CSR_HSTATUS
	sd	t0, VCPU_HOST_HSTATUS(a0)
	csrr	t0, stvec
	sd	t0, VCPU_HOST_STVEC(a0)
	csrr	t0, sscratch
	sd	t0, VCPU_HOST_SSCRATCH(a0)
	lla	t0, riscv_guest_exit
	csrw	stvec, t0
	csrw	sscratch, a0
	ld	t0, VCPU_SSTATUS(a0)
	csrw	sstatus, t0
	ld	t0, VCPU_HSTATUS(a0)
	csrw	CSR_HSTATUS, t0
	ld	t0, VCPU_HVIP(a0)
	csrw	CSR_HVIP, t0
	ld	t0, VCPU_PC(a0)
	csrw	sepc, t0
	guest_gprs ld
	ld	a0, (8 * 10)(a0)
	sret

/* Every trap from the guest: a0 <-> sscratch gives the vCPU back. */
	.balign	4	/* stvec MODE 0 */
riscv_guest_exit:
	csrrw	a0, sscratch, a0
	guest_gprs sd
	csrr	t0, sscratch
	sd	t0, (8 * 10)(a0)
	csrr	t0, sepc
	sd	t0, VCPU_PC(a0)
	csrr	t0, scause
	sd	t0, VCPU_SCAUSE(a0)
	csrr	t0, stval
	sd	t0, VCPU_STVAL(a0)
	csrr	t0, CSR_HTVAL
	sd	t0, VCPU_HTVAL(a0)
	csrr	t0, CSR_HTINST
	sd	t0, VCPU_HTINST(a0)
	/* No virtual interrupt reaches the host; the next entry loads
	 * the line again. */
	csrw	CSR_HVIP, zero
	ld	t0, VCPU_HOST_STVEC(a0)
	csrw	stvec, t0
	ld	t0, VCPU_HOST_SSCRATCH(a0)
	csrw	sscratch, t0
	ld	t0, VCPU_HOST_HSTATUS(a0)
	csrw	CSR_HSTATUS, t0
	ld	t0, VCPU_HOST_SSTATUS(a0)
	csrw	sstatus, t0
	host_regs ld
	ret
