/* SPDX-License-Identifier: MIT */
/*
 * The arm64 guest's C part (KERNEL_HV): runs at EL1 under the host, on its
 * own stack, talking to the host only through hypercalls. It must not call
 * the kernel: it runs with the guest's registers and vectors. Its state is
 * on its own stack and SP_EL0 points at it (the guest runs at EL1h, so
 * SP_EL0 is free, and the world switch saves it), so two guests can run the
 * same code.
 */
#include "kernel.h"
#include "hv.h"

#define GUEST_VIRQS  5      /* virtual timer interrupts to wait for */
#define GUEST_CRUNCH 100000 /* steps of the register-heavy computation */

struct guest_state {
	unsigned long id;
	volatile unsigned long virqs;
};

long guest_hypercall(long nr, long a0, long a1, long a2);
void guest_wfi(void);
void guest_irq_enable(void);
void guest_irq_disable(void);
unsigned long guest_read_id_aa64pfr0(void);
unsigned long guest_read_counter(void);
_Noreturn void guest_main(unsigned long arg);
void guest_virq(struct guest_state *gs);
_Noreturn void guest_fatal(unsigned long esr, unsigned long elr);

/* Context: guest, any. */
static void guest_puts(const char *s)
{
	while (*s)
		(void)guest_hypercall(HC_PRINT, *s++, 0, 0);
}

static void guest_putx(unsigned long v)
{
	int i;

	for (i = 60; i >= 0; i -= 4)
		(void)guest_hypercall(HC_PRINT,
				      "0123456789abcdef"[(v >> i) & 0xf], 0, 0);
}

/*
 * Many live values in registers through a long loop: a world switch that
 * loses or swaps a register changes the result. Pure (same inputs, same
 * value), so two runs must agree.
 */
static unsigned long crunch(unsigned long seed, unsigned long n)
{
	unsigned long a = seed, b = ~seed, c = seed * 3,
		      d = 0x9e3779b97f4a7c15UL;
	unsigned long e = 1, f = 2, g = 3, h = 5, i;

	for (i = 0; i < n; i++) {
		a ^= a << 13;
		a ^= a >> 7;
		a ^= a << 17;
		b += a ^ d;
		c = (c << 5 | c >> 59) + b;
		d -= c ^ e;
		e += f ^ i;
		f = (f << 3 | f >> 61) ^ g;
		g += h * 7;
		h ^= a + e;
	}
	return a ^ b ^ c ^ d ^ e ^ f ^ g ^ h;
}

/* The virtual IRQ (from guest.S, IRQs masked): count it, acknowledge it
 * (the host lowers the line). Context: guest IRQ. */
void guest_virq(struct guest_state *gs)
{
	gs->virqs++;
	(void)guest_hypercall(HC_VIRQ_ACK, 0, 0, 0);
}

/* An unexpected exception inside the guest: tell the host, stop. */
_Noreturn void guest_fatal(unsigned long esr, unsigned long elr)
{
	guest_puts("guest: unexpected exception esr=");
	guest_putx(esr);
	guest_puts(" elr=");
	guest_putx(elr);
	guest_puts("\n");
	for (;;)
		(void)guest_hypercall(HC_EXIT, 0x100, 0, 0);
}

/**
 * guest_main - the guest program
 * @arg: its id (printed, and the computation's seed)
 *
 * Prints, computes, reads an emulated ID register, waits in WFI for
 * GUEST_VIRQS virtual interrupts, yields, computes again, and exits with
 * status 0 only if both computations agree and the ID register read as
 * the host emulates it (bit 0: computations differ, bit 1: ID register,
 * bit 2: the counter did not advance while waiting).
 *
 * Context: guest EL1, entered from guest_entry with IRQs masked.
 */
_Noreturn void guest_main(unsigned long arg)
{
	struct guest_state gs = {.id = arg, .virqs = 0};
	unsigned long r1, r2, pfr0, t0, t1, status = 0;
	int i;

	__asm__ __volatile__("msr sp_el0, %0" : : "r"(&gs) : "memory");
	guest_puts("guest ");
	(void)guest_hypercall(HC_PRINT, '0' + (int)(arg % 10), 0, 0);
	guest_puts(": running at EL1\n");
	guest_irq_enable();
	r1 = crunch(arg, GUEST_CRUNCH);
	pfr0 = guest_read_id_aa64pfr0();
	t0 = guest_read_counter();
	while (gs.virqs < GUEST_VIRQS)
		guest_wfi();
	t1 = guest_read_counter();
	for (i = 0; i < 3; i++)
		(void)guest_hypercall(HC_YIELD, 0, 0, 0);
	guest_irq_disable();
	r2 = crunch(arg, GUEST_CRUNCH);
	if (r1 != r2)
		status |= 1;
	if (pfr0 != 0x11)
		status |= 2;
	if (t1 <= t0)
		status |= 4;
	guest_puts("guest: crunch=");
	guest_putx(r1);
	guest_puts(" id_aa64pfr0=");
	guest_putx(pfr0);
	guest_puts("\n");
	for (;;)
		(void)guest_hypercall(HC_EXIT, (long)status, 0, 0);
}
