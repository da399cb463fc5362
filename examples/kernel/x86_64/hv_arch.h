/* SPDX-License-Identifier: MIT */
/*
 * x86_64 hypervisor state (core/hv.h): AMD SVM. A vCPU is its VMCB (the
 * guest's control and save areas, VMRUN's operand) followed by the guest
 * registers the VMCB does not hold; the offsets below are the world
 * switch's (hv_entry.S). The layout is the one of the AMD64 Architecture
 * Programmer's Manual, vol. 2, appendix B (Linux: struct vmcb in
 * arch/x86/include/asm/svm.h).
 */
#ifndef KERNEL_X86_64_HV_ARCH_H
#define KERNEL_X86_64_HV_ARCH_H

/* struct port_vcpu offsets (hv_entry.S): the guest GPRs after the VMCB. */
#define VCPU_RBX 0x1000
#define VCPU_RCX 0x1008
#define VCPU_RDX 0x1010
#define VCPU_RSI 0x1018
#define VCPU_RDI 0x1020
#define VCPU_RBP 0x1028
#define VCPU_R8  0x1030
#define VCPU_R9  0x1038
#define VCPU_R10 0x1040
#define VCPU_R11 0x1048
#define VCPU_R12 0x1050
#define VCPU_R13 0x1058
#define VCPU_R14 0x1060
#define VCPU_R15 0x1068

/* The guest's interrupt vector for its virtual timer (V_INTR_VECTOR). */
#define GUEST_VEC_VIRQ 0x30

#define MSR_GS_BASE 0xc0000101

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A segment in the save area: attrib is the descriptor's access byte
 * (bits 7:0) and its flags nibble G, D/B, L, AVL (bits 11:8). */
struct vmcb_seg {
	uint16_t selector;
	uint16_t attrib;
	uint32_t limit;
	uint64_t base;
};

struct vmcb_control {
	uint32_t intercept_cr;   /* 0x000: reads 15:0, writes 31:16 */
	uint32_t intercept_dr;   /* 0x004 */
	uint32_t intercept_exc;  /* 0x008: one bit per exception vector */
	uint32_t intercept_misc; /* 0x00c: INTR, NMI, ..., HLT, SHUTDOWN */
	uint32_t intercept_svm;  /* 0x010: VMRUN, VMMCALL, ... */
	uint8_t reserved1[0x040 - 0x014];
	uint64_t iopm_base_pa;  /* 0x040 */
	uint64_t msrpm_base_pa; /* 0x048 */
	uint64_t tsc_offset;    /* 0x050 */
	uint32_t asid;          /* 0x058 */
	uint8_t tlb_control;    /* 0x05c */
	uint8_t reserved2[3];
	uint32_t int_ctl;       /* 0x060: V_TPR, V_IRQ, V_INTR_PRIO, masking */
	uint32_t int_vector;    /* 0x064: V_INTR_VECTOR */
	uint64_t int_state;     /* 0x068: the guest's interrupt shadow */
	uint64_t exit_code;     /* 0x070 */
	uint64_t exit_info1;    /* 0x078 */
	uint64_t exit_info2;    /* 0x080 */
	uint64_t exit_int_info; /* 0x088: an event the exit interrupted */
	uint64_t np_enable;     /* 0x090 */
	uint8_t reserved3[0x0a8 - 0x098];
	uint64_t event_inj; /* 0x0a8 */
	uint64_t n_cr3;     /* 0x0b0 */
	uint64_t lbr_ctl;   /* 0x0b8 */
	uint64_t clean;     /* 0x0c0 */
	uint64_t next_rip;  /* 0x0c8: with the NRIPS feature */
	uint8_t reserved4[0x400 - 0x0d0];
};

struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs; /* 0x400 */
	struct vmcb_seg gdtr, ldtr, idtr, tr;   /* 0x460 */
	uint8_t reserved1[0x4cb - 0x4a0];
	uint8_t cpl; /* 0x4cb */
	uint8_t reserved2[4];
	uint64_t efer; /* 0x4d0 */
	uint8_t reserved3[0x548 - 0x4d8];
	uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip; /* 0x548 */
	uint8_t reserved4[0x5d8 - 0x580];
	uint64_t rsp; /* 0x5d8 */
	uint8_t reserved5[0x5f8 - 0x5e0];
	uint64_t rax;                        /* 0x5f8 */
	uint64_t star, lstar, cstar, sfmask; /* 0x600: VMLOAD/VMSAVE ... */
	uint64_t kernel_gs_base;             /* 0x620 */
	uint64_t sysenter_cs, sysenter_esp;  /* 0x628 */
	uint64_t sysenter_eip;               /* 0x638 */
	uint64_t cr2;                        /* 0x640 */
	uint8_t reserved6[0x1000 - 0x648];
};

struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
};

_Static_assert(__builtin_offsetof(struct vmcb_control, iopm_base_pa) == 0x40,
	       "VMCB iopm_base_pa");
_Static_assert(__builtin_offsetof(struct vmcb_control, int_ctl) == 0x60,
	       "VMCB int_ctl");
_Static_assert(__builtin_offsetof(struct vmcb_control, exit_code) == 0x70,
	       "VMCB exit_code");
_Static_assert(__builtin_offsetof(struct vmcb_control, event_inj) == 0xa8,
	       "VMCB event_inj");
_Static_assert(__builtin_offsetof(struct vmcb_control, next_rip) == 0xc8,
	       "VMCB next_rip");
_Static_assert(__builtin_offsetof(struct vmcb, save.tr) == 0x490, "VMCB tr");
_Static_assert(__builtin_offsetof(struct vmcb, save.cpl) == 0x4cb, "VMCB cpl");
_Static_assert(__builtin_offsetof(struct vmcb, save.efer) == 0x4d0,
	       "VMCB efer");
_Static_assert(__builtin_offsetof(struct vmcb, save.cr4) == 0x548, "VMCB cr4");
_Static_assert(__builtin_offsetof(struct vmcb, save.rip) == 0x578, "VMCB rip");
_Static_assert(__builtin_offsetof(struct vmcb, save.rsp) == 0x5d8, "VMCB rsp");
_Static_assert(__builtin_offsetof(struct vmcb, save.rax) == 0x5f8, "VMCB rax");
_Static_assert(__builtin_offsetof(struct vmcb, save.cr2) == 0x640, "VMCB cr2");
_Static_assert(sizeof(struct vmcb) == 4096, "VMCB size");

/*
 * One vCPU: its VMCB (4 KiB aligned; the image is identity mapped, so its
 * address is the physical address VMRUN takes), then the guest's general
 * registers but RAX and RSP, which VMRUN and #VMEXIT move through the
 * VMCB themselves.
 */
struct port_vcpu {
	struct vmcb vmcb;
	unsigned long rbx, rcx, rdx, rsi, rdi, rbp;
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
} __attribute__((aligned(4096)));

_Static_assert(__builtin_offsetof(struct port_vcpu, rbx) == VCPU_RBX,
	       "VCPU_RBX");
_Static_assert(__builtin_offsetof(struct port_vcpu, rdi) == VCPU_RDI,
	       "VCPU_RDI");
_Static_assert(__builtin_offsetof(struct port_vcpu, r15) == VCPU_R15,
	       "VCPU_R15");

/* hv_entry.S: run the guest of @v until its next #VMEXIT, the host's
 * VMLOAD/VMSAVE state in @host_state (a 4 KiB page) meanwhile. IRQs
 * disabled on entry and return; GIF set on return. */
void x86_svm_run(struct port_vcpu *v, void *host_state);
#endif /* !__ASSEMBLER__ */

#endif /* KERNEL_X86_64_HV_ARCH_H */
