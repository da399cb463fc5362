/* SPDX-License-Identifier: MIT */
/*
 * riscv64 hypervisor state (core/hv.h): the vCPU's registers as the world
 * switch (hv_entry.S) and hv.c keep them, with the offsets the assembly
 * uses. The host runs in HS-mode, the guest in VS-mode.
 */
#ifndef KERNEL_RISCV64_HV_ARCH_H
#define KERNEL_RISCV64_HV_ARCH_H

/* struct port_vcpu offsets (hv_entry.S): xN at 8 * N, the PC in x0's. */
#define VCPU_PC            0
#define VCPU_SSTATUS       256
#define VCPU_HSTATUS       264
#define VCPU_HVIP          272
#define VCPU_SCAUSE        280
#define VCPU_STVAL         288
#define VCPU_HTVAL         296
#define VCPU_HTINST        304
#define VCPU_HOST_RA       312
#define VCPU_HOST_SP       320
#define VCPU_HOST_GP       328
#define VCPU_HOST_TP       336
#define VCPU_HOST_S0       344 /* s0..s11 */
#define VCPU_HOST_SSTATUS  440
#define VCPU_HOST_HSTATUS  448
#define VCPU_HOST_STVEC    456
#define VCPU_HOST_SSCRATCH 464

/* H-extension CSRs by number (no assembler support needed). */
#define CSR_VSSTATUS   0x200
#define CSR_VSIE       0x204
#define CSR_VSTVEC     0x205
#define CSR_VSSCRATCH  0x240
#define CSR_VSEPC      0x241
#define CSR_VSCAUSE    0x242
#define CSR_VSTVAL     0x243
#define CSR_VSATP      0x280
#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE        0x604
#define CSR_HCOUNTEREN 0x606
#define CSR_HTVAL      0x643
#define CSR_HVIP       0x645
#define CSR_HTINST     0x64a
#define CSR_HGATP      0x680

/* hstatus */
#define HSTATUS_SPV  (1UL << 7)  /* sret goes to V=1 */
#define HSTATUS_SPVP (1UL << 8)  /* the guest was in VS-mode */
#define HSTATUS_VTW  (1UL << 21) /* a guest wfi traps (virtual insn) */

/* hvip / hideleg: the VS-level interrupts */
#define HVIP_VSSIP (1UL << 2)
#define HVIP_VSTIP (1UL << 6)
#define HVIP_VSEIP (1UL << 10)

#ifndef __ASSEMBLER__
struct port_vcpu {
	unsigned long gpr[32]; /* x1..x31; gpr[0] is the guest PC (sepc) */
	unsigned long sstatus; /* the HS sstatus sret leaves with: SPP=1 */
	unsigned long hstatus; /* SPV, SPVP, VTW */
	unsigned long hvip;    /* the virtual interrupt lines */
	/* the last exit */
	unsigned long scause, stval, htval, htinst;
	/* the host's callee-saved state across the guest run */
	unsigned long host_ra, host_sp, host_gp, host_tp, host_s[12];
	unsigned long host_sstatus, host_hstatus, host_stvec, host_sscratch;
	/* VS-level CSRs, loaded only while this vCPU runs (hv.c) */
	unsigned long vsstatus, vsie, vstvec, vsscratch, vsepc, vscause;
	unsigned long vstval, vsatp;
	unsigned int insn; /* a virtual-instruction exit's instruction */
};

_Static_assert(__builtin_offsetof(struct port_vcpu, sstatus) == VCPU_SSTATUS,
	       "VCPU_SSTATUS");
_Static_assert(__builtin_offsetof(struct port_vcpu, htinst) == VCPU_HTINST,
	       "VCPU_HTINST");
_Static_assert(__builtin_offsetof(struct port_vcpu, host_s) == VCPU_HOST_S0,
	       "VCPU_HOST_S0");
_Static_assert(__builtin_offsetof(struct port_vcpu, host_sstatus) ==
		       VCPU_HOST_SSTATUS,
	       "VCPU_HOST_SSTATUS");
_Static_assert(__builtin_offsetof(struct port_vcpu, host_sscratch) ==
		       VCPU_HOST_SSCRATCH,
	       "VCPU_HOST_SSCRATCH");

/* hv_entry.S: load the guest, sret to VS-mode; returns at its next trap
 * with the guest saved and the host's CSRs back. IRQs disabled. */
void riscv_vcpu_enter(struct port_vcpu *v);
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_RISCV64_HV_ARCH_H */
