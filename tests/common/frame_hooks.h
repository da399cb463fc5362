/* SPDX-License-Identifier: MIT */
/*
 * The trap-frame hooks the test OS headers share. Include after defining
 * irqentry_regs_t as a struct with the fields below; define any of these
 * hooks first (and announce it) to keep your own. Test code only: a real
 * kernel's frame hooks read its own frame layout.
 *
 *	unsigned long status;   saved PSTATE / SSTATUS / RFLAGS
 *	unsigned long cs, ss;   x86: saved CS and SS
 *	unsigned long pc;       ELR / SEPC / RIP
 *	unsigned long cx, r11;  x86 SYSRET: RCX and R11 as saved
 *	long nr, ret;           syscall number and return value registers
 */
#ifndef IRQENTRY_TEST_FRAME_HOOKS_H
#define IRQENTRY_TEST_FRAME_HOOKS_H

#ifndef irqentry_os_regs_status
static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status
#endif

#ifndef irqentry_os_regs_cs
static inline unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
{
	return regs->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs
#endif

#ifndef irqentry_os_regs_ss
static inline unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs)
{
	return regs->ss;
}
#define irqentry_os_regs_ss irqentry_os_regs_ss
#endif

/*
 * x86: the user selectors SYSRET loads (the GDT of the example kernel and
 * of irqentry_testing_regs_cs()/_ss(): user data 0x18, user code 0x20).
 */
#ifndef IRQENTRY_OS_X86_USER_CS
#define IRQENTRY_OS_X86_USER_CS 0x23UL
#endif
#ifndef IRQENTRY_OS_X86_USER_SS
#define IRQENTRY_OS_X86_USER_SS 0x1bUL
#endif

#ifndef irqentry_os_regs_pc
static inline unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
{
	return regs->pc;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc
#endif

#ifndef irqentry_os_regs_set_pc
static inline void irqentry_os_regs_set_pc(irqentry_regs_t *regs,
					   unsigned long pc)
{
	regs->pc = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc
#endif

#ifndef irqentry_os_regs_cx
static inline unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
{
	return regs->cx;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx
#endif

#ifndef irqentry_os_regs_r11
static inline unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
{
	return regs->r11;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11
#endif

#ifndef irqentry_os_syscall_get_nr
static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return regs->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr
#endif

#ifndef irqentry_os_syscall_set_return
static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->ret = value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#endif

/* RISC-V: a0 is both the first argument and the return value (ret). */
#ifndef irqentry_os_syscall_save_orig_a0
static inline void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *regs)
{
	(void)regs;
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0
#endif

/* arm64: x0 likewise. */
#ifndef irqentry_os_syscall_save_orig_x0
static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
{
	(void)regs;
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0
#endif

#endif /* IRQENTRY_TEST_FRAME_HOOKS_H */
