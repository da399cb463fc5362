/* SPDX-License-Identifier: MIT */
/*
 * x86_64 port on the QEMU PC (-M pc): COM1 console, the descriptor tables
 * (TSS, IDT) and the SYSCALL MSRs, the 8259 PIC and the PIT for the tick,
 * the local APIC for the self-IPI NMI, isa-debug-exit, and the context
 * set-up of new threads.
 */
#include "kernel.h"
#include "x86_64.h"

#define COM1     0x3f8
#define COM_LSR  5
#define LSR_THRE 0x20 /* transmit holding register empty */

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI   0x20
#define PIC_ISR   0x0b /* OCW3: read the in-service register */
#define PIC_IRR   0x0a /* OCW3: read the interrupt request register */

#define PIT_CH0  0x40
#define PIT_CMD  0x43
#define PIT_FREQ 1193182U

#define DEBUG_EXIT_PORT 0xf4

#define MSR_APIC_BASE    0x0000001b
#define APIC_BASE_EN     0x800
#define MSR_STAR         0xc0000081
#define MSR_LSTAR        0xc0000082
#define MSR_SYSCALL_MASK 0xc0000084

#define LAPIC_BASE      0xfee00000UL
#define LAPIC_ID        0x020
#define LAPIC_TPR       0x080
#define LAPIC_SVR       0x0f0
#define LAPIC_ICR_LO    0x300
#define LAPIC_ICR_HI    0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LINT0     0x350
#define LAPIC_LINT1     0x360
#define LAPIC_LVT_ERR   0x370
#define SVR_ENABLE      0x100
#define LVT_MASKED      0x10000
#define LVT_EXTINT      0x700
#define LVT_NMI         0x400
#define ICR_NMI         0x400 /* delivery mode NMI */
#define ICR_BUSY        0x1000
#define ICR_ASSERT      0x4000

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(__builtin_offsetof(struct tss, rsp) == TSS_RSP0, "TSS_RSP0");
_Static_assert(sizeof(struct tss) == 104, "TSS size");

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type; /* 0x8e: present, DPL 0, 64-bit interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

struct tss x86_tss __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
static unsigned char nmi_stack[4096] __attribute__((aligned(16)));
static unsigned char df_stack[4096] __attribute__((aligned(16)));
static unsigned int apic_id;

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

static inline uint32_t lapic_read(unsigned int reg)
{
	return *(volatile uint32_t *)(LAPIC_BASE + reg);
}

static inline void lapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *)(LAPIC_BASE + reg) = v;
}

void port_putc(char c)
{
	while (!(inb(COM1 + COM_LSR) & LSR_THRE))
		;
	outb(COM1, (unsigned char)c);
}

static void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no UART interrupts: the console polls */
	outb(COM1 + 3, 0x80); /* DLAB: divisor 1, 115200 baud */
	outb(COM1 + 0, 0x01);
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1 */
	outb(COM1 + 2, 0x07); /* FIFOs on and cleared */
}

static void set_gate(unsigned int v, unsigned long handler, unsigned int ist)
{
	idt[v].offset_lo = (uint16_t)handler;
	idt[v].selector = KERNEL_CS;
	idt[v].ist = (uint8_t)ist;
	idt[v].type = 0x8e;
	idt[v].offset_mid = (uint16_t)(handler >> 16);
	idt[v].offset_hi = (uint32_t)(handler >> 32);
	idt[v].reserved = 0;
}

/*
 * TSS: rsp0 is the running thread's kernel stack (port_switch() keeps it
 * current), IST1 the NMI's own stack, IST2 the double fault's. An NMI
 * needs a known-good stack: one could arrive in the SYSCALL entry before it
 * switched stacks, or on the SYSRET path after the user RSP is loaded
 * (this kernel raises NMIs only from kernel code, but the IDT does not
 * know that). No I/O bitmap: ring 3 has no port access.
 */
static void tss_init(void)
{
	unsigned long base = (unsigned long)&x86_tss;
	unsigned long limit = sizeof(x86_tss) - 1;

	x86_tss.ist[TSS_IST_NMI - 1] =
		(unsigned long)nmi_stack + sizeof(nmi_stack);
	x86_tss.ist[TSS_IST_DFLT - 1] =
		(unsigned long)df_stack + sizeof(df_stack);
	x86_tss.iomap_base = sizeof(x86_tss);
	x86_gdt[TSS_SEL / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			       0x89UL << 40 | /* present, 64-bit TSS */
			       ((limit >> 16) & 0xf) << 48 |
			       ((base >> 24) & 0xff) << 56;
	x86_gdt[TSS_SEL / 8 + 1] = base >> 32;
	__asm__ __volatile__("ltr %w0" : : "r"(TSS_SEL) : "memory");
}

static void idt_init(void)
{
	struct desc_ptr ptr = {sizeof(idt) - 1, (unsigned long)idt};
	unsigned int v;

	for (v = 0; v < 256; v++)
		set_gate(v, (unsigned long)x86_vec_unexpected, 0);
	for (v = 0; v < 32; v++)
		set_gate(v, x86_exception_stubs[v], 0);
	set_gate(VEC_NMI, x86_exception_stubs[VEC_NMI], TSS_IST_NMI);
	set_gate(VEC_DF, x86_exception_stubs[VEC_DF], TSS_IST_DFLT);
	set_gate(VEC_TIMER, (unsigned long)x86_vec_timer, 0);
	set_gate(VEC_PIC_SPURIOUS, (unsigned long)x86_vec_pic_spurious, 0);
	set_gate(VEC_APIC_SPURIOUS, (unsigned long)x86_vec_apic_spurious, 0);
	__asm__ __volatile__("lidt %0" : : "m"(ptr) : "memory");
}

/* SYSCALL: kernel CS/SS from STAR[47:32], SYSRET's user SS/CS from
 * STAR[63:48] + 8 / + 16; IF, TF, DF, NT and AC cleared on entry. */
static void syscall_init(void)
{
	wrmsr(MSR_STAR, (uint64_t)KERNEL_DS << 48 | (uint64_t)KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (unsigned long)x86_syscall_entry);
	wrmsr(MSR_SYSCALL_MASK,
	      RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_NT | RFLAGS_AC);
}

/* The 8259 pair at vectors 0x20..0x2f, only IRQ0 (the PIT) unmasked. */
static void pic_init(void)
{
	outb(PIC1_CMD, 0x11); /* ICW1: initialise, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, VEC_PIC_BASE); /* ICW2: vector base */
	outb(PIC2_DATA, VEC_PIC_BASE + 8);
	outb(PIC1_DATA, 0x04); /* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xfe);
	outb(PIC2_DATA, 0xff);
}

void pic_eoi(void)
{
	outb(PIC1_CMD, PIC_EOI);
}

/* A spurious IRQ7 is delivered with its in-service bit clear. */
bool pic_irq7_spurious(void)
{
	outb(PIC1_CMD, PIC_ISR);
	return !(inb(PIC1_CMD) & 0x80);
}

/*
 * The local APIC: on, the PIC's interrupts through LINT0 (ExtINT), its own
 * timer and error interrupts masked. Only its ICR is used, for the NMI.
 */
static void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if ((base & ~0xfffUL) != LAPIC_BASE)
		kernel_panic(NULL, "local APIC not at 0xfee00000");
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_APIC_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERR, LVT_MASKED);
	lapic_write(LAPIC_LINT0, LVT_EXTINT);
	lapic_write(LAPIC_LINT1, LVT_NMI);
	apic_id = lapic_read(LAPIC_ID) >> 24;
}

void port_init(void)
{
	serial_init();
	tss_init();
	idt_init();
	syscall_init();
	pic_init();
	lapic_init();
}

/* PIT channel 0, mode 2 (rate generator): 20 kHz is divisor 60, 19886 Hz. */
void port_timer_start(unsigned int hz)
{
	unsigned int div = (PIT_FREQ + hz / 2) / hz;
	unsigned long flags = port_irq_save();

	if (div < 2)
		div = 2;
	if (div > 0xffff)
		div = 0xffff;
	outb(PIT_CMD, 0x34); /* channel 0, lobyte/hibyte, mode 2 */
	outb(PIT_CH0, (unsigned char)div);
	outb(PIT_CH0, (unsigned char)(div >> 8));
	port_irq_restore(flags);
}

#if KERNEL_BENCH
/*
 * Benchmark builds: no periodic tick. PIT channel 0 in mode 0 (interrupt
 * on terminal count) fires once per count written; the firmware's
 * periodic mode stops here, and the long first count ends long after the
 * measurements (55 ms of virtual time, 55 million instructions).
 */
void port_bench_init(void)
{
	outb(PIT_CMD, 0x30); /* channel 0, lobyte/hibyte, mode 0 */
	outb(PIT_CH0, 0xff);
	outb(PIT_CH0, 0xff);
}

/* A count of 2, then wait (IF clear) until the PIC has latched IRQ0. */
void port_bench_irq_pend(void)
{
	outb(PIT_CMD, 0x30);
	outb(PIT_CH0, 2);
	outb(PIT_CH0, 0);
	do
		outb(PIC1_CMD, PIC_IRR);
	while (!(inb(PIC1_CMD) & 0x01));
}
#endif

/*
 * An NMI to this CPU: the ICR with delivery mode NMI, physical destination
 * = our own APIC ID (the "self" shorthand is only valid for fixed
 * delivery). NMIs ignore IF, so it is taken with the caller's IF, whatever
 * that is: set in scenario 6 (an IRQ exit would preempt there), clear from
 * inside the tick handler in the stress scenario. Waits until the handler
 * has run. A tick that fires its own NMI between the read of the count and
 * ours only makes this return a few instructions before ours arrives.
 */
void port_nmi_trigger(void)
{
	unsigned long seen = __atomic_load_n(&x86_stats.nmi, __ATOMIC_RELAXED);
	unsigned long spins = 0;

	while (lapic_read(LAPIC_ICR_LO) & ICR_BUSY)
		;
	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, ICR_NMI | ICR_ASSERT);
	while (__atomic_load_n(&x86_stats.nmi, __ATOMIC_RELAXED) == seen) {
		if (++spins == 100000000UL)
			kernel_panic(NULL, "the self-IPI NMI never arrived");
		__asm__ __volatile__("pause" ::: "memory");
	}
}

/*
 * isa-debug-exit: QEMU exits with (value << 1) | 1, so 0x10 means pass
 * (status 33, PASS_STATUS in arch.mk) and 0x20 + (status & 15) a failure
 * (e.g. 0x23, status 71, for kernel_panic()). A
 * passing run must also have used what this port exists to show: SYSRET,
 * its IRET fallback, and an NMI taken with IF clear.
 */
_Noreturn void port_exit(int status)
{
	port_irq_disable();
	kprintf("x86_64: %lu syscalls returned with SYSRET, %lu with IRET (SYSRET not safe); %lu NMIs by self-IPI, %lu with IF clear\n",
		x86_stats.sysret, x86_stats.iret, x86_stats.nmi,
		x86_stats.nmi_if_off);
	if (status == 0 && !KERNEL_BENCH &&
	    (!x86_stats.sysret || !x86_stats.iret || !x86_stats.nmi_if_off)) {
		kprintf("violation: x86_64: SYSRET, the IRET fallback or an NMI with IF clear never happened\n");
		status = 1;
	}
	outb(DEBUG_EXIT_PORT,
	     (unsigned char)(status == 0 ? EXIT_PASS_VAL
					 : EXIT_FAIL_VAL + (status & 15)));
	for (;;)
		__asm__ __volatile__("hlt");
}

/* Nothing is mapped between 1 GiB and the local APIC (boot.S). */
unsigned long port_bad_address(void)
{
	return 0x40000000UL;
}

/* port_switch() "returns" into the trampoline on the first switch. */
static void context_init(struct port_context *ctx, void *kstack_top,
			 void (*trampoline)(void))
{
	unsigned long *sp = (unsigned long *)kstack_top - 1;

	memset(ctx, 0, sizeof(*ctx));
	*sp = (unsigned long)trampoline;
	ctx->rsp = (unsigned long)sp;
	ctx->kstack_top = (unsigned long)kstack_top;
}

void port_context_init_kernel(struct port_context *ctx, void *kstack_top)
{
	context_init(ctx, kstack_top, x86_kthread_trampoline);
}

void port_context_init_user(struct port_context *ctx, void *kstack_top,
			    unsigned long entry, unsigned long user_sp,
			    unsigned long arg)
{
	context_init(ctx, kstack_top, x86_uthread_trampoline);
	ctx->r12 = entry;
	ctx->r13 = user_sp;
	ctx->r14 = arg;
}

const char *port_mask_str(unsigned long rflags, char *buf)
{
	buf[0] = 'I';
	buf[1] = 'F';
	buf[2] = '=';
	buf[3] = (rflags & RFLAGS_IF) ? '1' : '0';
	buf[4] = '\0';
	return buf;
}

/*
 * SMP placeholders (core/port.h): one CPU until this port's SMP support;
 * the core then never starts a CPU or sends a kick.
 */
unsigned int port_cpu_count(void)
{
	return 1;
}

void port_cpu_start(unsigned int cpu, void *stack_top)
{
	(void)cpu;
	(void)stack_top;
	kernel_panic(NULL, "port_cpu_start: no SMP support yet");
}

void port_send_ipi(unsigned int cpu)
{
	(void)cpu;
	kernel_panic(NULL, "port_send_ipi: no SMP support yet");
}

void port_send_nmi(unsigned int cpu)
{
	(void)cpu;
	kernel_panic(NULL, "port_send_nmi: no SMP support yet");
}

struct thread *x86_current;
