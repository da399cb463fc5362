/* SPDX-License-Identifier: MIT */
/*
 * The x86_64 world switch (core/hv.h port_vcpu_run(), through hv.c): AMD
 * SVM, in the shape of Linux's __svm_vcpu_run() in
 * arch/x86/kvm/svm/vmenter.S.
 *
 * VMRUN saves only part of the host in the VM_HSAVE_PA page (segments,
 * control registers, EFER, RFLAGS, RIP, RSP, RAX) and loads the same part
 * of the guest from its VMCB; the general registers but RAX and RSP are
 * nobody's business but ours, and FS, GS, TR, LDTR and the SYSCALL MSRs
 * move only with VMSAVE/VMLOAD. So: save the host's callee-saved registers
 * on its stack and its VMLOAD state in a page of its own, load the guest's
 * registers, and
 *
 *	CLGI	no interrupt, NMI included, is taken from here ...
 *	STI	... but the host's IF is set while the guest runs: with
 *		V_INTR_MASKING the host's IF (HIF) decides whether a
 *		physical interrupt exits the guest, so any pending or
 *		arriving one makes a #VMEXIT (INTR intercept) at once
 *	VMLOAD, VMRUN, VMSAVE   the guest
 *	CLI	IF clear again before ...
 *	STGI	... interrupts are possible again: the one that made the
 *		exit stays pending until the caller enables IRQs, and is
 *		taken through the ordinary IDT vector and irqentry.
 *
 * #VMEXIT returns to the instruction after VMRUN with the host's RSP and
 * RAX (the VMCB address) back and GIF clear.
 */
#include "port_arch.h"
#include "hv_arch.h"

/* The guest's registers but RAX and RSP, the vCPU in RAX; RDI (the vCPU
 * argument on the way in) separately. */
	.macro	load_guest_gprs
	movq	VCPU_RBX(%rax), %rbx
	movq	VCPU_RCX(%rax), %rcx
	movq	VCPU_RDX(%rax), %rdx
	movq	VCPU_RSI(%rax), %rsi
	movq	VCPU_RBP(%rax), %rbp
	movq	VCPU_R8(%rax), %r8
	movq	VCPU_R9(%rax), %r9
	movq	VCPU_R10(%rax), %r10
	movq	VCPU_R11(%rax), %r11
	movq	VCPU_R12(%rax), %r12
	movq	VCPU_R13(%rax), %r13
	movq	VCPU_R14(%rax), %r14
	movq	VCPU_R15(%rax), %r15
	.endm

	.macro	store_guest_gprs
	movq	%rbx, VCPU_RBX(%rax)
	movq	%rcx, VCPU_RCX(%rax)
	movq	%rdx, VCPU_RDX(%rax)
	movq	%rsi, VCPU_RSI(%rax)
	movq	%rbp, VCPU_RBP(%rax)
	movq	%r8, VCPU_R8(%rax)
	movq	%r9, VCPU_R9(%rax)
	movq	%r10, VCPU_R10(%rax)
	movq	%r11, VCPU_R11(%rax)
	movq	%r12, VCPU_R12(%rax)
	movq	%r13, VCPU_R13(%rax)
	movq	%r14, VCPU_R14(%rax)
	movq	%r15, VCPU_R15(%rax)
	.endm

	.text
/* void x86_svm_run(struct port_vcpu *v, void *host_state) */
	.globl	x86_svm_run
x86_svm_run:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	%rsi			/* host_state, for after the exit */
	movq	%rsi, %rax
	vmsave	%rax			/* the host's FS, GS, TR, LDTR, MSRs */
	movq	%rdi, %rax		/* the VMCB: offset 0 of the vCPU */
	load_guest_gprs
	movq	VCPU_RDI(%rax), %rdi
	clgi
	sti
	vmload	%rax
	vmrun	%rax
	vmsave	%rax
	cli
	store_guest_gprs
	movq	%rdi, VCPU_RDI(%rax)
	popq	%rax			/* host_state */
	vmload	%rax
	stgi
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/* No executable stack (the linker warns without this note). */
	.section .note.GNU-stack, "", @progbits
