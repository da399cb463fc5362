/* SPDX-License-Identifier: MIT */
/*
 * The guest of the hypervisor build: portable, freestanding, built into
 * the host image but run at guest privilege (riscv VS-mode, arm64 EL1)
 * with no translation. It talks to the host only through the port's guest
 * stubs (hv.h): hypercalls, wfi, a trapped counter read. Both guests run
 * this same code, so it keeps no state of its own outside its stack and
 * its struct guest_shared (the interrupt handler finds that through the
 * argument the port's vector passes).
 *
 * Each round counts the primes below g->limit twice, by trial division
 * and with a sieve, and checks the two agree; it reads the (emulated)
 * counter now and then, idles g->idles times until a virtual timer
 * interrupt arrives, and yields once.
 */
#include "hv.h"

#define SIEVE_MAX 8192

static void guest_puts(const char *s)
{
	while (*s)
		(void)guest_hypercall(HC_PRINT, *s++, 0);
}

static void guest_putu(unsigned long n)
{
	char buf[24];
	int i = 0;

	do {
		buf[i++] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	while (i)
		(void)guest_hypercall(HC_PRINT, buf[--i], 0);
}

static bool is_prime(unsigned long n)
{
	unsigned long d;

	if (n < 2)
		return false;
	for (d = 2; d * d <= n; d++)
		if (n % d == 0)
			return false;
	return true;
}

/* Trial division, with progress and a counter read every 256 numbers. */
static unsigned long count_trial(struct guest_shared *g, unsigned long limit)
{
	unsigned long n, count = 0;

	for (n = 0; n < limit; n++) {
		if (is_prime(n))
			count++;
		if ((n & 255) == 255) {
			g->progress++;
			(void)guest_read_counter();
			g->times_read++;
		}
	}
	return count;
}

static unsigned long count_sieve(unsigned long limit)
{
	unsigned char composite[SIEVE_MAX / 8];
	unsigned long i, j, count = 0;

	for (i = 0; i < sizeof(composite); i++)
		composite[i] = 0;
	for (i = 2; i < limit; i++) {
		if (composite[i / 8] & (1U << (i % 8)))
			continue;
		count++;
		for (j = i * i; j < limit; j += i)
			composite[j / 8] |= (unsigned char)(1U << (j % 8));
	}
	return count;
}

/**
 * guest_virq - the guest's virtual timer interrupt
 * @g: this guest's shared page (from the vector)
 *
 * Counts it and acknowledges it (the host lowers the line); the count in
 * the ack lets the host check it saw every one. Context: guest interrupt
 * handler, guest interrupts masked.
 */
void guest_virq(struct guest_shared *g)
{
	g->virqs++;
	(void)guest_hypercall(HC_VIRQ_ACK, (long)g->virqs, 0);
}

/* Benchmark builds: bench_n null hypercalls, each timed from the guest
 * (guest exit, host handling, guest entry: the whole round trip). */
static void guest_bench(struct guest_shared *g)
{
	unsigned long i, t0, t1, total = 0;

	for (i = 0; i < g->bench_n; i++) {
		t0 = guest_bench_counter();
		(void)guest_hypercall(HC_NULL, 0, 0);
		t1 = guest_bench_counter();
		total += t1 - t0;
	}
	g->bench_total = total;
	(void)guest_hypercall(HC_EXIT, 0, 0);
}

/**
 * guest_main - the guest program
 * @g: its shared page (parameters from the host)
 *
 * Ends with HC_EXIT(0 if every round checked out, else 1; virq count).
 * Context: guest privilege, from guest_start.
 */
void guest_main(struct guest_shared *g)
{
	unsigned long limit = g->limit < SIEVE_MAX ? g->limit : SIEVE_MAX;
	unsigned long round, i, want = count_sieve(limit);

	if (g->bench_n)
		guest_bench(g);
	g->primes = want;
	guest_irq_enable(g);
	if (g->verbose) {
		guest_puts("hello from guest ");
		guest_putu(g->id);
		guest_puts(", primes below ");
		guest_putu(limit);
		guest_puts("\n");
	}
	for (round = 0; g->rounds ? round < g->rounds : !g->stop; round++) {
		if (count_trial(g, limit) != want)
			g->errors++;
		for (i = 0; i < g->idles; i++) {
			unsigned long seen = g->virqs;

			while (g->virqs == seen)
				guest_wfi();
		}
		(void)guest_hypercall(HC_YIELD, 0, 0);
		g->rounds_done++;
	}
	/* No virtual interrupt between reading the count and reporting it
	 * (one taken there was counted by the guest and acked, but missing
	 * from its exit: seen once in the stress run). */
	guest_irq_disable();
	if (g->verbose) {
		guest_puts("guest ");
		guest_putu(g->id);
		guest_puts(": ");
		guest_putu(g->rounds_done);
		guest_puts(" rounds, ");
		guest_putu(want);
		guest_puts(" primes each, ");
		guest_putu(g->virqs);
		guest_puts(" virtual timer interrupts, ");
		guest_puts(g->errors ? "CHECK FAILED\n" : "check ok\n");
	}
	(void)guest_hypercall(HC_EXIT, g->errors ? 1 : 0, (long)g->virqs);
}
