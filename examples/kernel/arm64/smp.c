/* SPDX-License-Identifier: MIT */
/*
 * arm64 SMP on QEMU virt: CPUs found and started through PSCI, logical CPU
 * numbers mapped to MPIDR affinities, and the kick IPI as a GICv2 SGI.
 *
 * QEMU's virt machine without EL2/EL3 emulates PSCI 0.2+ itself on the HVC
 * conduit (the firmware Linux finds in the DTB's /psci node). Its CPUs have
 * MPIDR Aff0 = 0..N-1 in cluster 0; the one QEMU starts is the boot CPU,
 * the others wait powered off for CPU_ON.
 */
#include "kernel.h"
#include "arm64.h"

#define PSCI_CPU_ON_64          0xc4000003UL
#define PSCI_AFFINITY_INFO_64   0xc4000004UL
#define PSCI_INVALID_PARAMETERS (-2L)

#define MPIDR_AFF_MASK 0xff00ffffffUL /* Aff3..Aff0 */
#define MPIDR_AFF0_MAX 16 /* GICv2 targets 8 CPUs; a virt cluster is 8 */

/* Logical CPU -> MPIDR affinity; [0] is the boot CPU. */
static unsigned long cpu_mpidr[NR_CPUS];
static unsigned int nr_cpus = 1;
static bool counted;
/* Logical CPU -> its GIC CPU interface bit, read by that CPU itself. */
static uint8_t gic_cpu_mask[NR_CPUS];
/* Stack tops of starting secondaries, read by arm64_secondary_entry. */
unsigned long arm64_secondary_sp[NR_CPUS];

static inline unsigned long read_mpidr(void)
{
	unsigned long v;

	__asm__ __volatile__("mrs %0, mpidr_el1" : "=r"(v));
	return v & MPIDR_AFF_MASK;
}

/* Record this CPU's GIC CPU interface: GICD_ITARGETSR0..7 are banked and
 * read as the reading CPU's own bit (GICv2 architecture, 4.3.12), except
 * on a uniprocessor GIC (QEMU -smp 1), where they are RAZ and the one CPU
 * is interface 0. */
static void record_gic_mask(unsigned int cpu)
{
	uint8_t mask =
		(uint8_t)(mmio_read32(GICD_BASE + GICD_ITARGETSR) & 0xff);

	gic_cpu_mask[cpu] = mask ? mask : 1;
}

/**
 * arm64_smp_boot_cpu - make the running CPU logical CPU 0
 *
 * Context: boot (port_init()), IRQs disabled, once.
 */
void arm64_smp_boot_cpu(void)
{
	cpu_mpidr[0] = read_mpidr();
	record_gic_mask(0);
}

/**
 * arm64_cpu_index - the logical number of the CPU running this
 *
 * Return: 0..port_cpu_count()-1 (0 before port_cpu_count() ran).
 * Context: IRQs disabled (otherwise the answer may be stale on return).
 */
unsigned int arm64_cpu_index(void)
{
	unsigned long self = read_mpidr();
	unsigned int i;

	for (i = 1; i < nr_cpus; i++)
		if (cpu_mpidr[i] == self)
			return i;
	return 0;
}

/*
 * PSCI AFFINITY_INFO on each Aff0 of the boot CPU's cluster: ON, OFF or
 * ON_PENDING (>= 0) for a CPU that exists, INVALID_PARAMETERS for one that
 * does not. Counted once; later calls return the same answer.
 */
unsigned int port_cpu_count(void)
{
	unsigned long base = cpu_mpidr[0] & ~0xffUL;
	unsigned int aff0;

	if (counted)
		return nr_cpus;
	for (aff0 = 0; aff0 < MPIDR_AFF0_MAX && nr_cpus < NR_CPUS; aff0++) {
		unsigned long id = base | aff0;
		long ret;

		if (id == cpu_mpidr[0])
			continue;
		ret = (long)arm64_psci_call(PSCI_AFFINITY_INFO_64, id, 0, 0);
		if (ret < 0)
			continue;
		cpu_mpidr[nr_cpus++] = id;
	}
	counted = true;
	return nr_cpus;
}

/*
 * PSCI CPU_ON: the CPU starts at arm64_secondary_entry (a physical address:
 * the MMU is off), at EL1 with x0 = @cpu. Its stack top is published
 * first; QEMU performs the CPU_ON synchronously, from this CPU's HVC, so
 * the DSB before it is all the ordering the new CPU needs.
 */
void port_cpu_start(unsigned int cpu, void *stack_top)
{
	long ret;

	arm64_secondary_sp[cpu] = (unsigned long)stack_top;
	__asm__ __volatile__("dsb sy" : : : "memory");
	ret = (long)arm64_psci_call(PSCI_CPU_ON_64, cpu_mpidr[cpu],
				    (unsigned long)arm64_secondary_entry, cpu);
	if (ret != 0) {
		kprintf("cpu %u: PSCI CPU_ON(0x%lx) returned %ld\n", cpu,
			cpu_mpidr[cpu], ret);
		kernel_panic(NULL, "a secondary CPU did not start");
	}
}

/**
 * arm64_secondary_start - first C code of a secondary CPU (boot.S)
 * @cpu: its logical number (the CPU_ON context id)
 *
 * Vectors, D and A are set up by the assembly; here its GIC part, then
 * the core. Context: IRQs disabled; never returns.
 */
_Noreturn void arm64_secondary_start(unsigned int cpu)
{
	record_gic_mask(cpu);
	gic_cpu_init();
	kernel_secondary_main(cpu);
}

/*
 * The kick: SGI IPI_SGI to @cpu's CPU interface. GICD_SGIR is a Device
 * store; the DSB orders every earlier store (the work bit the kick is
 * for) before it (Linux: the barrier in gic_ipi_send_mask(),
 * drivers/irqchip/irq-gic.c). Any context.
 */
void port_send_ipi(unsigned int cpu)
{
	__asm__ __volatile__("dsb ishst" : : : "memory");
	mmio_write32(GICD_BASE + GICD_SGIR,
		     ((uint32_t)gic_cpu_mask[cpu] << 16) | IPI_SGI);
}

/**
 * arm64_gic_cpu_of_mask - the logical CPU whose GIC interface number is @n
 * @n: an SGI's source field (GICC_IAR bits 12:10)
 *
 * Return: the logical CPU, or -1 if none has that interface.
 */
int arm64_gic_cpu_of(unsigned int n)
{
	unsigned int i;

	for (i = 0; i < nr_cpus; i++)
		if (gic_cpu_mask[i] == (1U << n))
			return (int)i;
	return -1;
}

#if ARM64_SMP_SELFTEST
/*
 * Scratch bring-up check (make ARCH=arm64 SMP_SELFTEST=1), for a core that
 * is not SMP yet: at the end of port_init() every CPU comes up, prints,
 * hammers shared atomics, takes its own timer ticks and passes an SGI
 * around the ring of CPUs; then the secondaries park with IRQs masked and
 * the uniprocessor kernel runs as usual. IRQs here bypass the library
 * (selftest_irq() in traps.c): the core's state is not per CPU yet.
 */
#define ST_ADDS  100000
#define ST_LOCKS 20000
#define ST_HOPS  2000
#define ST_TICKS 100

static unsigned char st_stacks[NR_CPUS][4096] __attribute__((aligned(16)));
static unsigned int st_online, st_go, st_hammered, st_parked, st_stop, st_done,
	st_lock;
static unsigned long st_added, st_locked_sum, st_hops, st_bad_src;
static unsigned long st_ticks[NR_CPUS], st_ipis[NR_CPUS];

static void st_spin_lock(void)
{
	while (__atomic_exchange_n(&st_lock, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&st_lock, __ATOMIC_RELAXED))
			;
}

static void st_spin_unlock(void)
{
	__atomic_store_n(&st_lock, 0, __ATOMIC_RELEASE);
}

/* The shared work each CPU does: atomic adds and lock-protected plain
 * increments, both lost if the exclusives did not work across CPUs. */
static void st_hammer(void)
{
	int i;

	while (!__atomic_load_n(&st_go, __ATOMIC_ACQUIRE))
		;
	for (i = 0; i < ST_ADDS; i++)
		__atomic_fetch_add(&st_added, 1, __ATOMIC_RELAXED);
	for (i = 0; i < ST_LOCKS; i++) {
		st_spin_lock();
		st_locked_sum++;
		st_spin_unlock();
	}
	__atomic_fetch_add(&st_hammered, 1, __ATOMIC_RELEASE);
}

/* One hop of the SGI ring: forward to the next CPU until ST_HOPS. */
static void st_hop(unsigned int cpu)
{
	unsigned long n = __atomic_add_fetch(&st_hops, 1, __ATOMIC_SEQ_CST);

	if (n < ST_HOPS)
		port_send_ipi((cpu + 1) % nr_cpus);
}

/* From arm64_el1_irq/_el0_irq while the selftest runs: true if handled. */
bool selftest_irq(void)
{
	unsigned int iar, id, cpu;

	if (__atomic_load_n(&st_done, __ATOMIC_ACQUIRE))
		return false;
	iar = gic_ack();
	id = GIC_IAR_ID(iar);
	cpu = arm64_cpu_index();
	if (id == TIMER_PPI) {
		timer_rearm();
		st_ticks[cpu]++;
	} else if (id == IPI_SGI) {
		unsigned int prev = (cpu + nr_cpus - 1) % nr_cpus;

		__asm__ __volatile__("dmb ish" : : : "memory");
		st_ipis[cpu]++;
		if (arm64_gic_cpu_of(GIC_IAR_SRC(iar)) != (int)prev)
			__atomic_fetch_add(&st_bad_src, 1, __ATOMIC_RELAXED);
		st_hop(cpu);
	}
	if (id != GIC_SPURIOUS)
		gic_eoi(iar);
	return true;
}

static bool st_ticks_enough(void)
{
	unsigned int i;

	for (i = 0; i < nr_cpus; i++)
		if (__atomic_load_n(&st_ticks[i], __ATOMIC_RELAXED) < ST_TICKS)
			return false;
	return true;
}

_Noreturn void kernel_secondary_main(unsigned int cpu)
{
	st_spin_lock();
	kprintf("cpu %u up (MPIDR 0x%lx, GIC interface mask 0x%x)\n", cpu,
		read_mpidr(), gic_cpu_mask[cpu]);
	st_spin_unlock();
	port_timer_start(1000);
	__atomic_fetch_add(&st_online, 1, __ATOMIC_RELEASE);
	st_hammer();
	port_irq_enable();
	while (!__atomic_load_n(&st_stop, __ATOMIC_ACQUIRE))
		__asm__ __volatile__("wfi");
	port_irq_disable();
	__asm__ __volatile__("msr cntv_ctl_el0, xzr");
	__atomic_fetch_add(&st_parked, 1, __ATOMIC_RELEASE);
	for (;;)
		__asm__ __volatile__("wfi");
}

void kernel_ipi(irqentry_regs_t *regs)
{
	(void)regs;
}

void arm64_smp_selftest(void)
{
	unsigned int n = port_cpu_count(), i;
	bool ok;

	kprintf("smp selftest: %u CPUs\n", n);
	for (i = 1; i < n; i++)
		port_cpu_start(i, st_stacks[i] + sizeof(st_stacks[i]));
	while (__atomic_load_n(&st_online, __ATOMIC_ACQUIRE) != n - 1)
		;
	port_timer_start(1000);
	__atomic_store_n(&st_go, 1, __ATOMIC_RELEASE); /* all at once */
	st_hammer();
	port_irq_enable();
	port_send_ipi(n > 1 ? 1 : 0);
	while (__atomic_load_n(&st_hops, __ATOMIC_ACQUIRE) < ST_HOPS ||
	       !st_ticks_enough() ||
	       __atomic_load_n(&st_hammered, __ATOMIC_ACQUIRE) != n)
		__asm__ __volatile__("wfi");
	port_irq_disable();
	__asm__ __volatile__("msr cntv_ctl_el0, xzr");
	/* Park the secondaries (IRQs masked, timer off) before IRQs go back
	 * to the library: the uniprocessor core must never see them. */
	__atomic_store_n(&st_stop, 1, __ATOMIC_RELEASE); /* ticks wake them */
	while (__atomic_load_n(&st_parked, __ATOMIC_ACQUIRE) != n - 1)
		;
	__atomic_store_n(&st_done, 1, __ATOMIC_RELEASE);
	ok = st_bad_src == 0 && st_added == (unsigned long)n * ST_ADDS &&
	     st_locked_sum == (unsigned long)n * ST_LOCKS;
	for (i = 0; i < n; i++) {
		kprintf("smp selftest: cpu %u ticks=%lu ipis=%lu\n", i,
			st_ticks[i], st_ipis[i]);
		ok = ok && st_ticks[i] >= ST_TICKS && (n == 1 || st_ipis[i]);
	}
	kprintf("smp selftest: atomic adds %lu/%lu, locked %lu/%lu, hops %lu, "
		"bad SGI sources %lu: %s\n",
		st_added, (unsigned long)n * ST_ADDS, st_locked_sum,
		(unsigned long)n * ST_LOCKS, st_hops, st_bad_src,
		ok ? "PASS" : "FAIL");
}
#elif ARM64_PRE_SMP_CORE
/* The core is not SMP yet: it never starts a secondary nor kicks. */
_Noreturn void kernel_secondary_main(unsigned int cpu)
{
	(void)cpu;
	kernel_panic(NULL, "secondary CPU without an SMP core");
}

void kernel_ipi(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif /* ARM64_SMP_SELFTEST */
