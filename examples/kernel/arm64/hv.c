/* SPDX-License-Identifier: MIT */
/*
 * arm64 hypervisor port (KERNEL_HV): the VHE host's set-up and the vCPU
 * operations of core/hv.h on top of the world switch in hv_entry.S.
 *
 * A guest runs at EL1 with the MMU and stage 2 off (its physical addresses
 * are the host's), HCR_EL2 = HCR_GUEST: every physical IRQ, FIQ and SError
 * exits to EL2, WFI traps (EC 0x01), HVC is the hypercall (EC 0x16), and
 * its physical counter read traps (EC 0x18, CNTHCTL_EL2.EL1PCTEN clear)
 * and is emulated here: the one "fault" exit a guest makes on purpose.
 * Linux's VHE KVM makes the same moves: arch/arm64/kvm/hyp/vhe/switch.c
 * (__kvm_vcpu_run_vhe(), __activate_traps(), __deactivate_traps()).
 */
#include "kernel.h"
#include "arm64.h"
#include "hv.h"

#define ESR_EC(esr)      ((esr) >> 26)
#define EC_WFX           0x01 /* WFI/WFE trapped (HCR_EL2.TWI/TWE) */
#define EC_HVC64         0x16 /* HVC from AArch64 */
#define EC_SYS64         0x18 /* MSR/MRS/SYS trapped */
#define EC_DABT_LOW      0x24 /* data abort from a lower EL */
#define ESR_WFX_WFE      0x1UL
#define ESR_SYS_READ     0x1UL /* ISS bit 0: MRS */
#define ESR_SYS_RT(esr)  (((esr) >> 5) & 0x1f)
/* ISS of a trapped MRS/MSR: Op0, Op2, Op1, CRn, CRm and the direction
 * (Rt masked off), and that of a read of CNTPCT_EL0 (3, 3, c14, c0, 1). */
#define ESR_SYS_REG(esr) ((esr)&0x3ffc1fUL)
#define SYS_CNTPCT_READ                                                        \
	((3UL << 20) | (1UL << 17) | (3UL << 14) | (14UL << 10) | (0UL << 1) | \
	 ESR_SYS_READ)

#define read_sysreg(name)                                                      \
	({                                                                     \
		unsigned long v_;                                              \
		__asm__ __volatile__("mrs %0, " #name : "=r"(v_));             \
		v_;                                                            \
	})
#define write_sysreg(name, val)                                                \
	__asm__ __volatile__("msr " #name ", %0"                               \
			     :                                                 \
			     : "r"((unsigned long)(val))                       \
			     : "memory")

/**
 * port_hv_init - check the VHE host state boot.S set up; finish the timers
 *
 * Boot.S entered at EL2, checked ID_AA64MMFR1_EL1.VH and set HCR_EL2 to
 * HCR_HOST before the first use of an EL1 register name. Here: the same
 * checks again with a message (a failure stops the machine), the guests'
 * virtual counter offset 0 (their CNTVCT is the host's), and the guests'
 * physical counter reads trapped (CNTHCTL_HOST). The guest HCR_EL2 value
 * is the constant HCR_GUEST (hv_arch.h), copied into each vCPU.
 *
 * Context: the init thread, IRQs enabled, before any vCPU runs. Does not
 * schedule.
 */
void port_hv_init(void)
{
	unsigned long el = (read_sysreg(CurrentEL) >> 2) & 3;
	unsigned long vh = (read_sysreg(id_aa64mmfr1_el1) >> 8) & 0xf;
	unsigned long hcr = read_sysreg(hcr_el2);

	if (el != 2 || !vh || hcr != HCR_HOST) {
		kprintf("hv: need EL2 with VHE: CurrentEL=%lu VH=%lu "
			"HCR_EL2=0x%lx\n",
			el, vh, hcr);
		port_exit(3);
	}
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cnthctl_el2, CNTHCTL_HOST);
	__asm__ __volatile__("isb" : : : "memory");
	kprintf("hv: arm64 VHE host at EL2, HCR_EL2 0x%lx, guest HCR_EL2 0x%lx\n",
		hcr, HCR_GUEST);
}

/**
 * port_vcpu_init - a vCPU that starts at @entry(@arg) on stack @stack
 * @v: the vCPU
 * @entry: guest entry point, EL1h with D, A, I and F masked
 * @stack: top of its stack (SP_EL1)
 * @arg: in x0
 *
 * Context: any; touches only @v.
 */
void port_vcpu_init(struct port_vcpu *v, unsigned long entry,
		    unsigned long stack, unsigned long arg)
{
	memset(v, 0, sizeof(*v));
	v->x[0] = arg;
	v->pc = entry;
	v->pstate = PSTATE_GUEST_RST;
	v->sp_el1 = stack;
	v->sctlr = SCTLR_MMU_OFF;
	v->hcr = HCR_GUEST;
}

/**
 * port_vcpu_run - run @v until its next exit, and decode the exit
 * @v: the vCPU
 * @exit: filled in
 *
 * Exits (info = ESR_EL2 for every synchronous one): HVC ->
 * HV_EXIT_HYPERCALL (nr = x8, arg = x0..x2; the PC is already past the
 * HVC, the CPU's preferred return address); IRQ or FIQ -> HV_EXIT_IRQ
 * (the host interrupt stays pending: taken when the caller enables IRQs;
 * info 0); WFI -> HV_EXIT_WFI (PC on it: port_vcpu_skip()); a trapped
 * system register access or a data abort from the guest -> HV_EXIT_FAULT
 * (PC on it: port_vcpu_emulate()); anything else (WFE, SError, another
 * EC) -> HV_EXIT_OTHER.
 *
 * Context: IRQs disabled on entry and return (D and A open at both ends:
 * the scheduler's switch rule holds on the way out of a guest too). Does
 * not schedule; not an exception of the host's context, so no irqentry
 * wrapper runs here.
 */
void port_vcpu_run(struct port_vcpu *v, struct hv_exit *exit)
{
	unsigned long vec, esr;

	if (IRQENTRY_DEBUG && !port_irqs_disabled())
		kcomplain("hv: port_vcpu_run() with IRQs enabled\n");
	vec = arm64_hv_enter(v);
	/* The exception masked all of DAIF; the exit path must give back the
	 * caller's I|F with D and A open (the state the scheduler requires at
	 * a switch, which the vCPU thread may reach right after this). */
	if (port_mask_now() != (DAIF_I | DAIF_F)) {
		stats.violations++;
		kcomplain("violation: guest exit left DAIF=0x%lx\n",
			  port_mask_now());
	}
	esr = v->esr;
	memset(exit, 0, sizeof(*exit));
	exit->info = esr;
	switch (vec) {
	case HV_VEC_IRQ:
	case HV_VEC_FIQ:
		exit->reason = HV_EXIT_IRQ;
		exit->info = 0;
		return;
	case HV_VEC_SYNC:
		break;
	default:
		exit->reason = HV_EXIT_OTHER;
		return;
	}
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		exit->reason = HV_EXIT_HYPERCALL;
		exit->nr = v->x[8];
		exit->arg[0] = v->x[0];
		exit->arg[1] = v->x[1];
		exit->arg[2] = v->x[2];
		break;
	case EC_WFX:
		exit->reason =
			(esr & ESR_WFX_WFE) ? HV_EXIT_OTHER : HV_EXIT_WFI;
		break;
	case EC_SYS64:
	case EC_DABT_LOW:
		exit->reason = HV_EXIT_FAULT;
		break;
	default:
		exit->reason = HV_EXIT_OTHER;
		break;
	}
}

/**
 * port_vcpu_set_hypercall_return - the result of @v's last hypercall
 * @v: the vCPU, stopped on a HV_EXIT_HYPERCALL exit
 * @val: into x0
 *
 * arm64 needs no PC step: the CPU saved the address after the HVC.
 * Context: any; touches only @v.
 */
void port_vcpu_set_hypercall_return(struct port_vcpu *v, long val)
{
	v->x[0] = (unsigned long)val;
}

/**
 * port_vcpu_skip - step @v past the WFI of an HV_EXIT_WFI exit
 * @v: the vCPU
 *
 * Context: any; touches only @v. A64 instructions are 4 bytes.
 */
void port_vcpu_skip(struct port_vcpu *v)
{
	v->pc += 4;
}

/**
 * port_vcpu_emulate - emulate the trapped instruction of an HV_EXIT_FAULT
 * @v: the vCPU
 * @exit: the exit (info = ESR_EL2)
 *
 * The one instruction emulated is the guest's read of CNTPCT_EL0 (its
 * guest_read_counter()): Rt gets the host's physical count, the PC steps
 * past the MRS. A data abort or another system register is not emulated.
 *
 * Context: IRQs enabled or not; touches only @v.
 * Return: true if emulated, false if the run must fail.
 */
bool port_vcpu_emulate(struct port_vcpu *v, const struct hv_exit *exit)
{
	unsigned long esr = exit->info;
	unsigned int rt = ESR_SYS_RT(esr);

	if (exit->reason != HV_EXIT_FAULT || ESR_EC(esr) != EC_SYS64 ||
	    ESR_SYS_REG(esr) != SYS_CNTPCT_READ)
		return false;
	if (rt != 31) /* XZR: the value is discarded */
		v->x[rt] = read_sysreg(cntpct_el0);
	v->pc += 4;
	return true;
}

/**
 * port_vcpu_pc - where @v stopped, or starts
 * @v: the vCPU
 *
 * Context: any.
 */
unsigned long port_vcpu_pc(struct port_vcpu *v)
{
	return v->pc;
}

/**
 * port_vcpu_set_virq - raise or lower @v's virtual interrupt line
 * @v: the vCPU (not running)
 * @level: true: HCR_EL2.VI set at its next entry, taken by the guest as an
 *	IRQ at EL1 when its PSTATE.I is clear (and waking its WFI)
 *
 * Context: any; touches only @v (callers serialize against its run).
 */
void port_vcpu_set_virq(struct port_vcpu *v, bool level)
{
	if (level)
		v->hcr |= HCR_VI;
	else
		v->hcr &= ~HCR_VI;
}

/**
 * port_hv_timer_pend - make the host timer interrupt pending now
 *
 * The host tick is the EL2 physical timer (CNTHP: the kernel's CNTP_*_EL0
 * names under E2H, INTID 26; arm64.h says why not CNTHV): a TVAL of 0
 * expires it at once; its handler re-arms the period as usual.
 * Context: any; IRQs disabled to make it pend rather than fire here.
 */
void port_hv_timer_pend(void)
{
	__asm__ __volatile__("msr " TIMER_TVAL ", %0\n\t"
			     "isb"
			     :
			     : "r"(0UL)
			     : "memory");
}

/* hv_entry.S: an exception at EL2 while the guest-exit vectors were live.
 * Context: all of DAIF masked; never returns. */
_Noreturn void arm64_hv_bad_vector(unsigned long esr, unsigned long elr)
{
	kprintf("PANIC: hv: EL2 exception in the world switch: ESR=0x%lx "
		"ELR=0x%lx\n",
		esr, elr);
	port_exit(3);
}

#define MDCR_HPMN_MASK 0x1fUL
#define MDCR_TPM       (1UL << 6)  /* trap EL1/EL0 PMU accesses to EL2 */
#define MDCR_HPMD      (1UL << 17) /* stop event counting at EL2 */

/**
 * port_hv_bench_init - let the guest read the benchmark counter
 *
 * Benchmark builds, after port_bench_init(): the guest's
 * guest_bench_counter() reads PMEVCNTR0_EL0 at EL1, which needs PMU
 * accesses untrapped (MDCR_EL2.TPM clear) and counter 0 in the range EL1
 * may use (below MDCR_EL2.HPMN, which is at least 1 here); HPMD clear keeps
 * the counter counting at EL2 (the host's half of the round trip). Panics
 * if the CPU has no event counter for EL1.
 *
 * Context: the benchmark thread, before any vCPU runs. Does not schedule.
 */
void port_hv_bench_init(void)
{
	unsigned long mdcr = read_sysreg(mdcr_el2);

	if (!(mdcr & MDCR_HPMN_MASK)) {
		kprintf("hv: MDCR_EL2.HPMN is 0: no PMU counter for the guest\n");
		port_exit(3);
	}
	write_sysreg(mdcr_el2, mdcr & ~(MDCR_TPM | MDCR_HPMD));
	__asm__ __volatile__("isb" : : : "memory");
}
