/* SPDX-License-Identifier: MIT */
/*
 * x86_64 boot and the small assembly primitives: the multiboot1 header, the
 * 32-bit entry that builds the identity map and enters long mode, the GDT,
 * the fault-probing loads (with their exception-table entries), the idle
 * wait, the user-mode syscall stubs, and the start-up code of the other
 * CPUs (real mode -> protected mode -> long mode).
 */
#include "port_arch.h"
#include "abi.h"

#define MB_MAGIC 0x1badb002
/* Bit 16: the address fields below are valid. QEMU (and GRUB) then load
 * the image from them, whatever the file format, so kernel.elf can stay a
 * 64-bit ELF (QEMU refuses ELF64 multiboot images otherwise). */
#define MB_FLAGS 0x00010000

#define MSR_EFER 0xc0000080
#define MSR_GS_BASE 0xc0000101
#define EFER_SCE 0x001 /* SYSCALL/SYSRET */
#define EFER_LME 0x100 /* long mode */
#define CR0_PE   0x00000001
#define CR0_NW   0x20000000
#define CR0_CD   0x40000000
#define CR0_WP   0x00010000
#define CR0_PG   0x80000000
#define CR4_PAE  0x20

#define PTE_P   0x01
#define PTE_RW  0x02
#define PTE_US  0x04 /* ring 3 may use it */
#define PTE_PWT 0x08
#define PTE_PCD 0x10
#define PTE_PS  0x80 /* a 2 MiB page (in a PD) */

#define LAPIC_PHYS 0xfee00000
#define LAPIC_PDE  ((LAPIC_PHYS >> 21) & 511) /* in the PD of the 4th GiB */

/* One exception-table entry: the load at \insn may fault, resume at \fixup. */
	.macro	extable, insn, fixup
	.pushsection __ex_table, "a"
	.balign	8
	.quad	\insn, \fixup
	.popsection
	.endm

	.section .text.boot, "ax"
	.code32
	.balign	4
	.globl	mb_header
mb_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
	.long	mb_header	/* header_addr: the header starts the image */
	.long	__image_start	/* load_addr */
	.long	__load_end	/* load_end_addr: end of .data */
	.long	__bss_end	/* bss_end_addr: the loader zeroes up to here */
	.long	_start32	/* entry_addr */

/*
 * The multiboot entry: 32-bit protected mode, paging off, EAX = 0x2badb002.
 * Identity-map the first GiB with 2 MiB pages, user-accessible (user code
 * and kernel share the image, as with the arm64 port's MMU off), plus the
 * local APIC page for the kernel only; nothing else is mapped, so the
 * second GiB is the fault scenarios' bad address. Then PAE, EFER.LME and
 * SCE, paging on, and a far jump into the 64-bit code segment.
 */
	.globl	_start32
_start32:
	cli
	cld
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx
	xorl	%eax, %eax
	rep stosl
	movl	$boot_pdpt + (PTE_P | PTE_RW | PTE_US), boot_pml4
	movl	$boot_pd_low + (PTE_P | PTE_RW | PTE_US), boot_pdpt
	movl	$boot_pd_apic + (PTE_P | PTE_RW), boot_pdpt + 3 * 8
	movl	$LAPIC_PHYS + (PTE_P | PTE_RW | PTE_PWT | PTE_PCD | PTE_PS), \
		boot_pd_apic + LAPIC_PDE * 8
	movl	$boot_pd_low, %edi
	movl	$(PTE_P | PTE_RW | PTE_US | PTE_PS), %eax
	movl	$512, %ecx
1:	movl	%eax, (%edi)
	addl	$0x200000, %eax
	addl	$8, %edi
	loop	1b
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_SCE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0
	lgdt	gdt_ptr
	ljmp	$KERNEL_CS, $long_mode

	.code64
long_mode:
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	/* GS base: the boot CPU's block, so port_current() reads NULL until
	 * the core sets it (x86_cpu_init() writes the same again). */
	movl	$MSR_GS_BASE, %ecx
	movl	$x86_cpus, %eax
	xorl	%edx, %edx
	wrmsr
	movq	$boot_stack_top, %rsp
	/* IF stays clear until the idle loop enables interrupts. */
	call	kernel_main
2:	hlt
	jmp	2b

/*
 * The application processors (smp.c): an INIT-SIPI-SIPI starts one in real
 * mode at CS:IP = (X86_TRAMPOLINE_PHYS >> 4):0, where smp.c copied this
 * code. It runs position-dependent on that copy, so every address it uses
 * before long mode is X86_TRAMPOLINE_PHYS + (label - x86_ap_trampoline).
 * A GDT of its own gives it a flat 32-bit code segment (the kernel's 0x08
 * is a 64-bit one); from protected mode on it follows the boot CPU's path:
 * the same page tables, PAE, EFER.LME and SCE, paging, then the kernel's
 * GDT and a far jump into 64-bit code back in the image.
 */
#define TRAMP(label) (X86_TRAMPOLINE_PHYS + (label) - x86_ap_trampoline)
	.balign	16
	.globl	x86_ap_trampoline
	.code16
x86_ap_trampoline:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	tramp_gdt_ptr - x86_ap_trampoline
	movl	%cr0, %eax		/* INIT left the caches disabled */
	andl	$~(CR0_CD | CR0_NW), %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$0x08, $TRAMP(tramp_pm32)

	.code32
tramp_pm32:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_SCE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0
	lgdt	gdt_ptr
	ljmp	$KERNEL_CS, $ap_long_mode

	.balign	8
tramp_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x08 flat 32-bit code */
	.quad	0x00cf92000000ffff	/* 0x10 flat data */
tramp_gdt_ptr:
	.word	3 * 8 - 1
	.long	TRAMP(tramp_gdt)
	.globl	x86_ap_trampoline_end
x86_ap_trampoline_end:

/* Back in the image, 64-bit: the stack and logical index the boot CPU left
 * in the mailbox (it waits until x86_ap_main() says the AP is up before
 * it reuses it), null FS and GS (x86_cpu_init() then sets GS base), C. */
	.code64
ap_long_mode:
	movl	$KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	movq	x86_ap_stack(%rip), %rsp
	movl	x86_ap_cpu(%rip), %edi
	call	x86_ap_main
3:	hlt
	jmp	3b

	.text
/* int port_probe_read(const unsigned long *addr, unsigned long *val) */
	.globl	port_probe_read
port_probe_read:
1:	movq	(%rdi), %rax
	movq	%rax, (%rsi)
	xorl	%eax, %eax
	ret
2:	movl	$-EFAULT, %eax
	ret
	extable	1b, 2b

/* int port_get_user_u8(unsigned char *dst, const unsigned char *src) */
	.globl	port_get_user_u8
port_get_user_u8:
1:	movzbl	(%rsi), %eax
	movb	%al, (%rdi)
	xorl	%eax, %eax
	ret
2:	movl	$-EFAULT, %eax
	ret
	extable	1b, 2b

/* void port_idle(void): STI's one-instruction shadow makes STI; HLT one
 * step, so an interrupt that became pending before it wakes the HLT instead
 * of being taken (and missed) in between. The interrupt is taken at the
 * HLT; IF is clear again on return. */
	.globl	port_idle
port_idle:
	sti
	hlt
	cli
	ret

/* User mode: long port_user_syscall(long nr, long a0, long a1, long a2).
 * The kernel's ABI: RAX = nr, RDI, RSI, RDX = arguments, RAX = result;
 * SYSCALL clobbers RCX and R11, both call-clobbered anyway. */
	.globl	port_user_syscall
port_user_syscall:
	movq	%rdi, %rax
	movq	%rsi, %rdi
	movq	%rdx, %rsi
	movq	%rcx, %rdx
	syscall
	ret

/* User mode: the handler returns here with RSP at the signal frame. */
	.globl	port_user_sigreturn
port_user_sigreturn:
	movl	$SYS_SIGRETURN, %eax
	syscall
	ud2

/*
 * The GDT: flat segments, the user pair in the order SYSRET wants (data at
 * STAR base + 8, code at + 16), and a 16-byte TSS descriptor that
 * port_init() fills in.
 */
	.data
	.balign	16
	.globl	x86_gdt
x86_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08 kernel code: 64-bit, DPL 0 */
	.quad	0x00cf92000000ffff	/* 0x10 kernel data */
	.quad	0x00cff2000000ffff	/* 0x18 user data, DPL 3 */
	.quad	0x00affa000000ffff	/* 0x20 user code: 64-bit, DPL 3 */
	.rept	X86_MAX_CPUS
	.quad	0, 0			/* 0x28 + 16 * cpu: TSS of cpu */
	.endr
gdt_end:
	.balign	8
gdt_ptr:
	.word	gdt_end - x86_gdt - 1
	.quad	x86_gdt

	.balign	8
	.globl	x86_ap_stack, x86_ap_cpu
x86_ap_stack:
	.quad	0
x86_ap_cpu:
	.quad	0

	.bss
	.balign	4096
boot_pml4:
	.space	4096
boot_pdpt:
	.space	4096
boot_pd_low:
	.space	4096
boot_pd_apic:
	.space	4096
	.balign	16
boot_stack:
	.space	16384
boot_stack_top:

/* No executable stack (the linker warns without this note). */
	.section .note.GNU-stack, "", @progbits
