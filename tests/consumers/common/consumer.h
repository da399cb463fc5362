/* SPDX-License-Identifier: MIT */
/*
 * What every hosted consumer program shares: a check that prints what
 * failed (with the hook trace) and counts it, and trap-frame builders.
 * Include after <irqentry/testing.h>.
 */
#ifndef CONSUMER_H
#define CONSUMER_H

#include <stdio.h>
#include <string.h>

static unsigned int consumer_failures;

static inline void consumer_dump(void)
{
	static char buf[8192];

	irqentry_testing_format(buf, sizeof(buf));
	fprintf(stderr, "  trace:\n%s", buf);
}

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                              \
			consumer_dump();                                       \
			consumer_failures++;                                   \
		}                                                              \
	} while (0)

#define CHECK_TRACE(...)                                                       \
	do {                                                                   \
		static const struct irqentry_testing_step want_[] = {          \
			__VA_ARGS__};                                          \
		char why_[160];                                                \
		if (!irqentry_testing_match(want_,                             \
					    sizeof(want_) / sizeof(want_[0]),  \
					    why_, sizeof(why_))) {             \
			fprintf(stderr, "%s:%d: trace: %s\n", __FILE__,        \
				__LINE__, why_);                               \
			consumer_dump();                                       \
			consumer_failures++;                                   \
		}                                                              \
	} while (0)

static inline struct consumer_frame consumer_frame(bool user, bool irqs_on)
{
	struct consumer_frame f;

	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status(user, irqs_on);
	f.cs = irqentry_testing_regs_cs(user);
	f.ss = irqentry_testing_regs_ss(user);
	f.pc = user ? 0x10000UL : 0xffff000000001000UL;
	f.cx = f.pc;
	f.r11 = f.status;
	return f;
}

/* Fresh OS and CPU state for the next check. */
static inline void consumer_reset(void)
{
	consumer_work = 0;
	consumer_preempt_count = 0;
	consumer_switches = 0;
	irqentry_testing_reset(IRQENTRY_TESTING_MASK_TRAP);
}

/* The program's exit status, and its verdict line. */
static inline int consumer_result(const char *name)
{
	if (consumer_failures) {
		printf("%s: %u checks FAILED (%s backend)\n", name,
		       consumer_failures, IRQENTRY_ARCH_NAME);
		return 1;
	}
	printf("%s: all checks passed (%s backend)\n", name,
	       IRQENTRY_ARCH_NAME);
	return 0;
}

#endif /* CONSUMER_H */
