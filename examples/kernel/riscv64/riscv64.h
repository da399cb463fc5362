/* SPDX-License-Identifier: MIT */
/* riscv64 port internals: scause values and the assembly entry points. */
#ifndef KERNEL_RISCV64_H
#define KERNEL_RISCV64_H

#define SCAUSE_INTERRUPT (1UL << 63)
#define IRQ_S_SOFT       1 /* the kick: SBI IPI sets sip.SSIP */
#define IRQ_S_TIMER      5
#define EXC_INSN_ACCESS  1
#define EXC_ILLEGAL      2
#define EXC_BREAKPOINT   3
#define EXC_LOAD_ACCESS  5
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U      8
#define EXC_INSN_PAGE    12
#define EXC_LOAD_PAGE    13
#define EXC_STORE_PAGE   15

void timer_rearm(void);
void riscv_ipi_ack(void);

/* SMP boot (boot.S <-> devices.c) */
extern unsigned long riscv_boot_hartid;
extern unsigned long riscv_cpu_stack[];
void riscv_secondary_entry(void);
_Noreturn void riscv_secondary_main(unsigned long cpu);

/* entry.S / boot.S -> traps.c */
void riscv_trap(irqentry_regs_t *regs);
void riscv_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			     unsigned long user_sp, unsigned long arg);
void riscv_kthread_trampoline(void);
void riscv_uthread_trampoline(void);
extern const char riscv_nmi_ebreak[]; /* the ebreak of port_nmi_trigger() */

/* libgcc's count-trailing-zeros (__builtin_ctzl without Zbb); the kernel
 * links without libgcc, so devices.c has it, as Linux's lib/clz_ctz.c. */
int __ctzdi2(unsigned long x);

#endif /* KERNEL_RISCV64_H */
