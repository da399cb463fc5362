/* SPDX-License-Identifier: MIT */
/*
 * x86_64 SMP bring-up on the QEMU PC: which CPUs there are and their APIC
 * IDs (the ACPI MADT, cross-checked against QEMU's CMOS count), starting
 * one with INIT-SIPI-SIPI on the real-mode trampoline of boot.S, and the
 * first C code of such an application processor (AP).
 *
 * Logical CPU 0 is the boot CPU whatever its APIC ID; the others take the
 * MADT's order. x86_cpus[cpu].apic_id is the map port_send_ipi() and
 * port_send_nmi() use.
 */
#include "kernel.h"
#include "x86_64.h"

#define CMOS_INDEX     0x70
#define CMOS_DATA      0x71
#define CMOS_QEMU_CPUS 0x5f /* QEMU pc (pc_cmos_init()): CPUs - 1 */

#define BDA_EBDA_SEG 0x40e /* word: the EBDA's real-mode segment */
#define BIOS_ROM_LO  0xe0000
#define BIOS_ROM_HI  0x100000

#define MADT_LAPIC         0 /* entry type: processor local APIC */
#define MADT_LAPIC_ENABLED 0x1

#define ICR_LEVEL 0x8000 /* level-triggered (INIT assert / de-assert) */

#define AP_WAIT_MS 5000 /* an AP must reach C within this (virtual) time */

_Static_assert(NR_CPUS <= X86_MAX_CPUS, "boot.S has a TSS slot per CPU");

/* ACPI 1.0 root pointer: the RSDT is enough on QEMU (SeaBIOS). */
struct acpi_rsdp {
	char sig[8]; /* "RSD PTR " */
	uint8_t checksum;
	char oem[6];
	uint8_t revision;
	uint32_t rsdt;
} __attribute__((packed));

struct acpi_header {
	char sig[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem[6];
	char oem_table[8];
	uint32_t oem_revision;
	uint32_t creator;
	uint32_t creator_revision;
} __attribute__((packed));

struct acpi_madt {
	struct acpi_header h;
	uint32_t lapic_addr;
	uint32_t flags;
	uint8_t entries[]; /* type, length, ... */
} __attribute__((packed));

static unsigned int cpu_count = 1;
static unsigned int ap_up; /* the last AP that reached x86_ap_main() */

/* A physical address as a pointer (the first GiB is identity-mapped). The
 * empty asm hides the constant from the compiler, which would otherwise
 * treat low addresses as offsets from NULL. */
static const void *phys(unsigned long pa)
{
	__asm__("" : "+r"(pa));
	return (const void *)pa;
}

static bool bytes_eq(const char *a, const char *b, size_t n)
{
	while (n--)
		if (*a++ != *b++)
			return false;
	return true;
}

/* ACPI tables: every byte, the checksum included, sums to 0 mod 256. */
static bool checksum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len--)
		sum = (uint8_t)(sum + *b++);
	return sum == 0;
}

static const struct acpi_rsdp *rsdp_scan(unsigned long lo, unsigned long hi)
{
	for (lo &= ~15UL; lo + sizeof(struct acpi_rsdp) <= hi; lo += 16) {
		const struct acpi_rsdp *r = phys(lo);

		if (bytes_eq(r->sig, "RSD PTR ", 8) &&
		    checksum_ok(r, sizeof(*r)))
			return r;
	}
	return NULL;
}

/* Where the ACPI specification says the root pointer is: the first KiB of
 * the EBDA, then the BIOS area 0xe0000..0xfffff. */
static const struct acpi_madt *madt_find(void)
{
	unsigned long ebda =
		(unsigned long)*(const uint16_t *)phys(BDA_EBDA_SEG) << 4;
	const struct acpi_rsdp *rsdp = NULL;
	const struct acpi_header *rsdt;
	unsigned int i, n;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		rsdp = rsdp_scan(ebda, ebda + 1024);
	if (!rsdp)
		rsdp = rsdp_scan(BIOS_ROM_LO, BIOS_ROM_HI);
	if (!rsdp || !rsdp->rsdt || rsdp->rsdt >= 0x40000000U)
		return NULL;
	rsdt = phys(rsdp->rsdt);
	if (!bytes_eq(rsdt->sig, "RSDT", 4) || !checksum_ok(rsdt, rsdt->length))
		return NULL;
	n = (rsdt->length - (unsigned int)sizeof(*rsdt)) / 4;
	for (i = 0; i < n; i++) {
		uint32_t pa;
		const struct acpi_header *h;

		memcpy(&pa, (const char *)(rsdt + 1) + 4 * i, 4);
		if (!pa || pa >= 0x40000000U)
			continue;
		h = phys(pa);
		if (bytes_eq(h->sig, "APIC", 4) && checksum_ok(h, h->length))
			return (const struct acpi_madt *)h;
	}
	return NULL;
}

/*
 * The enabled processor entries of the MADT after the boot CPU (already
 * x86_cpus[0]), into x86_cpus[1..]: returns how many CPUs that makes, at
 * most NR_CPUS, or 0 without a MADT.
 */
static unsigned int madt_cpus(void)
{
	const struct acpi_madt *madt = madt_find();
	const uint8_t *e, *end;
	unsigned int n = 1;
	bool boot_seen = false;

	if (!madt)
		return 0;
	e = madt->entries;
	end = (const uint8_t *)madt + madt->h.length;
	for (; e + 2 <= end && e[1] >= 2 && e + e[1] <= end; e += e[1]) {
		uint32_t flags;

		if (e[0] != MADT_LAPIC || e[1] < 8)
			continue;
		memcpy(&flags, e + 4, 4);
		if (!(flags & MADT_LAPIC_ENABLED))
			continue;
		if (e[3] == x86_cpus[0].apic_id) {
			boot_seen = true;
			continue;
		}
		if (n < NR_CPUS)
			x86_cpus[n++].apic_id = e[3];
	}
	return boot_seen ? n : 0;
}

static unsigned int cmos_read(unsigned int reg)
{
	outb(CMOS_INDEX, (unsigned char)reg); /* bit 7 clear: NMIs stay on */
	return inb(CMOS_DATA);
}

/**
 * x86_smp_init - find the other CPUs and put the trampoline in place
 *
 * The MADT gives the APIC IDs; without one, QEMU's CMOS byte gives the
 * count and the IDs are taken to be 0, 1, ... (QEMU's default topology).
 * Context: boot CPU, port_init() after x86_cpu_init(0), IRQs disabled.
 */
void x86_smp_init(void)
{
	unsigned int cmos = cmos_read(CMOS_QEMU_CPUS) + 1, n, i;
	size_t size = (size_t)(x86_ap_trampoline_end - x86_ap_trampoline);
	bool from_madt;

	n = madt_cpus();
	from_madt = n != 0;
	if (!from_madt) {
		n = cmos < NR_CPUS ? cmos : NR_CPUS;
		for (i = 1; i < n; i++)
			x86_cpus[i].apic_id =
				i <= x86_cpus[0].apic_id ? i - 1 : i;
	}
	cpu_count = n;
	if (size > 4096)
		kernel_panic(NULL, "the AP trampoline exceeds its page");
	memcpy((void *)phys(X86_TRAMPOLINE_PHYS), x86_ap_trampoline, size);
	kprintf("x86_64: %u CPU%s (APIC IDs", n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++)
		kprintf(" %u", x86_cpus[i].apic_id);
	kprintf(") from %s, CMOS says %u\n",
		from_madt ? "the ACPI MADT" : "CMOS", cmos);
}

/**
 * port_cpu_count - how many CPUs the kernel may start (1..NR_CPUS)
 *
 * Context: boot CPU, after port_init().
 */
unsigned int port_cpu_count(void)
{
	return cpu_count;
}

/**
 * port_cpu_start - start logical CPU @cpu on @stack_top
 * @cpu: 1..port_cpu_count() - 1
 * @stack_top: its first stack (16-byte aligned)
 *
 * The MP start-up sequence (Linux: wakeup_secondary_cpu_via_init() in
 * arch/x86/kernel/smpboot.c): INIT asserted and de-asserted, 10 ms, then
 * two STARTUP IPIs whose vector is the trampoline's page number. The
 * mailbox (x86_ap_stack, x86_ap_cpu) is written first; the stores reach
 * memory before the uncached ICR write. Waits until the AP has set itself
 * up in x86_ap_main(), so the next call may reuse the mailbox; panics if
 * it never does. Context: boot CPU, IRQs disabled or not, may not
 * schedule (busy-waits on the PIT).
 */
void port_cpu_start(unsigned int cpu, void *stack_top)
{
	unsigned int id = x86_cpus[cpu].apic_id, ms;
	uint32_t sipi = ICR_STARTUP | (X86_TRAMPOLINE_PHYS >> 12);

	x86_ap_stack = (unsigned long)stack_top;
	x86_ap_cpu = cpu;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	lapic_icr_send(id, ICR_INIT | ICR_LEVEL | ICR_ASSERT);
	pit_delay_us(200);
	lapic_icr_send(id, ICR_INIT | ICR_LEVEL);
	pit_delay_us(10000);
	lapic_icr_send(id, sipi);
	pit_delay_us(200);
	lapic_icr_send(id, sipi);
	for (ms = 0; __atomic_load_n(&ap_up, __ATOMIC_ACQUIRE) != cpu; ms++) {
		if (ms == AP_WAIT_MS)
			kernel_panic(NULL, "an AP did not start");
		pit_delay_us(1000);
	}
}

/**
 * x86_ap_main - first C code of an AP (boot.S: ap_long_mode)
 * @cpu: its logical index, from the mailbox
 *
 * Runs on the stack port_cpu_start() was given, in long mode on the boot
 * CPU's page tables and GDT, IRQs disabled (the trampoline's CLI) and
 * nothing else set up. Sets this CPU up (GS base, TSS, IDT, SYSCALL MSRs,
 * local APIC), tells the boot CPU, and enters the core.
 */
_Noreturn void x86_ap_main(unsigned int cpu)
{
	x86_cpu_init(cpu, x86_cpus[cpu].apic_id);
	__atomic_store_n(&ap_up, cpu, __ATOMIC_RELEASE);
	kernel_secondary_main(cpu);
}
