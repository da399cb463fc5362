/* SPDX-License-Identifier: MIT */
/*
 * The x86_64 guest's side (core/hv.h guest stubs): its first instruction,
 * the hypercall instruction, its interrupt vectors and the instructions
 * the host intercepts. The guest runs in 64-bit mode at CPL 0 on the
 * host's page tables and GDT (no nested paging: its addresses are the
 * host's), with an IDT of its own (hv.c builds it, the guest loads it).
 *
 * Hypercall ABI: VMMCALL with the number in RAX and the arguments in RDI,
 * RSI, RDX (the host kernel's own syscall ABI), the result in RAX.
 */
#include "port_arch.h"
#include "hv.h"
#include "hv_arch.h"

	.text
/* RDI = the guest_shared pointer, RSP set by port_vcpu_init(). */
	.globl	guest_start
guest_start:
	call	guest_main
	movl	$HC_EXIT, %eax
	movl	$98, %edi
	vmmcall
	jmp	guest_start

/* long guest_hypercall(long nr, long a0, long a1) */
	.globl	guest_hypercall
guest_hypercall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	vmmcall
	ret

/*
 * void guest_irq_enable(struct guest_shared *g): @g in the guest's GS
 * base (an MSR no intercept watches; VMSAVE keeps it per vCPU, the host's
 * own comes back with VMLOAD), the guest IDT, interrupts on. The guest's
 * IF masks only its virtual interrupt (V_INTR_MASKING).
 */
	.globl	guest_irq_enable
guest_irq_enable:
	movl	$MSR_GS_BASE, %ecx
	movl	%edi, %eax
	movq	%rdi, %rdx
	shrq	$32, %rdx
	wrmsr
	lidt	guest_idt_ptr(%rip)
	sti
	ret

/* void guest_irq_disable(void): mask the virtual interrupt (IF). */
	.globl	guest_irq_disable
guest_irq_disable:
	cli
	ret

/* void guest_wfi(void): HLT is intercepted, the host idles for us */
	.globl	guest_wfi
guest_wfi:
	hlt
	ret

/* unsigned long guest_read_counter(void): RDTSC is intercepted and
 * emulated by the host (the "fault" exit) */
	.globl	guest_read_counter
guest_read_counter:
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret

/* unsigned long guest_bench_counter(void): the same RDTSC, which
 * benchmark builds do not intercept (port_hv_bench_init()); under
 * -icount the TSC counts instructions, as the host's port_bench_counter()
 * does. */
	.globl	guest_bench_counter
guest_bench_counter:
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret

/*
 * The virtual timer interrupt (GUEST_VEC_VIRQ, an interrupt gate: the
 * guest's IF is clear inside). The CPU aligned RSP to 16 before its
 * 5-word frame; nine pushes make the call aligned as the ABI wants.
 */
	.balign	16
	.globl	guest_vec_virq
guest_vec_virq:
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	cld
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	movq	%rax, %rdi
	call	guest_virq
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rax
	iretq

/* Any exception in the guest: it ends with status 97. */
	.balign	16
	.globl	guest_vec_exception
guest_vec_exception:
	movl	$HC_EXIT, %eax
	movl	$97, %edi
	xorl	%esi, %esi
	vmmcall
	jmp	guest_vec_exception

/* No executable stack (the linker warns without this note). */
	.section .note.GNU-stack, "", @progbits
