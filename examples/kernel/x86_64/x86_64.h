/* SPDX-License-Identifier: MIT */
/* x86_64 port internals: PC devices, descriptor tables, the entry points. */
#ifndef KERNEL_X86_64_H
#define KERNEL_X86_64_H

/* IDT vectors: exceptions, the PIC remapped above them, the APIC's own. */
#define VEC_DB            1
#define VEC_NMI           2
#define VEC_BP            3
#define VEC_DF            8
#define VEC_GP            13
#define VEC_PF            14
#define VEC_MC            18
#define VEC_PIC_BASE      0x20 /* IRQ0 (the PIT) */
#define VEC_TIMER         VEC_PIC_BASE
#define VEC_PIC_SPURIOUS  (VEC_PIC_BASE + 7)
#define VEC_APIC_SPURIOUS 0xff

/* x86_64 port bookkeeping: checked by port_exit() at the end of a run. */
struct x86_stats {
	unsigned long sysret;     /* syscalls that returned with SYSRET */
	unsigned long iret;       /* ... with IRET: SYSRET was not safe */
	unsigned long nmi;        /* NMIs taken (self-IPI) */
	unsigned long nmi_if_off; /* ... that arrived with IF clear */
};

extern struct x86_stats x86_stats;

static inline void outb(unsigned short port, unsigned char v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline unsigned char inb(unsigned short port)
{
	unsigned char v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* devices.c */
void pic_eoi(void);
bool pic_irq7_spurious(void);
void pit_tick_rearm(void);

/* entry.S */
extern const unsigned long x86_exception_stubs[32];
void x86_vec_timer(void);
void x86_vec_pic_spurious(void);
void x86_vec_apic_spurious(void);
void x86_vec_unexpected(void);
void x86_syscall_entry(void);
void x86_kthread_trampoline(void);
void x86_uthread_trampoline(void);
extern unsigned long x86_syscall_rsp; /* the running thread's kstack top */

/* boot.S */
extern unsigned long x86_gdt[7];

/* entry.S -> traps.c */
void x86_trap(irqentry_regs_t *regs);
bool x86_syscall(irqentry_regs_t *regs);
void x86_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			   unsigned long user_sp, unsigned long arg);

#endif /* KERNEL_X86_64_H */
