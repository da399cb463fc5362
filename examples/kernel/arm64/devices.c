/* SPDX-License-Identifier: MIT */
/*
 * arm64 port on QEMU virt (-M virt,gic-version=2): PL011 console, GICv2,
 * the EL1 virtual timer (the HV build: the EL2 physical timer, arm64.h),
 * and the context set-up of new threads.
 */
#include "kernel.h"
#include "arm64.h"

#define PL011_BASE 0x09000000UL
#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_TXFF (1U << 5)

/* Per CPU (the tick is each CPU's own EL1 virtual timer, PPI 27, banked):
 * the reload value of the running CPU's timer, by logical CPU number. */
static unsigned int timer_interval[NR_CPUS];

void port_putc(char c)
{
	while (mmio_read32(PL011_BASE + PL011_FR) & PL011_TXFF)
		;
	mmio_write32(PL011_BASE + PL011_DR, (unsigned char)c);
}

/**
 * gic_cpu_init - this CPU's part of the GIC: banked enables and its CPU
 * interface
 *
 * The timer PPI and the kick SGI enabled at a priority the CPU interface
 * lets through (byte writes: the priority registers are byte-accessible,
 * and strict alignment holds), then the CPU interface on. All of it is
 * banked per CPU, so every CPU runs this for itself.
 *
 * Context: boot of each CPU (port_init(), arm64_secondary_start()), IRQs
 * disabled, does not schedule.
 */
void gic_cpu_init(void)
{
	*(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + TIMER_PPI) = 0xa0;
	*(volatile uint8_t *)(GICD_BASE + GICD_IPRIORITYR + IPI_SGI) = 0xa0;
	mmio_write32(GICD_BASE + GICD_ISENABLER0,
		     (1U << TIMER_PPI) | (1U << IPI_SGI));
	mmio_write32(GICC_BASE + GICC_PMR, 0xff);
	mmio_write32(GICC_BASE + GICC_CTLR, 1);
}

void port_init(void)
{
	/* The distributor once, for everyone; then the boot CPU's own part. */
	mmio_write32(GICD_BASE + GICD_CTLR, 1);
	arm64_smp_boot_cpu();
	gic_cpu_init();
}

/* Acknowledge the highest-priority pending interrupt of this CPU. */
unsigned int gic_ack(void)
{
	return mmio_read32(GICC_BASE + GICC_IAR);
}

/* End it: @iar exactly as gic_ack() returned it (an SGI's value carries
 * its source CPU, which the GIC needs back). */
void gic_eoi(unsigned int iar)
{
	mmio_write32(GICC_BASE + GICC_EOIR, iar);
}

/* A new TVAL also clears the level-triggered timer condition. */
void timer_rearm(void)
{
#if KERNEL_BENCH
	/* Benchmark builds: one tick per port_bench_irq_pend(), then off. */
	__asm__ __volatile__("msr " TIMER_CTL ", %0" : : "r"(0UL));
#else
	__asm__ __volatile__(
		"msr " TIMER_TVAL ", %0"
		:
		: "r"((unsigned long)timer_interval[arm64_cpu_index()]));
#endif
}

#if KERNEL_BENCH
/*
 * PMU event counter 0: INST_RETIRED (0x08) at EL1 and EL0 (P and U filter
 * bits clear), enabled, readable from EL0 (PMUSERENR: EN and ER). A VHE
 * host runs at EL2, which a counter counts only with PMEVTYPER.NSH (bit 27)
 * set: then it counts the host at EL2, its user threads at EL0 and its
 * guests at EL1 alike (MDCR_EL2.HPMD, which would stop it at EL2, is clear
 * from reset, and HPMN from reset leaves counter 0 in the range PMCR_EL0.E
 * enables). QEMU counts it only under -icount, exactly.
 */
#if KERNEL_HV
#define PMEVTYPER_FILTER (1UL << 27) /* NSH */
#else
#define PMEVTYPER_FILTER 0UL
#endif

void port_bench_init(void)
{
	__asm__ __volatile__("msr pmevtyper0_el0, %0\n\t"
			     "msr pmcntenset_el0, %1\n\t"
			     "msr pmuserenr_el0, %2\n\t"
			     "msr pmcr_el0, %3\n\t"
			     "isb"
			     :
			     : "r"(0x08UL | PMEVTYPER_FILTER), "r"(1UL),
			       "r"(0x9UL), "r"(0x3UL)
			     : "memory");
}

/* The virtual timer, expired now: its PPI is pending at once. */
void port_bench_irq_pend(void)
{
	__asm__ __volatile__("msr " TIMER_TVAL ", %0\n\t"
			     "msr " TIMER_CTL ", %1\n\t"
			     "isb"
			     :
			     : "r"(0UL), "r"(1UL)
			     : "memory");
}

/* The virtual timer, TVAL counts of CNTFRQ from now, enabled. */
void port_bench_irq_after(unsigned long ns)
{
	unsigned long freq;

	__asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(freq));
	__asm__ __volatile__("msr " TIMER_TVAL ", %0\n\t"
			     "msr " TIMER_CTL ", %1\n\t"
			     "isb"
			     :
			     : "r"(ns * (freq / 1000000) / 1000 + 1), "r"(1UL)
			     : "memory");
}
#endif

/* This CPU's timer: IRQs off so the caller cannot move to another CPU
 * between naming this one and programming its (banked) timer. */
void port_timer_start(unsigned int hz)
{
	unsigned long freq, flags = port_irq_save();

	__asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(freq));
	timer_interval[arm64_cpu_index()] = (unsigned int)(freq / hz);
	timer_rearm();
	__asm__ __volatile__("msr " TIMER_CTL ", %0" : : "r"(1UL)); /* ENABLE */
	port_irq_restore(flags);
}

/* The top of RAM is 0x40000000 + 128 MiB (QEMU's default -m): the next
 * 256 MiB of the physical map have nothing behind them. */
unsigned long port_bad_address(void)
{
	return 0x50000000UL;
}

void port_context_init_kernel(struct port_context *ctx, void *kstack_top)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->lr = (unsigned long)arm64_kthread_trampoline;
	ctx->sp = (unsigned long)kstack_top;
}

void port_context_init_user(struct port_context *ctx, void *kstack_top,
			    unsigned long entry, unsigned long user_sp,
			    unsigned long arg)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->x19_x28[0] = entry;
	ctx->x19_x28[1] = user_sp;
	ctx->x19_x28[2] = arg;
	ctx->lr = (unsigned long)arm64_uthread_trampoline;
	ctx->sp = (unsigned long)kstack_top;
}

const char *port_mask_str(unsigned long daif, char *buf)
{
	static const char *const names[] = {"D", "A", "I", "F"};
	static const unsigned long bits[] = {DAIF_D, DAIF_A, DAIF_I, DAIF_F};
	char *p = buf;
	const char *s;
	int i;

	for (s = "DAIF="; *s;)
		*p++ = *s++;
	for (i = 0; i < 4; i++) {
		if (!(daif & bits[i]))
			continue;
		if (p[-1] != '=')
			*p++ = '|';
		*p++ = names[i][0];
	}
	if (p[-1] == '=')
		for (s = "none"; *s;)
			*p++ = *s++;
	*p = '\0';
	return buf;
}
