/* SPDX-License-Identifier: MIT */
/*
 * arm64 hypervisor build (KERNEL_HV): the register values of the VHE host
 * and of its EL1 guests, and struct port_vcpu, the guest state the world
 * switch (hv_entry.S) saves and restores. Included by C and assembly.
 *
 * The host runs at EL2 with HCR_EL2.E2H and TGE set (VHE): the kernel's
 * EL1 register names reach the EL2 registers, EL0 exceptions go to EL2,
 * and the EL1&0 regime belongs to the guest, whose EL1 registers the host
 * reaches through the *_EL12 names while TGE is clear.
 */
#ifndef KERNEL_ARM64_HV_ARCH_H
#define KERNEL_ARM64_HV_ARCH_H

#ifdef __ASSEMBLER__
#define HV_BIT(n) (1 << (n))
#define HV_UL(x)  (x)
#else
#define HV_BIT(n) (1UL << (n))
#define HV_UL(x)  (x##UL)
#endif

/* HCR_EL2 bits (Arm ARM D19.2.48; Linux arch/arm64/include/asm/kvm_arm.h) */
#define HCR_FMO HV_BIT(3)  /* physical FIQ to EL2 */
#define HCR_IMO HV_BIT(4)  /* physical IRQ to EL2, virtual IRQ enabled */
#define HCR_AMO HV_BIT(5)  /* SError to EL2 */
#define HCR_VI  HV_BIT(7)  /* virtual IRQ pending */
#define HCR_TWI HV_BIT(13) /* trap WFI from EL1/EL0 */
#define HCR_TGE HV_BIT(27) /* EL0 is the host's: exceptions go to EL2 */
#define HCR_RW  HV_BIT(31) /* EL1 is AArch64 */
#define HCR_E2H HV_BIT(34) /* VHE: EL2 is an EL1-like kernel level */

/* The host's value (boot.S, and back after every guest exit). */
#define HCR_HOST  (HCR_E2H | HCR_TGE | HCR_RW)
/*
 * The guest's (VI added while its virtual interrupt line is up): no stage 2
 * (VM clear: guest physical is host physical), every physical interrupt
 * and SError to EL2 (so a host interrupt exits the guest at once, and the
 * guest sees HCR_EL2.VI as its IRQ), WFI trapped. (The physical counter
 * read that traps, the emulated "fault" exit, is CNTHCTL_EL2's.)
 */
#define HCR_GUEST (HCR_E2H | HCR_RW | HCR_IMO | HCR_FMO | HCR_AMO | HCR_TWI)

/*
 * SCTLR_EL2 for the host, SCTLR_EL1 for a guest (the same layout under
 * E2H): MMU, caches and alignment checks off; the RES1-in-v8.0 bits
 * (EOS 11, TSCXT 20, EIS 22, SPAN 23, nTLSMD 28, LSMAOE 29); WFI and WFE
 * at EL0 not trapped (nTWI 16, nTWE 18).
 */
#define SCTLR_MMU_OFF HV_UL(0x30d50800)

/*
 * CNTHCTL_EL2 under E2H: EL1PCTEN (10) and EL1PTEN (11) clear, so a guest's
 * CNTPCT_EL0 read and physical timer access trap to EL2 (EC 0x18): the
 * counter read is the exit the host emulates. The EL0 bits (host user
 * threads) clear too: nothing there reads a counter. The virtual counter
 * (CNTVCT_EL0) never traps without FEAT_ECV.
 */
#define CNTHCTL_HOST 0

/* A guest starts at EL1h with D, A, I and F masked; SPSR M[3:0]. */
#define PSTATE_EL1H      HV_UL(0x5)
#define PSTATE_GUEST_RST (PSTATE_EL1H | HV_UL(0x3c0))

/* struct port_vcpu layout, shared with hv_entry.S. */
#define VCPU_X0     0   /* x0..x30 */
#define VCPU_PC     248 /* ELR_EL2 at entry and exit */
#define VCPU_PSTATE 256 /* SPSR_EL2 */
#define VCPU_SP_EL0 264
#define VCPU_SP_EL1 272
#define VCPU_SCTLR  280 /* SCTLR_EL12 */
#define VCPU_VBAR   288 /* VBAR_EL12 */
#define VCPU_ELR    296 /* ELR_EL12 */
#define VCPU_SPSR   304 /* SPSR_EL12 */
#define VCPU_ESR1   312 /* ESR_EL12 */
#define VCPU_FAR1   320 /* FAR_EL12 */
#define VCPU_HCR    328 /* HCR_EL2 while it runs */
#define VCPU_ESR    336 /* exit: ESR_EL2 */
#define VCPU_FAR    344 /* exit: FAR_EL2 */
#define VCPU_HPFAR  352 /* exit: HPFAR_EL2 */
#define VCPU_SIZE   360

/* hv_entry.S's exit vector numbers (the lower-EL AArch64 vector taken). */
#define HV_VEC_SYNC   0
#define HV_VEC_IRQ    1
#define HV_VEC_FIQ    2
#define HV_VEC_SERROR 3

#ifndef __ASSEMBLER__
/**
 * struct port_vcpu - one arm64 vCPU: what the world switch saves
 * @x: x0..x30
 * @pc: where the guest resumes (ELR_EL2 for the eret)
 * @pstate: its PSTATE (SPSR_EL2): EL1h with the guest's DAIF
 * @sp_el0, @sp_el1: its two stack pointers
 * @sctlr, @vbar, @elr, @spsr, @esr1, @far1: its EL1 system registers
 * @hcr: HCR_EL2 for its next run (HCR_GUEST, plus HCR_VI when its virtual
 *	interrupt line is up: port_vcpu_set_virq())
 * @esr, @far, @hpfar: the EL2 syndrome of the last exit
 */
struct port_vcpu {
	unsigned long x[31];
	unsigned long pc;
	unsigned long pstate;
	unsigned long sp_el0;
	unsigned long sp_el1;
	unsigned long sctlr;
	unsigned long vbar;
	unsigned long elr;
	unsigned long spsr;
	unsigned long esr1;
	unsigned long far1;
	unsigned long hcr;
	unsigned long esr;
	unsigned long far;
	unsigned long hpfar;
};

_Static_assert(__builtin_offsetof(struct port_vcpu, pc) == VCPU_PC, "PC");
_Static_assert(__builtin_offsetof(struct port_vcpu, hcr) == VCPU_HCR, "HCR");
_Static_assert(__builtin_offsetof(struct port_vcpu, hpfar) == VCPU_HPFAR,
	       "HPFAR");
_Static_assert(sizeof(struct port_vcpu) == VCPU_SIZE, "VCPU_SIZE");
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_ARM64_HV_ARCH_H */
