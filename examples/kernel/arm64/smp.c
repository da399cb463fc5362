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
static unsigned int nr_present = 1;
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

	for (i = 1; i < nr_present; i++)
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
		return nr_present;
	for (aff0 = 0; aff0 < MPIDR_AFF0_MAX && nr_present < NR_CPUS; aff0++) {
		unsigned long id = base | aff0;
		long ret;

		if (id == cpu_mpidr[0])
			continue;
		ret = (long)arm64_psci_call(PSCI_AFFINITY_INFO_64, id, 0, 0);
		if (ret < 0)
			continue;
		cpu_mpidr[nr_present++] = id;
	}
	counted = true;
	return nr_present;
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
