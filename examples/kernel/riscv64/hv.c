/* SPDX-License-Identifier: MIT */
/*
 * riscv64 hypervisor port (core/hv.h): the host in HS-mode (the kernel's
 * own S-mode, on a hart with the H extension), the guest in VS-mode with
 * vsatp and hgatp Bare. What hv_entry.S does not: the VS-level CSRs of
 * each vCPU (two guests share the hart), the exit decode, the emulated
 * instructions and the virtual interrupt line (hvip.VSSIP, delegated to
 * the guest through hideleg, as Linux's KVM raises a guest's software
 * interrupt in arch/riscv/kvm/vcpu.c).
 */
#include "kernel.h"
#include "riscv64.h"

#define EXC_VS_ECALL     10
#define EXC_VIRTUAL_INSN 22

#define INSN_WFI       0x10500073U
#define INSN_CSRR_TIME 0xc0102073U /* csrrs rd, time, x0 with rd = 0 */
#define INSN_RD_MASK   0x00000f80U

#define SBI_EXT_TIME       0x54494d45UL
#define SBI_TIME_SET_TIMER 0

#define csr_read(csr)                                                          \
	({                                                                     \
		unsigned long v_;                                              \
		__asm__ __volatile__("csrr %0, %1"                             \
				     : "=r"(v_)                                \
				     : "i"(csr)                                \
				     : "memory");                              \
		v_;                                                            \
	})
#define csr_write(csr, val)                                                    \
	__asm__ __volatile__("csrw %0, %1" ::"i"(csr), "r"(val) : "memory")

/*
 * Boot, once: no guest exception is delegated to VS-mode (every guest
 * trap is the host's), the three VS interrupts are (the guest takes its
 * virtual timer itself), counter reads trap (hcounteren 0: the emulated
 * "fault" exit), no stage-2 translation. Reading hstatus on a hart
 * without H is an illegal instruction: the kernel panics there.
 */
void port_hv_init(void)
{
	kprintf("hv: riscv64 HS-mode host, hstatus 0x%lx\n",
		csr_read(CSR_HSTATUS));
	csr_write(CSR_HEDELEG, 0UL);
	csr_write(CSR_HIDELEG, HVIP_VSSIP | HVIP_VSTIP | HVIP_VSEIP);
	csr_write(CSR_HIE, 0UL);
	csr_write(CSR_HVIP, 0UL);
	csr_write(CSR_HCOUNTEREN, 0UL);
	csr_write(CSR_HGATP, 0UL);
}

void port_vcpu_init(struct port_vcpu *v, unsigned long entry,
		    unsigned long stack, unsigned long arg)
{
	unsigned long gp;

	__asm__("mv %0, gp" : "=r"(gp));
	memset(v, 0, sizeof(*v));
	v->gpr[0] = entry;
	v->gpr[2] = stack;
	v->gpr[3] = gp; /* the image's small data, shared with the guest */
	v->gpr[10] = arg;
	/* sret to S-level (VS with SPV) and keep SIE clear in HS terms. */
	v->sstatus = (port_csr_sstatus() & ~(SSTATUS_SIE | SSTATUS_SPIE)) |
		     SSTATUS_SPP;
	v->hstatus = (csr_read(CSR_HSTATUS) & ~HSTATUS_SPV) | HSTATUS_SPV |
		     HSTATUS_SPVP | HSTATUS_VTW;
}

/* The guest's instruction at @pc: its physical address is the host's
 * (Bare translation), read in halves (RVC leaves it 2-byte aligned). */
static unsigned int guest_insn(unsigned long pc)
{
	const volatile uint16_t *p = (const volatile uint16_t *)pc;

	return (unsigned int)p[0] | (unsigned int)p[1] << 16;
}

static void decode(struct port_vcpu *v, struct hv_exit *exit)
{
	unsigned long cause = v->scause;

	memset(exit, 0, sizeof(*exit));
	exit->info = cause;
	if (cause & SCAUSE_INTERRUPT) {
		exit->reason = HV_EXIT_IRQ;
		return;
	}
	switch (cause) {
	case EXC_VS_ECALL:
		exit->reason = HV_EXIT_HYPERCALL;
		exit->nr = v->gpr[17];
		exit->arg[0] = v->gpr[10];
		exit->arg[1] = v->gpr[11];
		exit->arg[2] = v->gpr[12];
		return;
	case EXC_VIRTUAL_INSN:
		v->insn = guest_insn(v->gpr[0]);
		if (v->insn == INSN_WFI)
			exit->reason = HV_EXIT_WFI;
		else if ((v->insn & ~INSN_RD_MASK) == INSN_CSRR_TIME)
			exit->reason = HV_EXIT_FAULT;
		else
			exit->reason = HV_EXIT_OTHER;
		return;
	default:
		/* Guest page faults (20, 21, 23) cannot happen with stage 2
		 * Bare; anything else here is a guest bug: the run fails. */
		exit->reason = HV_EXIT_OTHER;
		return;
	}
}

/* The VS-level CSRs are the hart's, shared by every vCPU: load this
 * one's around its run. IRQs disabled. */
void port_vcpu_run(struct port_vcpu *v, struct hv_exit *exit)
{
	csr_write(CSR_VSSTATUS, v->vsstatus);
	csr_write(CSR_VSIE, v->vsie);
	csr_write(CSR_VSTVEC, v->vstvec);
	csr_write(CSR_VSSCRATCH, v->vsscratch);
	csr_write(CSR_VSEPC, v->vsepc);
	csr_write(CSR_VSCAUSE, v->vscause);
	csr_write(CSR_VSTVAL, v->vstval);
	csr_write(CSR_VSATP, v->vsatp);
	riscv_vcpu_enter(v);
	v->vsstatus = csr_read(CSR_VSSTATUS);
	v->vsie = csr_read(CSR_VSIE);
	v->vstvec = csr_read(CSR_VSTVEC);
	v->vsscratch = csr_read(CSR_VSSCRATCH);
	v->vsepc = csr_read(CSR_VSEPC);
	v->vscause = csr_read(CSR_VSCAUSE);
	v->vstval = csr_read(CSR_VSTVAL);
	v->vsatp = csr_read(CSR_VSATP);
	decode(v, exit);
}

void port_vcpu_set_hypercall_return(struct port_vcpu *v, long val)
{
	v->gpr[10] = (unsigned long)val;
	v->gpr[0] += 4; /* ecall */
}

void port_vcpu_skip(struct port_vcpu *v)
{
	v->gpr[0] += 4; /* wfi */
}

/* The one emulated instruction: a read of the time CSR. */
bool port_vcpu_emulate(struct port_vcpu *v, const struct hv_exit *exit)
{
	unsigned int rd = (v->insn & INSN_RD_MASK) >> 7;
	unsigned long t;

	if (exit->reason != HV_EXIT_FAULT)
		return false;
	__asm__ __volatile__("rdtime %0" : "=r"(t));
	if (rd)
		v->gpr[rd] = t;
	v->gpr[0] += 4;
	return true;
}

void port_vcpu_set_virq(struct port_vcpu *v, bool level)
{
	if (level)
		v->hvip |= HVIP_VSSIP;
	else
		v->hvip &= ~HVIP_VSSIP;
}

unsigned long port_vcpu_pc(struct port_vcpu *v)
{
	return v->gpr[0];
}

/* SBI set_timer(0): the S-timer interrupt is pending on the way back
 * from the call; the tick handler sets the next deadline. */
void port_hv_timer_pend(void)
{
	register unsigned long a0 __asm__("a0") = 0;
	register unsigned long a1 __asm__("a1");
	register unsigned long a6 __asm__("a6") = SBI_TIME_SET_TIMER;
	register unsigned long a7 __asm__("a7") = SBI_EXT_TIME;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "=r"(a1)
			     : "r"(a6), "r"(a7)
			     : "memory");
}

#define HCOUNTEREN_IR (1UL << 2)

/* Benchmark builds: VS-mode may read instret (time still traps). */
void port_hv_bench_init(void)
{
	__asm__ __volatile__("csrs %0, %1" ::"i"(CSR_HCOUNTEREN),
			     "r"(HCOUNTEREN_IR)
			     : "memory");
}
