/* SPDX-License-Identifier: MIT */
/*
 * x86_64 entry: the IDT stubs and the SYSCALL entry save a full trap frame
 * and call C (traps.c), which runs the irqentry_x86_* wrapper for the
 * class and returns with IF clear; then the frame is restored and IRETQ
 * (or SYSRETQ, when the syscall wrapper says it is safe) resumes the
 * interrupted context. Also the context switch and the first-run
 * trampolines of new threads.
 *
 * Every IDT gate is an interrupt gate (IF clear on arrival). From ring 3
 * the CPU switches to TSS.rsp0, the running thread's kernel stack top; the
 * NMI and #DF gates use IST stacks of their own (each CPU has its TSS).
 */
#include "port_arch.h"

/* The general registers, below the CPU's frame, error code, vector and
 * orig_rax: the layout of struct trapframe. */
	.macro	push_gprs
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	pushq	$0			/* cr2 */
	.endm

/* Leaves RSP at orig_rax. */
	.macro	pop_gprs
	addq	$8, %rsp		/* cr2 */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	.endm

/* One IDT stub: a 0 where the CPU pushes no error code, the vector, and
 * the common path. */
	.macro	idt_stub, name, vector
	.balign	16
	.globl	\name
\name:
	.if	(\vector == 8) || ((\vector >= 10) && (\vector <= 14)) || \
		(\vector == 17) || (\vector == 21) || (\vector == 29) || \
		(\vector == 30)
	.else
	pushq	$0
	.endif
	pushq	$\vector
	jmp	x86_entry_common
	.endm

	.text
	.irp	v, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	idt_stub x86_exc_\v, \v
	.endr
	idt_stub x86_vec_timer, 0xec
	idt_stub x86_vec_ipi, 0xfd
	idt_stub x86_vec_pic_spurious, 0x27
	idt_stub x86_vec_apic_spurious, 0xff
	idt_stub x86_vec_unexpected, 0x1ff	/* any other vector: panic */

	.section .rodata
	.balign	8
	.globl	x86_exception_stubs
x86_exception_stubs:
	.irp	v, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, \
		16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	.quad	x86_exc_\v
	.endr

	.text
/*
 * Every IDT vector: the CPU aligned RSP to 16 before its 5-word frame, the
 * stub pushed 2 words, the 17 here make the 192-byte trapframe, so the
 * call is made with RSP aligned as the ABI wants. DF is cleared for C (a
 * user may leave it set; the CPU does not clear it).
 */
x86_entry_common:
	pushq	$-1			/* orig_rax: not a syscall */
	push_gprs
	cld
	movq	%rsp, %rdi
	call	x86_trap
x86_iret:
	pop_gprs
	addq	$24, %rsp		/* orig_rax, vector, error code */
	iretq

/*
 * SYSCALL from ring 3: RCX = user RIP, R11 = user RFLAGS, CS/SS from STAR,
 * IF, TF, DF, NT and AC cleared by FMASK, RSP still the user's. GS base
 * is this CPU's block (never swapped, port_arch.h), and with IF clear
 * nothing else runs on this CPU while its scratch word holds the user RSP
 * (an NMI here runs on its IST stack and does not touch it). The frame is
 * the same as an interrupt from ring 3 would build.
 */
	.globl	x86_syscall_entry
x86_syscall_entry:
	movq	%rsp, %gs:CPU_USER_RSP
	movq	%gs:CPU_SYSCALL_RSP, %rsp
	pushq	$USER_DS		/* ss */
	pushq	%gs:CPU_USER_RSP	/* rsp */
	pushq	%r11			/* rflags */
	pushq	$USER_CS		/* cs */
	pushq	%rcx			/* rip */
	pushq	$0			/* error code */
	pushq	$VEC_SYSCALL		/* vector */
	pushq	%rax			/* orig_rax: the syscall number */
	push_gprs
	movq	%rsp, %rdi
	call	x86_syscall		/* returns true if SYSRET is safe */
	testb	%al, %al
	jz	x86_iret
	/* SYSRET loads RIP from RCX and RFLAGS from R11: the wrapper has
	 * checked that the frame's RCX and R11 hold exactly those. The user
	 * RSP is live from here with IF still clear until SYSRET sets it. */
	pop_gprs
	movq	(TF_RIP - TF_ORIG_RAX)(%rsp), %rcx
	movq	(TF_RFLAGS - TF_ORIG_RAX)(%rsp), %r11
	movq	(TF_RSP - TF_ORIG_RAX)(%rsp), %rsp
	sysretq

/*
 * void port_switch(struct port_context *from, struct port_context *to)
 * Callee-saved registers and RSP; the next thread's kernel stack top
 * becomes this CPU's TSS.rsp0 and SYSCALL stack (IF clear: the thread
 * cannot move to another CPU in between).
 */
	.globl	port_switch
port_switch:
	movq	%rbx, 0(%rdi)
	movq	%rbp, 8(%rdi)
	movq	%r12, 16(%rdi)
	movq	%r13, 24(%rdi)
	movq	%r14, 32(%rdi)
	movq	%r15, 40(%rdi)
	movq	%rsp, CTX_RSP(%rdi)
	movq	CTX_KSTACK(%rsi), %rax
	movq	%rax, %gs:(CPU_TSS + TSS_RSP0)
	movq	%rax, %gs:CPU_SYSCALL_RSP
	movq	0(%rsi), %rbx
	movq	8(%rsi), %rbp
	movq	16(%rsi), %r12
	movq	24(%rsi), %r13
	movq	32(%rsi), %r14
	movq	40(%rsi), %r15
	movq	CTX_RSP(%rsi), %rsp
	ret

/* First switch to a kernel thread (RSP = its stack top): into the core. */
	.globl	x86_kthread_trampoline
x86_kthread_trampoline:
	call	kthread_start
	ud2

/*
 * First switch to a user thread (r12 = entry, r13 = user RSP, r14 = arg):
 * a frame at the top of its kernel stack, where a ring 3 interrupt would
 * put it, filled and taken through the library's exit in C, then the
 * ordinary IRET path.
 */
	.globl	x86_uthread_trampoline
x86_uthread_trampoline:
	subq	$TF_SIZE, %rsp
	movq	%rsp, %rdi
	movq	%r12, %rsi
	movq	%r13, %rdx
	movq	%r14, %rcx
	call	x86_user_first_return
	jmp	x86_iret

/* No executable stack (the linker warns without this note). */
	.section .note.GNU-stack, "", @progbits
