/* SPDX-License-Identifier: MIT */
/*
 * riscv64 boot and the small assembly primitives: the entry point, the
 * fault-probing loads (with their exception-table entries), the NMI-class
 * trigger, the idle wait, and the user-mode syscall stubs.
 */
#include "port_arch.h"
#include "abi.h"

/* One exception-table entry: the load at insn may fault, resume at fixup. */
	.macro	extable, insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.dword	\insn, \fixup
	.popsection
	.endm

	.section .text.boot, "ax"
	.globl	_start
/* What every hart sets up before C: gp, no interrupts, the vector, tp 0
 * (no current thread yet), and the kernel's process-context state: SUM
 * set (the kernel reads and writes the U pages, which hold all data), SIE
 * clear until the idle loop enables interrupts. */
	.macro	hart_setup
	.option	push
	.option	norelax
	lla	gp, __global_pointer$
	.option	pop
	csrw	sie, zero
	csrci	sstatus, SSTATUS_SIE
	/* sscratch == 0 tells the trap vector "trapped from S-mode". */
	csrw	sscratch, zero
	li	tp, 0
	lla	t0, riscv_trap_vector
	csrw	stvec, t0
	li	t0, SSTATUS_SUM
	csrs	sstatus, t0
	.endm

_start:
	/* OpenSBI enters the boot hart, whichever it is, in S-mode with satp
	 * Bare and SIE clear (a0 = hart id, a1 = DTB, unused). */
	hart_setup
	lla	sp, boot_stack_top
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	lla	t0, riscv_boot_hartid	/* after .bss is cleared */
	sd	a0, 0(t0)
	call	kernel_main
	j	.

/*
 * A secondary hart, started by SBI HSM hart_start (devices.c): S-mode,
 * satp Bare, SIE clear, a0 = hart id, a1 = the opaque word, here its
 * logical CPU number; its stack is riscv_cpu_stack[a1].
 */
	.globl	riscv_secondary_entry
riscv_secondary_entry:
	hart_setup
	lla	t0, riscv_cpu_stack
	slli	t1, a1, 3
	add	t0, t0, t1
	ld	sp, 0(t0)
	mv	a0, a1
	call	riscv_secondary_main
	j	.

	.text
/* int port_probe_read(const unsigned long *addr, unsigned long *val) */
	.globl	port_probe_read
port_probe_read:
1:	ld	t0, 0(a0)
	sd	t0, 0(a1)
	li	a0, 0
	ret
2:	li	a0, -EFAULT
	ret
	extable	1b, 2b

/* int port_get_user_u8(unsigned char *dst, const unsigned char *src) */
	.globl	port_get_user_u8
port_get_user_u8:
1:	lbu	t0, 0(a1)
	sb	t0, 0(a0)
	li	a0, 0
	ret
2:	li	a0, -EFAULT
	ret
	extable	1b, 2b

/*
 * void port_nmi_trigger(void): an S-mode ebreak, which traps.c routes
 * through irqentry_riscv_kernel_trap() (a kernel synchronous trap is
 * NMI-class, as in Linux). Always the 4-byte encoding, never c.ebreak:
 * the handler resumes at riscv_nmi_ebreak + 4.
 */
	.globl	port_nmi_trigger
	.globl	riscv_nmi_ebreak
port_nmi_trigger:
	.option	push
	.option	norvc
riscv_nmi_ebreak:
	ebreak
	.option	pop
	ret

/* void port_idle(void): WFI wakes on a pending enabled interrupt even with
 * SIE clear; the interrupt is taken once the caller sets SIE. */
	.globl	port_idle
port_idle:
	wfi
	ret

/* User mode (U-executable page): long port_user_syscall(nr, a0, a1, a2) */
	.section .utext, "ax"
	.globl	port_user_syscall
port_user_syscall:
	mv	a7, a0
	mv	a0, a1
	mv	a1, a2
	mv	a2, a3
	ecall
	ret

/* User mode: the handler returns here with SP at the signal frame. */
	.globl	port_user_sigreturn
port_user_sigreturn:
	li	a7, SYS_SIGRETURN
	ecall
	j	.

	.bss
	.balign	16
boot_stack:
	.space	8192
boot_stack_top:
