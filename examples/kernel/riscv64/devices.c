/* SPDX-License-Identifier: MIT */
/*
 * riscv64 port on QEMU virt (-M virt -bios default): ns16550 console, the
 * SBI timer, the test finisher, the Sv39 page table, the context set-up of
 * new threads, and SMP through SBI (HSM to start harts, IPI for the kick).
 */
#include "kernel.h"
#include "riscv64.h"

#define UART_BASE 0x10000000UL
#define UART_THR  0
#define UART_LSR  5
#define LSR_THRE  0x20

#define FINISHER_BASE 0x100000UL
#define FINISHER_PASS 0x5555
#define FINISHER_FAIL 0x3333

/* QEMU virt's timebase (the DTB's timebase-frequency): 10 MHz. */
#define TIMEBASE_HZ 10000000UL

#define SBI_EXT_TIME       0x54494d45UL /* "TIME" */
#define SBI_TIME_SET_TIMER 0

#define SBI_EXT_IPI         0x735049UL /* "sPI" */
#define SBI_IPI_SEND_IPI    0
#define SBI_EXT_HSM         0x48534dUL /* "HSM" */
#define SBI_HSM_HART_START  0
#define SBI_HSM_HART_STATUS 2
#define SBI_HSM_MAX_PROBE   8 /* hart ids probed for port_cpu_count() */

#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIP_SSIP (1UL << 1)

/* Sv39 page-table entries */
#define PTE_V     (1UL << 0)
#define PTE_R     (1UL << 1)
#define PTE_W     (1UL << 2)
#define PTE_X     (1UL << 3)
#define PTE_U     (1UL << 4)
#define PTE_A     (1UL << 6)
#define PTE_D     (1UL << 7)
#define SATP_SV39 (8UL << 60)

#define MEGAPAGE 0x200000UL
#define RAM_BASE 0x80000000UL
#define RAM_END  0x88000000UL /* -m 128M */
#define KTEXT    0x80200000UL /* link.ld: kernel text */
#define UTEXT    0x80400000UL /* link.ld: user text */
#define DATA     0x80600000UL /* link.ld: everything else */

static unsigned long timer_interval;
static unsigned long pt_root[512] __attribute__((aligned(4096)));
static unsigned long pt_ram[512] __attribute__((aligned(4096)));

static inline void mmio_write8(unsigned long addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

static inline uint8_t mmio_read8(unsigned long addr)
{
	return *(volatile uint8_t *)addr;
}

void port_putc(char c)
{
	while (!(mmio_read8(UART_BASE + UART_LSR) & LSR_THRE))
		;
	mmio_write8(UART_BASE + UART_THR, (uint8_t)c);
}

static void mmu_on(void);

static unsigned long pte(unsigned long pa, unsigned long flags)
{
	return (pa >> 12) << 10 | flags | PTE_V | PTE_A;
}

/*
 * Sv39, identity-mapped: the first GiB (the devices) as one S-mode
 * gigapage, then 2 MiB pages of RAM: kernel text S-mode R+X, user text
 * U-mode R+X, the rest U-mode R+W (sstatus.SUM lets the kernel in). What
 * the MMU buys here: a kernel load from an unmapped address is a page
 * fault, taken through irqentry_riscv_exception() like Linux's
 * copy_from_user(); without it (satp Bare) it would be an access fault,
 * NMI-class.
 */
static void mmu_init(void)
{
	unsigned long pa;

	pt_root[0] = pte(0, PTE_R | PTE_W | PTE_D);
	pt_root[RAM_BASE >> 30] = ((unsigned long)pt_ram >> 12) << 10 | PTE_V;
	pt_ram[(KTEXT - RAM_BASE) / MEGAPAGE] = pte(KTEXT, PTE_R | PTE_X);
	pt_ram[(UTEXT - RAM_BASE) / MEGAPAGE] =
		pte(UTEXT, PTE_R | PTE_X | PTE_U);
	for (pa = DATA; pa < RAM_END; pa += MEGAPAGE)
		pt_ram[(pa - RAM_BASE) / MEGAPAGE] =
			pte(pa, PTE_R | PTE_W | PTE_U | PTE_D);
	mmu_on();
}

/*
 * An SBI call with up to three arguments. OpenSBI keeps every register but
 * a0 (error) and a1 (value). Context: any.
 */
static long sbi_call(unsigned long ext, unsigned long fid, unsigned long arg0,
		     unsigned long arg1, unsigned long arg2, long *value)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "+r"(a1)
			     : "r"(a2), "r"(a6), "r"(a7)
			     : "memory");
	if (value)
		*value = (long)a1;
	return (long)a0;
}

/* Logical CPU -> hart id; 0 is the boot hart, whatever its id. */
unsigned long riscv_boot_hartid;
static unsigned long cpu_hartid[NR_CPUS];
unsigned long riscv_cpu_stack[NR_CPUS];
static unsigned int cpu_count = 1;

/* This hart on the shared Sv39 table (boot and every secondary). */
static void mmu_on(void)
{
	__asm__ __volatile__("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma"
			     :
			     : "r"(SATP_SV39 | (unsigned long)pt_root >> 12)
			     : "memory");
}

/* This hart's interrupts: the tick and the kick. */
static void hart_irqs_on(void)
{
	__asm__ __volatile__("csrs sie, %0"
			     :
			     : "r"(SIE_STIE | SIE_SSIE)
			     : "memory");
}

void port_init(void)
{
	unsigned long h;
	long status;

	mmu_init();
	hart_irqs_on();
	/*
	 * The harts: SBI HSM hart_get_status answers an error for a hart id
	 * that does not exist. QEMU virt numbers them 0..N-1; the boot hart
	 * is logical 0, the others follow in hart-id order.
	 */
	cpu_hartid[0] = riscv_boot_hartid;
	for (h = 0; h < SBI_HSM_MAX_PROBE && cpu_count < NR_CPUS; h++) {
		if (h == riscv_boot_hartid)
			continue;
		if (sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STATUS, h, 0, 0,
			     &status) == 0)
			cpu_hartid[cpu_count++] = h;
	}
}

unsigned int port_cpu_count(void)
{
	return cpu_count;
}

/* HSM hart_start: the hart enters riscv_secondary_entry in S-mode with
 * a0 = its hart id and a1 = @cpu. */
void port_cpu_start(unsigned int cpu, void *stack_top)
{
	long err;

	riscv_cpu_stack[cpu] = (unsigned long)stack_top;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	err = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, cpu_hartid[cpu],
		       (unsigned long)riscv_secondary_entry, cpu, NULL);
	if (err)
		kernel_panic(NULL, "SBI HSM hart_start failed");
}

/* boot.S: a secondary hart on its stack, IRQs disabled. */
_Noreturn void riscv_secondary_main(unsigned long cpu)
{
	mmu_on();
	hart_irqs_on();
	kernel_secondary_main((unsigned int)cpu);
}

/* SBI IPI: the target hart's sip.SSIP is set (the kick). The caller's
 * irqentry_work_set_remote() fenced its stores before this ecall. */
void port_send_ipi(unsigned int cpu)
{
	(void)sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, 1UL, cpu_hartid[cpu], 0,
		       NULL);
}

/* The kick's acknowledgement: clear sip.SSIP. Context: IRQs disabled. */
void riscv_ipi_ack(void)
{
	__asm__ __volatile__("csrc sip, %0" : : "r"(SIP_SSIP) : "memory");
}

#if KERNEL_BENCH
/*
 * Benchmark builds: the tick comes from the Sstc compare register
 * (stimecmp, CSR 0x14d, which OpenSBI hands to S-mode on QEMU 7.2), set to
 * 0 to make it pending at once and to all ones to stop it: the same
 * S-timer interrupt, without an SBI call (M-mode instructions would count
 * too) in the measured handler.
 */
#define CSR_STIMECMP  0x14d
#define SCOUNTEREN_IR (1UL << 2)

void timer_rearm(void)
{
	__asm__ __volatile__("csrw %0, %1" : : "i"(CSR_STIMECMP), "r"(~0UL));
}

void port_bench_init(void)
{
	__asm__ __volatile__("csrs scounteren, %0" : : "r"(SCOUNTEREN_IR));
	timer_rearm();
}

void port_bench_irq_pend(void)
{
	__asm__ __volatile__("csrw %0, zero" : : "i"(CSR_STIMECMP) : "memory");
}

/* stimecmp compares with the time CSR, which counts at TIMEBASE_HZ. */
void port_bench_irq_after(unsigned long ns)
{
	unsigned long now;

	__asm__ __volatile__("rdtime %0" : "=r"(now));
	__asm__ __volatile__("csrw %0, %1"
			     :
			     : "i"(CSR_STIMECMP),
			       "r"(now + ns / (1000000000UL / TIMEBASE_HZ) + 1)
			     : "memory");
}
#else
static unsigned long rdtime(void)
{
	unsigned long t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

/* SBI TIME set_timer: the next S-timer interrupt at @when; clears a
 * pending one. OpenSBI keeps every register but a0 and a1. */
static void sbi_set_timer(unsigned long when)
{
	register unsigned long a0 __asm__("a0") = when;
	register unsigned long a1 __asm__("a1");
	register unsigned long a6 __asm__("a6") = SBI_TIME_SET_TIMER;
	register unsigned long a7 __asm__("a7") = SBI_EXT_TIME;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "=r"(a1)
			     : "r"(a6), "r"(a7)
			     : "memory");
}

void timer_rearm(void)
{
	sbi_set_timer(rdtime() + timer_interval);
}
#endif

void port_timer_start(unsigned int hz)
{
	timer_interval = TIMEBASE_HZ / hz;
	timer_rearm();
}

_Noreturn void port_exit(int status)
{
	port_irq_disable();
	*(volatile uint32_t *)FINISHER_BASE =
		status == 0 ? FINISHER_PASS
			    : ((uint32_t)status << 16) | FINISHER_FAIL;
	for (;;)
		__asm__ __volatile__("wfi");
}

/* Nothing is mapped between the devices' GiB and RAM. */
unsigned long port_bad_address(void)
{
	return 0x50000000UL;
}

void port_context_init_kernel(struct port_context *ctx, void *kstack_top)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->ra = (unsigned long)riscv_kthread_trampoline;
	ctx->sp = (unsigned long)kstack_top;
}

void port_context_init_user(struct port_context *ctx, void *kstack_top,
			    unsigned long entry, unsigned long user_sp,
			    unsigned long arg)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->s[0] = entry;
	ctx->s[1] = user_sp;
	ctx->s[2] = arg;
	ctx->ra = (unsigned long)riscv_uthread_trampoline;
	ctx->sp = (unsigned long)kstack_top;
}

const char *port_mask_str(unsigned long sstatus, char *buf)
{
	const char *s = (sstatus & SSTATUS_SIE) ? "SIE=1" : "SIE=0";
	char *p = buf;

	while (*s)
		*p++ = *s++;
	*p = '\0';
	return buf;
}

/* Binary search, no loop the compiler could turn back into a ctz call. */
int __ctzdi2(unsigned long x)
{
	int n = 0;

	if (!(x & 0xffffffffUL)) {
		n += 32;
		x >>= 32;
	}
	if (!(x & 0xffffUL)) {
		n += 16;
		x >>= 16;
	}
	if (!(x & 0xffUL)) {
		n += 8;
		x >>= 8;
	}
	if (!(x & 0xfUL)) {
		n += 4;
		x >>= 4;
	}
	if (!(x & 0x3UL)) {
		n += 2;
		x >>= 2;
	}
	return n + (int)(~x & 1);
}
