/* SPDX-License-Identifier: MIT */
/*
 * x86_64 hypervisor port (core/hv.h): AMD SVM, as QEMU's TCG emulates it
 * (-cpu qemu64,+svm). The host is the kernel itself at CPL 0; a guest
 * runs in 64-bit mode at CPL 0 of its own, with no nested paging: it uses
 * the host's CR3, CR0, CR4, EFER and GDT (its code and data are in the
 * image, which the boot page tables identity map) and an IDT of its own.
 * What hv_entry.S does not: enabling SVM, the VMCB of each vCPU (its
 * intercepts, the guest's initial state), the exit decode, the emulated
 * instruction and the virtual interrupt line (V_IRQ with V_INTR_VECTOR,
 * as Linux's KVM requests an interrupt window in svm_set_irq() /
 * svm_inject_irq() in arch/x86/kvm/svm/svm.c, here without the window:
 * the guest takes it whenever its IF allows).
 */
#include "kernel.h"
#include "x86_64.h"

#define MSR_EFER        0xc0000080
#define EFER_SVME       (1UL << 12)
#define MSR_VM_CR       0xc0010114
#define VM_CR_SVMDIS    (1UL << 4)
#define MSR_VM_HSAVE_PA 0xc0010117

#define CPUID_EXT_SVM  (1U << 2) /* 8000_0001 ECX */
#define CPUID_SVM_NRIP (1U << 3) /* 8000_000A EDX: next_rip saved */

/* The exit codes this port intercepts, and the ones it names. */
#define EXIT_INTR     0x060
#define EXIT_NMI      0x061
#define EXIT_RDTSC    0x06e
#define EXIT_HLT      0x078
#define EXIT_SHUTDOWN 0x07f
#define EXIT_VMRUN    0x080
#define EXIT_VMMCALL  0x081
#define EXIT_INVALID  (~0UL) /* VMRUN refused the guest state */

/* Intercept bits: vector 3 (intercept_misc) counts from INTR, vector 4
 * (intercept_svm) from VMRUN. */
#define INTERCEPT(code)     (1U << ((code)-EXIT_INTR))
#define INTERCEPT_SVM(code) (1U << ((code)-EXIT_VMRUN))

#define V_IRQ          (1U << 8)
#define V_INTR_PRIO(p) ((uint32_t)(p) << 16)
#define V_IGN_TPR      (1U << 20)
#define V_INTR_MASKING (1U << 24)

/* Segment attributes of the GDT's kernel descriptors (boot.S): access
 * byte, then the flags nibble (G, D/B, L, AVL). */
#define ATTR_CODE64 0x0a9a /* present, DPL 0, code, L=1 */
#define ATTR_DATA   0x0c92 /* present, DPL 0, data, G=1, D/B=1 */

/* The intercepted instructions, to check the exit against the bytes. */
#define INSN_VMMCALL_LEN 3 /* 0f 01 d9 */
#define INSN_HLT_LEN     1 /* f4 */
#define INSN_RDTSC_LEN   2 /* 0f 31 */

struct guest_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};

struct guest_desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* guest.S */
void guest_vec_virq(void);
void guest_vec_exception(void);

/* The guest's IDT (shared by every guest: its handlers find their guest
 * through the GS base) and the operand of the guest's LIDT. */
static struct guest_gate guest_idt[GUEST_VEC_VIRQ + 1]
	__attribute__((aligned(16)));
struct guest_desc_ptr guest_idt_ptr;

/* The host's VM_HSAVE_PA page and its VMSAVE/VMLOAD state across a run. */
static unsigned char host_save_area[4096] __attribute__((aligned(4096)));
static unsigned char host_vmload_state[4096] __attribute__((aligned(4096)));

static bool has_nrip;
static bool bench_tsc; /* benchmark builds: RDTSC is not intercepted */

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr"
			     :
			     : "c"(msr), "a"((uint32_t)v),
			       "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
			 uint32_t *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(0));
}

#define read_cr(n)                                                             \
	({                                                                     \
		unsigned long v_;                                              \
		__asm__ __volatile__("movq %%cr" #n ", %0" : "=r"(v_));        \
		v_;                                                            \
	})

static void guest_gate_set(unsigned int v, void (*handler)(void))
{
	unsigned long h = (unsigned long)handler;

	guest_idt[v].offset_lo = (uint16_t)h;
	guest_idt[v].selector = KERNEL_CS;
	guest_idt[v].ist = 0;
	guest_idt[v].type = 0x8e; /* present, DPL 0, interrupt gate */
	guest_idt[v].offset_mid = (uint16_t)(h >> 16);
	guest_idt[v].offset_hi = (uint32_t)(h >> 32);
	guest_idt[v].reserved = 0;
}

/*
 * Boot, once: check that the CPU has SVM (CPUID 8000_0001 ECX.SVM) and
 * that the firmware left it enabled (VM_CR.SVMDIS clear), set EFER.SVME,
 * give VMRUN its host save area, and build the guests' IDT: every
 * exception ends the guest, GUEST_VEC_VIRQ is its virtual timer.
 * Context: the init thread, IRQs enabled.
 */
void port_hv_init(void)
{
	uint32_t a, b, c, d;
	unsigned int v;

	cpuid(0x80000000U, &a, &b, &c, &d);
	if (a < 0x8000000aU)
		kernel_panic(NULL, "hv: no CPUID leaf 8000_000A");
	cpuid(0x80000001U, &a, &b, &c, &d);
	if (!(c & CPUID_EXT_SVM))
		kernel_panic(NULL,
			     "hv: the CPU has no SVM (qemu -cpu ...,+svm)");
	if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
		kernel_panic(NULL, "hv: SVM disabled by VM_CR.SVMDIS");
	cpuid(0x8000000aU, &a, &b, &c, &d);
	has_nrip = d & CPUID_SVM_NRIP;
	kprintf("hv: x86_64 AMD SVM revision %u, %u ASIDs, features 0x%x (NRIPS %s)\n",
		a & 0xff, b, d, has_nrip ? "yes" : "no");
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	wrmsr(MSR_VM_HSAVE_PA, (unsigned long)host_save_area);

	for (v = 0; v < 32; v++)
		guest_gate_set(v, guest_vec_exception);
	guest_gate_set(GUEST_VEC_VIRQ, guest_vec_virq);
	guest_idt_ptr.limit = sizeof(guest_idt) - 1;
	guest_idt_ptr.base = (unsigned long)guest_idt;
}

/* A flat 4 GiB segment of the GDT (base 0; ignored in 64-bit mode). */
static void seg_set(struct vmcb_seg *s, uint16_t sel, uint16_t attrib)
{
	s->selector = sel;
	s->attrib = attrib;
	s->limit = 0xffffffffU;
	s->base = 0;
}

/*
 * A fresh VMCB: intercepts (physical INTR and NMI, HLT, RDTSC but in
 * benchmark builds, shutdown;
 * VMRUN, which the architecture demands, and VMMCALL), ASID 1,
 * V_INTR_MASKING (the host's IF governs physical interrupts, the guest's
 * only its virtual one) with the virtual interrupt on GUEST_VEC_VIRQ at
 * top priority; the guest at @entry in 64-bit mode at CPL 0 with the
 * host's control registers, EFER and GDT, no IDT until it loads its own
 * (an exception before that shuts it down: the SHUTDOWN intercept).
 * VMSAVE fills in the host's FS, GS, TR, LDTR and MSRs for VMLOAD (it
 * needs EFER.SVME: port_hv_init() has run).
 */
void port_vcpu_init(struct port_vcpu *v, unsigned long entry,
		    unsigned long stack, unsigned long arg)
{
	struct vmcb_control *c = &v->vmcb.control;
	struct vmcb_save *s = &v->vmcb.save;
	struct guest_desc_ptr gdtr;

	memset(v, 0, sizeof(*v));
	c->intercept_misc = INTERCEPT(EXIT_INTR) | INTERCEPT(EXIT_NMI) |
			    INTERCEPT(EXIT_HLT) | INTERCEPT(EXIT_SHUTDOWN);
	if (!bench_tsc)
		c->intercept_misc |= INTERCEPT(EXIT_RDTSC);
	c->intercept_svm =
		INTERCEPT_SVM(EXIT_VMRUN) | INTERCEPT_SVM(EXIT_VMMCALL);
	c->asid = 1;
	c->int_ctl = V_INTR_MASKING | V_IGN_TPR | V_INTR_PRIO(15);
	c->int_vector = GUEST_VEC_VIRQ;

	__asm__ __volatile__("vmsave %%rax" : : "a"(v) : "memory");
	seg_set(&s->cs, KERNEL_CS, ATTR_CODE64);
	seg_set(&s->ds, KERNEL_DS, ATTR_DATA);
	seg_set(&s->es, KERNEL_DS, ATTR_DATA);
	seg_set(&s->ss, KERNEL_DS, ATTR_DATA);
	__asm__ __volatile__("sgdt %0" : "=m"(gdtr));
	s->gdtr.base = gdtr.base;
	s->gdtr.limit = gdtr.limit;
	s->idtr.base = 0;
	s->idtr.limit = 0;
	s->cpl = 0;
	s->efer = rdmsr(MSR_EFER);
	s->cr0 = read_cr(0);
	s->cr3 = read_cr(3);
	s->cr4 = read_cr(4);
	s->dr6 = 0xffff0ff0UL;
	s->dr7 = 0x400UL;
	s->rflags = RFLAGS_FIXED; /* IF clear until guest_irq_enable() */
	s->rip = entry;
	s->rsp = stack;
	v->rdi = arg;
}

/* The guest's instruction at @pc (guest addresses are the host's). */
static bool insn_is(unsigned long pc, const char *bytes, unsigned int len)
{
	const volatile unsigned char *p = (const volatile unsigned char *)pc;
	unsigned int i;

	for (i = 0; i < len; i++)
		if (p[i] != (unsigned char)bytes[i])
			return false;
	return true;
}

/* EXITCODE to struct hv_exit; an intercepted instruction counts only if
 * its bytes are at the guest RIP (else HV_EXIT_OTHER: the run fails).
 * Anything not intercepted on purpose (shutdown, EXIT_INVALID for a guest
 * state VMRUN refused) is HV_EXIT_OTHER too. */
static void decode(struct port_vcpu *v, struct hv_exit *exit)
{
	struct vmcb_control *c = &v->vmcb.control;
	unsigned long rip = v->vmcb.save.rip;

	memset(exit, 0, sizeof(*exit));
	exit->info = c->exit_code;
	exit->reason = HV_EXIT_OTHER;
	switch (c->exit_code) {
	case EXIT_INTR:
	case EXIT_NMI:
		/* Pending for the host: taken when IRQs (GIF) allow. */
		exit->reason = HV_EXIT_IRQ;
		break;
	case EXIT_VMMCALL:
		if (!insn_is(rip, "\x0f\x01\xd9", INSN_VMMCALL_LEN))
			break;
		exit->reason = HV_EXIT_HYPERCALL;
		exit->nr = v->vmcb.save.rax;
		exit->arg[0] = v->rdi;
		exit->arg[1] = v->rsi;
		exit->arg[2] = v->rdx;
		break;
	case EXIT_HLT:
		if (insn_is(rip, "\xf4", INSN_HLT_LEN))
			exit->reason = HV_EXIT_WFI;
		break;
	case EXIT_RDTSC:
		if (insn_is(rip, "\x0f\x31", INSN_RDTSC_LEN))
			exit->reason = HV_EXIT_FAULT;
		break;
	default:
		break; /* shutdown, an invalid guest state (-1), ... */
	}
}

/* IRQs disabled: the world switch, then the decode. next_rip is cleared
 * first, so a CPU that leaves it alone for some exit cannot hand the
 * skip a stale one. */
void port_vcpu_run(struct port_vcpu *v, struct hv_exit *exit)
{
	v->vmcb.control.next_rip = 0;
	x86_svm_run(v, host_vmload_state);
	decode(v, exit);
}

/* Step RIP past the intercepted instruction: NRIP when the CPU saves it,
 * else the instruction's length (checked against its bytes in decode). */
static void skip(struct port_vcpu *v, unsigned int len)
{
	if (has_nrip && v->vmcb.control.next_rip)
		v->vmcb.save.rip = v->vmcb.control.next_rip;
	else
		v->vmcb.save.rip += len;
}

void port_vcpu_set_hypercall_return(struct port_vcpu *v, long val)
{
	v->vmcb.save.rax = (unsigned long)val;
	skip(v, INSN_VMMCALL_LEN);
}

void port_vcpu_skip(struct port_vcpu *v)
{
	skip(v, INSN_HLT_LEN);
}

/* The one emulated instruction: RDTSC, answered with the host's TSC. */
bool port_vcpu_emulate(struct port_vcpu *v, const struct hv_exit *exit)
{
	uint32_t lo, hi;

	if (exit->reason != HV_EXIT_FAULT || exit->info != EXIT_RDTSC)
		return false;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	v->vmcb.save.rax = lo;
	v->rdx = hi;
	skip(v, INSN_RDTSC_LEN);
	return true;
}

/*
 * V_IRQ is the line, kept in the VMCB: set on a raise; the CPU clears it
 * when the guest takes the interrupt (and writes it back at #VMEXIT);
 * cleared here when the host lowers the line on HC_VIRQ_ACK, which the
 * guest's handler makes before its IRETQ, so the guest cannot take one
 * raise twice.
 */
void port_vcpu_set_virq(struct port_vcpu *v, bool level)
{
	if (level)
		v->vmcb.control.int_ctl |= V_IRQ;
	else
		v->vmcb.control.int_ctl &= ~V_IRQ;
}

unsigned long port_vcpu_pc(struct port_vcpu *v)
{
	return v->vmcb.save.rip;
}

/*
 * Benchmark builds, before any vCPU is set up: the guest reads the TSC
 * itself (guest_bench_counter()), so vCPUs made from now on do not
 * intercept RDTSC; the benchmark guest makes no emulated reads.
 * Context: the benchmark thread, IRQs enabled.
 */
void port_hv_bench_init(void)
{
	bench_tsc = true;
}
