/* SPDX-License-Identifier: MIT */
/* arm64 port internals: QEMU virt devices and the vector entry points. */
#ifndef KERNEL_ARM64_H
#define KERNEL_ARM64_H

#if KERNEL_HV
/*
 * The VHE host's tick: under E2H the kernel's CNTP_*_EL0 names reach the
 * EL2 physical timer (CNTHP_*_EL2), PPI 10 = INTID 26 on QEMU virt. Not the
 * EL2 virtual timer (CNTHV, INTID 28, what CNTV_* would reach): QEMU's virt
 * board wires it to the GIC only from QEMU 9.0 on (7.2 leaves it
 * unconnected: ISTATUS rises, nothing is pending).
 */
#define TIMER_PPI  26
#define TIMER_TVAL "cntp_tval_el0"
#define TIMER_CTL  "cntp_ctl_el0"
#else
#define TIMER_PPI  27 /* EL1 virtual timer */
#define TIMER_TVAL "cntv_tval_el0"
#define TIMER_CTL  "cntv_ctl_el0"
#endif
#define GIC_SPURIOUS 1023

unsigned int gic_ack(void);
void gic_eoi(unsigned int iar);
void timer_rearm(void);

/* entry.S -> traps.c */
void arm64_el1_sync(irqentry_regs_t *regs);
void arm64_el1_irq(irqentry_regs_t *regs);
void arm64_el1_serror(irqentry_regs_t *regs);
void arm64_el0_sync(irqentry_regs_t *regs);
void arm64_el0_irq(irqentry_regs_t *regs);
void arm64_el0_serror(irqentry_regs_t *regs);
_Noreturn void arm64_bad_vector(irqentry_regs_t *regs);
void arm64_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			     unsigned long user_sp, unsigned long arg);
void arm64_kthread_trampoline(void);
void arm64_uthread_trampoline(void);

#if KERNEL_HV
/* hv.c <-> hv_entry.S (the world switch; core/hv.h has the rest) */
struct port_vcpu;
unsigned long arm64_hv_enter(struct port_vcpu *v);
_Noreturn void arm64_hv_bad_vector(unsigned long esr, unsigned long elr);
#endif

#endif /* KERNEL_ARM64_H */
