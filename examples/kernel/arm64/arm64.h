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
#define IPI_SGI          0 /* the kick: software-generated interrupt 0 */
#define GIC_SPURIOUS     1023
#define GIC_IAR_ID(iar)  ((iar)&0x3ffU)
#define GIC_IAR_SRC(iar) (((iar) >> 10) & 0x7U) /* SGI: sender's interface */

/* GICv2 on QEMU virt: the distributor, shared, with the SGI/PPI registers
 * (ISENABLER0, IPRIORITYR0..7, ITARGETSR0..7) banked per CPU, and the CPU
 * interface, one per CPU at the same address. */
#define GICD_BASE       0x08000000UL
#define GICD_CTLR       0x000
#define GICD_ISENABLER0 0x100
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_SGIR       0xf00
#define GICC_BASE       0x08010000UL
#define GICC_CTLR       0x000
#define GICC_PMR        0x004
#define GICC_IAR        0x00c
#define GICC_EOIR       0x010

static inline void mmio_write32(unsigned long addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_read32(unsigned long addr)
{
	return *(volatile uint32_t *)addr;
}

unsigned int gic_ack(void);
void gic_eoi(unsigned int iar);
void timer_rearm(void);
void gic_cpu_init(void);

/* smp.c */
void arm64_smp_boot_cpu(void);
unsigned int arm64_cpu_index(void);
unsigned long arm64_psci_call(unsigned long fn, unsigned long a1,
			      unsigned long a2, unsigned long a3);
void arm64_secondary_entry(void);
_Noreturn void arm64_secondary_start(unsigned int cpu);
extern unsigned long arm64_secondary_sp[];

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
