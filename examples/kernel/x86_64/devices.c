/* SPDX-License-Identifier: MIT */
/*
 * x86_64 port on the QEMU PC (-M pc): COM1 console, each CPU's descriptor
 * tables (TSS, IDT) and SYSCALL MSRs, the local APIC (each CPU's periodic
 * tick, the kick and NMI IPIs), the PIT to calibrate the APIC timer, the
 * 8259s masked, isa-debug-exit, and the context set-up of new threads.
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

#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PIT_FREQ     1193182U
#define PORT_B       0x61 /* bit 0: channel 2 gate, 1: speaker, 5: OUT2 */
#define PORT_B_GATE2 0x01
#define PORT_B_SPKR  0x02
#define PORT_B_OUT2  0x20

#define DEBUG_EXIT_PORT 0xf4

#define MSR_APIC_BASE    0x0000001b
#define APIC_BASE_EN     0x800
#define MSR_STAR         0xc0000081
#define MSR_LSTAR        0xc0000082
#define MSR_SYSCALL_MASK 0xc0000084
#define MSR_GS_BASE      0xc0000101

#define SVR_ENABLE    0x100
#define LVT_MASKED    0x10000
#define LVT_PERIODIC  0x20000
#define LVT_NMI       0x400
#define TIMER_DIV_1   0xb
#define CALIBRATE_MS  10
#define LAPIC_HZ_QEMU 1000000000UL /* QEMU's APIC timer: 1 GHz at divide 1 */

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

struct x86_cpu x86_cpus[X86_MAX_CPUS] __attribute__((aligned(64)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
static unsigned long lapic_hz; /* APIC timer counts per second, divide 1 */

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
 * This CPU's TSS: rsp0 is the running thread's kernel stack (port_switch()
 * keeps it current), IST1 the NMI's own stack, IST2 the double fault's,
 * all in the CPU's block. An NMI needs a known-good stack: one could
 * arrive in the SYSCALL entry before it switched stacks, or on the SYSRET
 * path after the user RSP is loaded, and on SMP a cross-CPU NMI lands
 * wherever the target happens to be. Each CPU has its own descriptor
 * (LTR marks it busy). No I/O bitmap: ring 3 has no port access.
 */
static void tss_init(struct x86_cpu *c)
{
	unsigned long base = (unsigned long)&c->tss;
	unsigned long limit = sizeof(c->tss) - 1;
	unsigned int sel = TSS_SEL(c->index);

	c->tss.ist[TSS_IST_NMI - 1] =
		(unsigned long)c->nmi_stack + sizeof(c->nmi_stack);
	c->tss.ist[TSS_IST_DFLT - 1] =
		(unsigned long)c->df_stack + sizeof(c->df_stack);
	c->tss.iomap_base = sizeof(c->tss);
	x86_gdt[sel / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 |
			   0x89UL << 40 | /* present, 64-bit TSS */
			   ((limit >> 16) & 0xf) << 48 |
			   ((base >> 24) & 0xff) << 56;
	x86_gdt[sel / 8 + 1] = base >> 32;
	__asm__ __volatile__("ltr %w0" : : "r"(sel) : "memory");
}

/* One IDT for every CPU, filled once by the boot CPU. */
static void idt_build(void)
{
	unsigned int v;

	for (v = 0; v < 256; v++)
		set_gate(v, (unsigned long)x86_vec_unexpected, 0);
	for (v = 0; v < 32; v++)
		set_gate(v, x86_exception_stubs[v], 0);
	set_gate(VEC_NMI, x86_exception_stubs[VEC_NMI], TSS_IST_NMI);
	set_gate(VEC_DF, x86_exception_stubs[VEC_DF], TSS_IST_DFLT);
	set_gate(VEC_TIMER, (unsigned long)x86_vec_timer, 0);
	set_gate(VEC_IPI, (unsigned long)x86_vec_ipi, 0);
	set_gate(VEC_PIC_SPURIOUS, (unsigned long)x86_vec_pic_spurious, 0);
	set_gate(VEC_APIC_SPURIOUS, (unsigned long)x86_vec_apic_spurious, 0);
}

static void idt_load(void)
{
	struct desc_ptr ptr = {sizeof(idt) - 1, (unsigned long)idt};

	__asm__ __volatile__("lidt %0" : : "m"(ptr) : "memory");
}

/* SYSCALL: kernel CS/SS from STAR[47:32], SYSRET's user SS/CS from
 * STAR[63:48] + 8 / + 16; IF, TF, DF, NT and AC cleared on entry. The
 * MSRs are per CPU. */
static void syscall_init(void)
{
	wrmsr(MSR_STAR, (uint64_t)KERNEL_DS << 48 | (uint64_t)KERNEL_CS << 32);
	wrmsr(MSR_LSTAR, (unsigned long)x86_syscall_entry);
	wrmsr(MSR_SYSCALL_MASK,
	      RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_NT | RFLAGS_AC);
}

/* The 8259 pair at vectors 0x20..0x2f, every line masked: the tick is the
 * local APIC's now. Remapped all the same, so that a spurious IRQ7 (which
 * a mask does not stop) lands on a vector of its own. */
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
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
}

/*
 * This CPU's local APIC: on, no task priority, timer masked until
 * port_timer_start(), error interrupt and LINT0 masked (the 8259s are
 * masked anyway), LINT1 as NMI on the boot CPU only, as the MP
 * specification wires it.
 */
static void lapic_init(bool boot_cpu)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);

	if ((base & ~0xfffUL) != LAPIC_BASE)
		kernel_panic(NULL, "local APIC not at 0xfee00000");
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
	lapic_write(LAPIC_SVR, SVR_ENABLE | VEC_APIC_SPURIOUS);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_LVT_ERR, LVT_MASKED);
	lapic_write(LAPIC_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LINT1, boot_cpu ? LVT_NMI : LVT_MASKED);
}

/**
 * x86_cpu_init - set up the CPU this runs on as logical CPU @cpu
 * @cpu: logical index (0: the boot CPU)
 * @apic_id: the APIC ID it must have
 *
 * GS base first (every later %gs access, port_current() included, needs
 * it), then its TSS, the shared IDT, its SYSCALL MSRs and its local APIC.
 * Context: boot of that CPU, IRQs disabled, nothing scheduled yet.
 */
void x86_cpu_init(unsigned int cpu, unsigned int apic_id)
{
	struct x86_cpu *c = &x86_cpus[cpu];

	c->self = c;
	c->index = cpu;
	c->apic_id = apic_id;
	wrmsr(MSR_GS_BASE, (unsigned long)c);
	tss_init(c);
	idt_load();
	syscall_init();
	lapic_init(cpu == 0);
	if (lapic_read(LAPIC_ID) >> 24 != apic_id)
		kernel_panic(NULL, "a CPU started with an unexpected APIC ID");
}

/*
 * PIT channel 2, polled: mode 0 counts @count input clocks down from the
 * write, then raises OUT2, which port B shows (no interrupt involved). Its
 * gate is on, the speaker off.
 */
static void pit_ch2_start(unsigned int count)
{
	outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPKR) | PORT_B_GATE2);
	outb(PIT_CMD, 0xb0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(PIT_CH2, (unsigned char)count);
	outb(PIT_CH2, (unsigned char)(count >> 8));
}

static bool pit_ch2_done(void)
{
	return inb(PORT_B) & PORT_B_OUT2;
}

/**
 * pit_delay_us - busy-wait @us microseconds (at most 50,000) on PIT channel 2
 * @us: the delay
 *
 * Context: the boot CPU only (one channel, no lock), any IRQ state.
 */
void pit_delay_us(unsigned int us)
{
	unsigned int count =
		(unsigned int)((unsigned long)us * PIT_FREQ / 1000000UL);

	pit_ch2_start(count < 2 ? 2 : count > 0xffff ? 0xffff : count);
	while (!pit_ch2_done())
		__asm__ __volatile__("pause");
}

/*
 * The APIC timer's rate at divide 1, counted against CALIBRATE_MS of PIT
 * channel 2 (both run on QEMU's virtual clock, so host load does not skew
 * it). Without a working channel 2 (OUT2 never rises while the APIC timer
 * counts a whole 2^32) it takes QEMU's fixed 1 GHz.
 */
static void lapic_calibrate(void)
{
	uint32_t left;

	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_1);
	pit_ch2_start(PIT_FREQ / (1000 / CALIBRATE_MS));
	lapic_write(LAPIC_TIMER_INIT, 0xffffffffU);
	do
		left = lapic_read(LAPIC_TIMER_CUR);
	while (!pit_ch2_done() && left != 0);
	lapic_write(LAPIC_TIMER_INIT, 0);
	lapic_hz = left ? (0xffffffffUL - left) * (1000 / CALIBRATE_MS)
			: LAPIC_HZ_QEMU;
	if (!lapic_hz)
		lapic_hz = LAPIC_HZ_QEMU;
}

/*
 * The 8259s are masked before the local APIC masks LINT0: an IRQ the
 * firmware's PIT raised meanwhile must be withdrawn while LINT0 still
 * delivers ExtINT. Masked the other way round, the request stays latched
 * at the CPU with no vector behind it (QEMU then takes a "hardware
 * interrupt" through vector -1 at the first STI: #GP, error code -14),
 * and real hardware may see a spurious interrupt.
 */
void port_init(void)
{
	serial_init();
	pic_init();
	idt_build();
	x86_cpu_init(0, lapic_read(LAPIC_ID) >> 24);
	lapic_calibrate();
	x86_smp_init();
}

/*
 * This CPU's tick: its APIC timer, periodic at @hz (from the calibrated
 * rate, divide 1), on VEC_TIMER; @hz 0 stops it. Writing the initial
 * count restarts the period, so a second call re-rates it. Context: any
 * (the core calls it with IRQs disabled); acts on the CPU it runs on.
 */
void port_timer_start(unsigned int hz)
{
	unsigned long count = hz ? lapic_hz / hz : 0;
	unsigned long flags = port_irq_save();

	if (!hz) {
		lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
		lapic_write(LAPIC_TIMER_INIT, 0);
		port_irq_restore(flags);
		return;
	}
	if (count < 16)
		count = 16;
	if (count > 0xffffffffUL)
		count = 0xffffffffUL;
	x86_this_cpu()->timer_count = (uint32_t)count;
	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_1);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)count);
	port_irq_restore(flags);
}

#if KERNEL_HV
/*
 * Hypervisor builds, scenario 4's forced window (core/hv.h): a fixed
 * self-IPI on the timer's vector, then wait, IF clear, until it is in the
 * IRR, so the next VMRUN exits at once; timer_irq() handles it as a tick.
 * (A one-shot APIC timer count of 1 here, put back to periodic by the
 * tick, hung QEMU 7.2 in about one boot of four, its monitor and gdb stub
 * included.)
 */
void port_hv_timer_pend(void)
{
	unsigned int irr = LAPIC_IRR + 0x10 * (VEC_TIMER / 32);

	lapic_icr_send(x86_this_cpu()->apic_id, VEC_TIMER);
	while (!(lapic_read(irr) & (1U << (VEC_TIMER % 32))))
		__asm__ __volatile__("pause");
}
#endif

#if KERNEL_BENCH
/* Benchmark builds: no periodic tick; the APIC timer stays masked. */
void port_bench_init(void)
{
	lapic_write(LAPIC_TIMER_INIT, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
}

/* A one-shot count of 1, then wait (IF clear) until the tick is in the
 * IRR; one-shot mode stops the timer by itself. */
void port_bench_irq_pend(void)
{
	unsigned int irr = LAPIC_IRR + 0x10 * (VEC_TIMER / 32);

	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_1);
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 1);
	while (!(lapic_read(irr) & (1U << (VEC_TIMER % 32))))
		__asm__ __volatile__("pause");
}

/* A one-shot count of lapic_hz (the calibration's) per second. */
void port_bench_irq_after(unsigned long ns)
{
	unsigned long count = ns * (lapic_hz / 1000000) / 1000 + 1;

	lapic_write(LAPIC_TIMER_DIV, TIMER_DIV_1);
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT,
		    (uint32_t)(count > 0xffffffffUL ? 0xffffffffUL : count));
}
#endif

/**
 * lapic_icr_send - send one IPI from this CPU
 * @apic_id: the destination (physical destination mode)
 * @icr_lo: delivery mode, vector and level of the ICR's low word
 *
 * The ICR is two registers and the low write sends, so the pair is
 * written with IRQs disabled: a tick or kick in between that sends an IPI
 * of its own would otherwise leave its destination in the high word. An
 * NMI may still come in between: the NMI handler puts the high word back
 * (traps.c). The caller's IF comes back in the STI right before the low
 * write: STI opens interrupts only after the next instruction, so the
 * pair stays whole, and a self-NMI arrives with the caller's IF (scenario
 * 6 takes it with IRQs on). Waits for the previous IPI to leave first.
 * Context: any.
 */
void lapic_icr_send(unsigned int apic_id, uint32_t icr_lo)
{
	volatile uint32_t *lo =
		(volatile uint32_t *)(LAPIC_BASE + LAPIC_ICR_LO);
	unsigned long flags = port_irq_save();

	while (lapic_read(LAPIC_ICR_LO) & ICR_BUSY)
		__asm__ __volatile__("pause");
	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	if (flags & RFLAGS_IF)
		__asm__ __volatile__("sti\n\tmovl %1, %0"
				     : "=m"(*lo)
				     : "r"(icr_lo)
				     : "memory");
	else
		*lo = icr_lo;
}

/*
 * The kick: a fixed IPI on VEC_IPI. The ICR is uncached MMIO, and x86
 * keeps stores in order, so whatever the caller stored before (the work
 * bit irqentry_work_set_remote() set) is visible before the IPI leaves
 * (docs/porting.md, section 9).
 */
void port_send_ipi(unsigned int cpu)
{
	lapic_icr_send(x86_cpus[cpu].apic_id, ICR_FIXED | ICR_ASSERT | VEC_IPI);
}

/* An NMI IPI: delivery mode NMI (the vector field is ignored), taken on
 * @cpu through vector 2 whatever its IF, on its own IST stack. */
void port_send_nmi(unsigned int cpu)
{
	lapic_icr_send(x86_cpus[cpu].apic_id, ICR_NMI | ICR_ASSERT);
}

/*
 * An NMI to this CPU: the ICR with delivery mode NMI, physical destination
 * = our own APIC ID (the "self" shorthand is only valid for fixed
 * delivery). NMIs ignore IF, so it is taken with the caller's IF, whatever
 * that is: set in scenario 6 (an IRQ exit would preempt there), clear from
 * inside the tick handler in the stress scenario. Waits until the handler
 * has run on the CPU it was sent to: a thread preempted in between (IF
 * set) and resumed elsewhere still waits on that CPU's count, which the
 * NMI moves. A tick that fires its own NMI between the read of the count
 * and ours only makes this return a few instructions before ours arrives.
 */
void port_nmi_trigger(void)
{
	struct x86_cpu *c = x86_this_cpu();
	unsigned long seen = __atomic_load_n(&c->nmi, __ATOMIC_RELAXED);
	unsigned long spins = 0;

	lapic_icr_send(c->apic_id, ICR_NMI | ICR_ASSERT);
	while (__atomic_load_n(&c->nmi, __ATOMIC_RELAXED) == seen) {
		if (++spins == 100000000UL)
			kernel_panic(NULL, "the self-IPI NMI never arrived");
		__asm__ __volatile__("pause" ::: "memory");
	}
}

/*
 * isa-debug-exit: QEMU exits with (value << 1) | 1, so 0x10 means pass
 * (status 33, PASS_STATUS in arch.mk) and 0x20 + (status & 15) a failure
 * (e.g. 0x23, status 71, for kernel_panic()). A passing run must also
 * have used what this port exists to show: SYSRET, its IRET fallback, and
 * an NMI taken with IF clear. The other CPUs stop with QEMU.
 */
_Noreturn void port_exit(int status)
{
	unsigned int cpu;

	port_irq_disable();
	kprintf("x86_64: %lu syscalls returned with SYSRET, %lu with IRET (SYSRET not safe); %lu NMIs by IPI, %lu with IF clear; %lu kick IPIs; APIC timer %lu Hz\n",
		x86_stats.sysret, x86_stats.iret, x86_stats.nmi,
		x86_stats.nmi_if_off, x86_stats.ipi, lapic_hz);
	for (cpu = 0; cpu < port_cpu_count(); cpu++)
		kprintf("x86_64: cpu %u (APIC ID %u): %lu NMIs, %lu kicks\n",
			cpu, x86_cpus[cpu].apic_id, x86_cpus[cpu].nmi,
			x86_cpus[cpu].ipi);
	if (status == 0 && !KERNEL_BENCH &&
	    (!x86_stats.sysret || !x86_stats.iret ||
	     (!KERNEL_HV && !x86_stats.nmi_if_off))) {
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
