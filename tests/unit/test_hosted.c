/* SPDX-License-Identifier: MIT */
/*
 * The hosted CPU and the work word: writes counted at architectural bit
 * positions, interrupts delivered exactly at the unmask, the atomic helpers.
 */
#include "../harness.h"

#include <pthread.h>

START_TEST(primitives_write_arch_bits)
{
	irqentry_hosted_reset(S_TRAP);
	ck_assert(irqentry_arch_irqs_disabled());
	irqentry_arch_local_irq_enable();
	ck_assert_uint_eq(STATUS(), S_ON);
	ck_assert(!irqentry_arch_irqs_disabled());
	irqentry_arch_local_irq_disable();
	ck_assert_uint_eq(STATUS(), S_OFF);
	ck_assert(irqentry_arch_irqs_disabled());
	ck_assert_uint_eq(WRITES(), 2);
#if IRQENTRY_ARCH_ARM64
	/* DAIF lives at PSTATE bits 9..6. */
	ck_assert_uint_eq(S_OFF, 0x0c0);
	ck_assert_uint_eq(S_HWTRAP, 0x3c0);
#elif IRQENTRY_ARCH_RISCV
	ck_assert_uint_eq(S_ON, 1UL << 1);
#else
	ck_assert_uint_eq(S_ON, 1UL << 9);
#endif
}
END_TEST

static unsigned long seen_interrupted;
static unsigned long seen_inside;

static void probe_irq(void *arg, unsigned long interrupted)
{
	(void)arg;
	seen_interrupted = interrupted & S_MASKBITS;
	seen_inside = STATUS();
}

START_TEST(delivery_at_unmask_only)
{
	unsigned long writes;

	irqentry_hosted_raise(probe_irq, NULL);
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 0);
	irqentry_arch_local_irq_disable(); /* still masked: not delivered */
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 0);
	irqentry_arch_local_irq_enable();
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 1);
	ck_assert_uint_eq(seen_interrupted, S_ON);
	ck_assert_uint_eq(seen_inside, S_HWTRAP);
	/* The return restores the interrupted state, uncounted. */
	ck_assert_uint_eq(STATUS(), S_ON);
	writes = WRITES();
	irqentry_hosted_raise(probe_irq, NULL); /* unmasked: at once */
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 2);
	ck_assert_uint_eq(WRITES(), writes);
}
END_TEST

static unsigned long observed;

static void observer(void *arg, unsigned long old_status,
		     unsigned long new_status)
{
	(void)arg;
	(void)old_status;
	observed = (observed << 12) | (new_status & 0xfff);
}

START_TEST(write_observer)
{
	irqentry_hosted_cpu()->on_write = observer;
	irqentry_arch_local_irq_enable();
	irqentry_arch_local_irq_disable();
	ck_assert_uint_eq(observed & 0xfff, S_OFF);
	ck_assert_uint_eq((observed >> 12) & 0xfff, S_ON);
}
END_TEST

START_TEST(work_word_helpers)
{
	unsigned long w = 0;

	irqentry_work_set(&w, IRQENTRY_WORK_SIGPENDING |
				      IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(irqentry_work_read(&w),
			  IRQENTRY_WORK_SIGPENDING |
				  IRQENTRY_WORK_NEED_RESCHED);
	irqentry_work_clear(&w, IRQENTRY_WORK_SIGPENDING);
	ck_assert_uint_eq(w, IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(irqentry_work_test_and_clear(
				  &w, IRQENTRY_WORK_NEED_RESCHED |
					      IRQENTRY_WORK_NOTIFY_RESUME),
			  IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(w, 0);
	/* The OS range starts above the library's bits. */
	ck_assert_uint_eq(IRQENTRY_WORK_LIBRARY_MASK &
				  ~((1UL << IRQENTRY_WORK_OS_SHIFT) - 1),
			  0);
}
END_TEST

START_TEST(trap_frame_predicates)
{
	struct test_regs k_on = frame_kernel(true);
	struct test_regs k_off = frame_kernel(false);
	struct test_regs u = frame_user();

	ck_assert(!irqentry_arch_user_mode(&k_on));
	ck_assert(!irqentry_arch_user_mode(&k_off));
	ck_assert(irqentry_arch_user_mode(&u));
	ck_assert(!irqentry_arch_regs_irqs_disabled(&k_on));
	ck_assert(irqentry_arch_regs_irqs_disabled(&k_off));
	ck_assert(!irqentry_arch_regs_irqs_disabled(&u));
#if IRQENTRY_ARCH_ARM64
	/* EL1t (M = 4) is kernel mode too; only EL0t is user. */
	k_on.status = 0x4;
	ck_assert(!irqentry_arch_user_mode(&k_on));
	/* A VHE host's kernel frames say EL2h (M = 9) or EL2t (8): kernel. */
	k_on.status = 0x9;
	ck_assert(!irqentry_arch_user_mode(&k_on));
	ck_assert(!irqentry_arch_regs_irqs_disabled(&k_on));
	k_on.status = 0x8 | IRQENTRY_ARM64_DAIF_I;
	ck_assert(!irqentry_arch_user_mode(&k_on));
	ck_assert(irqentry_arch_regs_irqs_disabled(&k_on));
	/* Only PSTATE.I decides "IRQs disabled", not D, A or F alone. */
	k_on.status = IRQENTRY_ARM64_PSTATE_EL1h | IRQENTRY_ARM64_DAIF_D |
		      IRQENTRY_ARM64_DAIF_A | IRQENTRY_ARM64_DAIF_F;
	ck_assert(!irqentry_arch_regs_irqs_disabled(&k_on));
#elif IRQENTRY_ARCH_X86
	u.cs = 0x2b; /* any RPL 3 selector */
	ck_assert(irqentry_arch_user_mode(&u));
	u.cs = 0x10;
	ck_assert(!irqentry_arch_user_mode(&u));
#endif
}
END_TEST

/*
 * Each host thread has a simulated CPU of its own, as each CPU has its own
 * mask register: tests/race/smp.c runs threads as CPUs in parallel, and a
 * shared one would let one unmask the other's interrupts.
 */
static void *other_cpu(void *arg)
{
	struct irqentry_hosted **cpu = arg;

	*cpu = irqentry_hosted_cpu();
	irqentry_hosted_reset(S_TRAP);
	irqentry_arch_local_irq_enable();
	return NULL;
}

START_TEST(cpu_per_host_thread)
{
	struct irqentry_hosted *other = NULL;
	pthread_t t;

	irqentry_hosted_reset(S_TRAP);
	ck_assert_int_eq(pthread_create(&t, NULL, other_cpu, &other), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_ptr_nonnull(other);
	ck_assert_ptr_ne(other, irqentry_hosted_cpu());
	/* The other thread's unmask did not reach this CPU. */
	ck_assert(irqentry_arch_irqs_disabled());
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

Suite *irqentry_hosted_suite(void)
{
	Suite *s = suite_create("hosted");
	TCase *tc = tcase_create("cpu");

	test_add_fixture(tc);
	tcase_add_test(tc, primitives_write_arch_bits);
	tcase_add_test(tc, delivery_at_unmask_only);
	tcase_add_test(tc, write_observer);
	tcase_add_test(tc, work_word_helpers);
	tcase_add_test(tc, trap_frame_predicates);
	tcase_add_test(tc, cpu_per_host_thread);
	suite_add_tcase(s, tc);
	return s;
}
