/* SPDX-License-Identifier: MIT */
/*
 * The testing kit's self-test, for the backend this build forces
 * (IRQENTRY_ARCH_*), with IRQENTRY_DEBUG 0 or 1: the counted, prefix and
 * in-order matches and the any-mask wildcard pass when they should and
 * fail, saying why, when they should not; failure text names work bits,
 * rules and the before/after of a mask write; and a hook that never
 * clears its bit is stopped with a failure naming it, where the library
 * alone (IRQENTRY_DEBUG 0) would spin forever.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* The kit's optional "fail now" hook: this test leaves by longjmp() when
 * armed, to show that a test can stop at the failure. */
static void kit_fail(const char *message);
#define IRQENTRY_TESTING_FAIL(message) kit_fail(message)

#include <irqentry/testing.h>

#define TRAP IRQENTRY_TESTING_MASK_TRAP
#define ON   IRQENTRY_TESTING_MASK_ON
#define OFF  IRQENTRY_TESTING_MASK_OFF
#define ANY  IRQENTRY_TESTING_MASK_ANY

#define NR  IRQENTRY_WORK_NEED_RESCHED
#define SIG IRQENTRY_WORK_SIGPENDING

static unsigned long raise_bits; /* what the handler sets */
static jmp_buf fail_jmp;
static bool fail_armed;
static const char *fail_message;

static void kit_fail(const char *message)
{
	fail_message = message;
	if (fail_armed) {
		fail_armed = false;
		longjmp(fail_jmp, 1);
	}
}

static char why[IRQENTRY_TESTING_WHY_SIZE];

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("    %s:%d: expected %s\n", __FILE__, __LINE__, \
			       #cond);                                         \
			return dump();                                         \
		}                                                              \
	} while (0)

/* A match that must fail, with @text in its explanation. */
#define CHECK_FAILS(call, text)                                                \
	do {                                                                   \
		CHECK(!(call));                                                \
		if (!strstr(why, text)) {                                      \
			printf("    %s:%d: explanation \"%s\" lacks \"%s\"\n", \
			       __FILE__, __LINE__, why, text);                 \
			return dump();                                         \
		}                                                              \
	} while (0)

static bool dump(void)
{
	static char buf[16384];

	irqentry_testing_format(buf, sizeof(buf));
	printf("    why: %s\n    trace:\n%s", why, buf);
	return false;
}

static void handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_testing_mark("handler");
	irqentry_work_set(&kit_work, raise_bits);
}

/* An interrupt taken in user mode, or in preemptible kernel code, through
 * this backend's IRQ wrapper. */
static void tick(bool user)
{
	struct kit_frame f;

	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status(user, true);
	f.cs = irqentry_testing_regs_cs(user);
	f.ss = irqentry_testing_regs_ss(user);
#if IRQENTRY_ARCH_ARM64
	if (user)
		irqentry_arm64_el0_irq(&f, handler, NULL);
	else
		irqentry_arm64_el1_irq(&f, handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_irq(&f, handler, NULL);
#else
	irqentry_x86_idtentry_irq(&f, handler, NULL);
#endif
}

static const char *mask_name(unsigned long mask)
{
	static char m[4][16];
	static unsigned int next;

	next = (next + 1) % 4;
	return irqentry_testing_mask_str(mask, m[next], sizeof(m[next]));
}

/* A tick in user mode that sets NEED_RESCHED: the trace every match test
 * below is held against. */
static const struct irqentry_testing_step user_resched[] = {
	{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
	{IRQENTRY_TESTING_MARK, OFF},
	{IRQENTRY_TESTING_SCHEDULE, ON},
	{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, OFF},
	{IRQENTRY_TESTING_EXIT_TO_USER, TRAP},
	IRQENTRY_TESTING_END,
};

static void run_user_resched(void)
{
	raise_bits = NR;
	tick(true);
}

/* ---- Matches ------------------------------------------------------------ */

static bool match_all_counts_the_steps(void)
{
	static const struct irqentry_testing_step fewer[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		{IRQENTRY_TESTING_MARK, OFF},
		{IRQENTRY_TESTING_SCHEDULE, ON},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, OFF},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step more[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		{IRQENTRY_TESTING_MARK, OFF},
		{IRQENTRY_TESTING_SCHEDULE, ON},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, OFF},
		{IRQENTRY_TESTING_EXIT_TO_USER, TRAP},
		{IRQENTRY_TESTING_HANDLE_SIGNAL, ON},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step wrong_mask[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		{IRQENTRY_TESTING_MARK, OFF},
		{IRQENTRY_TESTING_SCHEDULE, TRAP},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, OFF},
		{IRQENTRY_TESTING_EXIT_TO_USER, TRAP},
		IRQENTRY_TESTING_END,
	};
	char text[64];

	run_user_resched();
	CHECK(irqentry_testing_match_all(user_resched, why, sizeof(why)));
	CHECK(irqentry_testing_match(user_resched, 5, why, sizeof(why)));
	CHECK_FAILS(irqentry_testing_match_all(fewer, why, sizeof(why)),
		    "expected 4 events, got 5; first extra: exit_to_user at ");
	CHECK_FAILS(irqentry_testing_match_all(more, why, sizeof(why)),
		    "expected 6 events, got 5; first missing: handle_signal");
	snprintf(text, sizeof(text), "step 2: expected schedule at %s, got",
		 mask_name(TRAP));
	CHECK_FAILS(irqentry_testing_match_all(wrong_mask, why, sizeof(why)),
		    text);
	return true;
}

static bool mask_any_matches_any_mask_only(void)
{
	static const struct irqentry_testing_step any[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, ANY},
		{IRQENTRY_TESTING_MARK, ANY},
		{IRQENTRY_TESTING_SCHEDULE, ANY},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, ANY},
		{IRQENTRY_TESTING_EXIT_TO_USER, ANY},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step wrong_event[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, ANY},
		{IRQENTRY_TESTING_MARK, ANY},
		{IRQENTRY_TESTING_HANDLE_SIGNAL, ANY},
		IRQENTRY_TESTING_END,
	};
	char text[80];

	run_user_resched();
	CHECK(irqentry_testing_match_all(any, why, sizeof(why)));
	CHECK_FAILS(
		irqentry_testing_match_prefix(wrong_event, why, sizeof(why)),
		"step 2: expected handle_signal at any mask, got schedule");
	snprintf(text, sizeof(text), "got schedule at %s", mask_name(ON));
	CHECK(strstr(why, text) != NULL);
	return true;
}

static bool match_prefix(void)
{
	static const struct irqentry_testing_step start[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		{IRQENTRY_TESTING_MARK, OFF},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step wrong[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		{IRQENTRY_TESTING_SCHEDULE, ON},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step too_long[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		{IRQENTRY_TESTING_MARK, OFF},
		{IRQENTRY_TESTING_SCHEDULE, ON},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, OFF},
		{IRQENTRY_TESTING_EXIT_TO_USER, TRAP},
		{IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		IRQENTRY_TESTING_END,
	};

	run_user_resched();
	CHECK(irqentry_testing_match_prefix(start, why, sizeof(why)));
	CHECK(irqentry_testing_match_prefix(user_resched, why, sizeof(why)));
	CHECK_FAILS(irqentry_testing_match_prefix(wrong, why, sizeof(why)),
		    "step 1: expected schedule at ");
	CHECK(strstr(why, "got mark \"handler\" at ") != NULL);
	CHECK_FAILS(irqentry_testing_match_prefix(too_long, why, sizeof(why)),
		    "expected 6 events or more, got 5; first missing: "
		    "enter_from_user");
	/* Not a prefix match of the whole list: the exact match refuses a
	 * prefix. */
	CHECK(!irqentry_testing_match_all(start, why, sizeof(why)));
	return true;
}

static bool match_in_order(void)
{
	static const struct irqentry_testing_step gaps[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, ANY},
		{IRQENTRY_TESTING_SCHEDULE, ON},
		{IRQENTRY_TESTING_EXIT_TO_USER, TRAP},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step swapped[] = {
		{IRQENTRY_TESTING_SCHEDULE, ON},
		{IRQENTRY_TESTING_MARK, ANY},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step masked[] = {
		{IRQENTRY_TESTING_MARK, ANY},
		{IRQENTRY_TESTING_SCHEDULE, TRAP},
		IRQENTRY_TESTING_END,
	};
	static const struct irqentry_testing_step absent[] = {
		{IRQENTRY_TESTING_HANDLE_SIGNAL, ANY},
		IRQENTRY_TESTING_END,
	};
	char text[80];

	run_user_resched();
	CHECK(irqentry_testing_match_in_order(gaps, why, sizeof(why)));
	CHECK(irqentry_testing_match_in_order(user_resched, why, sizeof(why)));
	/* A subsequence is not the whole trace, nor its start. */
	CHECK(!irqentry_testing_match_all(gaps, why, sizeof(why)));
	CHECK(!irqentry_testing_match_prefix(gaps, why, sizeof(why)));
	CHECK_FAILS(irqentry_testing_match_in_order(swapped, why, sizeof(why)),
		    "in order: step 1 (mark at any mask) not in the trace "
		    "after event 2 (step 0)");
	snprintf(text, sizeof(text), "; event 2 is schedule at %s",
		 mask_name(ON));
	CHECK_FAILS(irqentry_testing_match_in_order(masked, why, sizeof(why)),
		    text);
	CHECK_FAILS(irqentry_testing_match_in_order(absent, why, sizeof(why)),
		    "in order: step 0 (handle_signal at any mask) not in the "
		    "trace");
	return true;
}

/* ---- Names in the failure text ------------------------------------------ */

static bool work_bits_and_rules_by_name(void)
{
	static char buf[4096];
	char w[96];
	int i;

	CHECK(!strcmp(
		irqentry_testing_work_str(SIG | KIT_WORK_OS, w, sizeof(w)),
		"SIGPENDING|OS+0"));
	CHECK(!strcmp(irqentry_testing_work_str(0, w, sizeof(w)), "none"));
	CHECK(!strcmp(irqentry_testing_work_str(IRQENTRY_WORK_LIBRARY_MASK, w,
						sizeof(w)),
		      "NEED_RESCHED|NEED_RESCHED_LAZY|SIGPENDING|"
		      "NOTIFY_SIGNAL|NOTIFY_RESUME"));
	/* Every rule the library has, by name. */
	for (i = 0; i < (int)IRQENTRY_RULE_COUNT; i++)
		if (!strcmp(irqentry_testing_rule_name((enum irqentry_rule)i),
			    "?")) {
			printf("    rule %d has no name in testing.h\n", i);
			return false;
		}
	CHECK(!strcmp(irqentry_testing_rule_name(IRQENTRY_RULE_NO_PROGRESS),
		      "NO_PROGRESS"));

	raise_bits = NR | KIT_WORK_OS;
	tick(true);
	irqentry_testing_format(buf, sizeof(buf));
	CHECK(strstr(buf, "schedule") != NULL);
	CHECK(strstr(buf, " work=NEED_RESCHED|OS+0\n") != NULL);
	CHECK(strstr(buf, "handle_work") != NULL);
	CHECK(strstr(buf, " work=OS+0\n") != NULL);
	CHECK(strstr(buf, "arg=0x") == NULL);
	return true;
}

#if IRQENTRY_DEBUG
/* A debug report in the trace names its rule. */
static bool report_names_its_rule(void)
{
	static char buf[4096];
	struct kit_frame f;

	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status(false, true);
	f.cs = irqentry_testing_regs_cs(false);
	f.ss = irqentry_testing_regs_ss(false);
	/* User-mode exit work for a kernel-mode frame: a broken rule. */
	irqentry_exit_to_user_mode_prepare(&f);
	CHECK(irqentry_testing_reports() == 1);
	irqentry_testing_format(buf, sizeof(buf));
	CHECK(strstr(buf, " IRQENTRY_RULE_USER_WORK_ON_KERNEL_RETURN: ") !=
	      NULL);
	irqentry_testing_reset(TRAP); /* the report was the point */
	return true;
}
#endif

/* ---- Mask writes: after and before -------------------------------------- */

static bool mask_write_says_before_and_after(void)
{
	static char buf[4096];
	const struct irqentry_testing_event *e;
	unsigned long live = TRAP;
	unsigned int i, writes = 0;
	char text[96];
	int first;

	irqentry_testing_record_writes(true);
	run_user_resched();
	first = irqentry_testing_find(IRQENTRY_TESTING_MASK_WRITE, 0);
	CHECK(first >= 0);
	/* Walk the trace: each write starts from the value live before it
	 * and leaves the value it records; other events change nothing. */
	for (i = 0; (e = irqentry_testing_event_at(i)) != NULL; i++) {
		CHECK(e->mask_before == live);
		if (e->ev == IRQENTRY_TESTING_MASK_WRITE) {
			writes++;
			live = e->mask;
		} else {
			CHECK(e->mask == e->mask_before);
		}
	}
	CHECK(writes >= 2);
	e = irqentry_testing_event_at((unsigned int)first);
	CHECK(e->mask != e->mask_before);
	irqentry_testing_format(buf, sizeof(buf));
	snprintf(text, sizeof(text),
		 "write                         %s after "
		 "the write, %s before\n",
		 mask_name(e->mask), mask_name(e->mask_before));
	CHECK(strstr(buf, text) != NULL);
	return true;
}

/* ---- The hang stopper --------------------------------------------------- */

/* A user-mode return whose hook for @bit forgets it. */
static bool hang(unsigned long bit, bool user, enum irqentry_testing_ev hook,
		 const char *hook_name, const char *bit_name)
{
	const char *f;
	char text[96];

	kit_keep = bit;
	raise_bits = bit;
	tick(user);
	kit_keep = 0;
#if IRQENTRY_DEBUG
	/* The library's own check comes first and stops the loop. */
	(void)hook_name;
	(void)bit_name;
	CHECK(irqentry_testing_failure() == NULL);
	CHECK(irqentry_testing_reports() >= 1);
	CHECK(irqentry_testing_last_rule() == IRQENTRY_RULE_NO_PROGRESS);
	CHECK(irqentry_testing_calls(hook) >= IRQENTRY_WORK_LOOP_LIMIT &&
	      irqentry_testing_calls(hook) < IRQENTRY_TESTING_LOOP_LIMIT);
	kit_work = 0;
	irqentry_testing_reset(TRAP); /* the report was the point */
#else
	/* Without debug checks only the kit stops it. */
	f = irqentry_testing_failure();
	CHECK(f != NULL);
	snprintf(text, sizeof(text),
		 "irqentry_os_%s() returned %d times in "
		 "a row leaving %s set",
		 hook_name, (int)IRQENTRY_TESTING_LOOP_LIMIT, bit_name);
	CHECK(strstr(f, text) != NULL);
	CHECK(irqentry_testing_calls(hook) == IRQENTRY_TESTING_LOOP_LIMIT);
	CHECK(irqentry_testing_calls(IRQENTRY_TESTING_STOPPED) == 1);
	CHECK(!(kit_work & bit));
	/* Every match now fails with that message. */
	CHECK(!irqentry_testing_match_in_order(user_resched + 5, why,
					       sizeof(why)));
	CHECK(!strcmp(why, f));
	/* ... and IRQENTRY_TESTING_FAIL() heard it. */
	CHECK(fail_message != NULL && !strcmp(fail_message, f));
	/* Reset clears the failure. */
	irqentry_testing_reset(TRAP);
	CHECK(irqentry_testing_failure() == NULL);
#endif
	(void)f;
	(void)text;
	return true;
}

static bool hang_in_signal_hook_is_stopped(void)
{
	return hang(SIG, true, IRQENTRY_TESTING_HANDLE_SIGNAL, "handle_signal",
		    "SIGPENDING");
}

static bool hang_in_schedule_is_stopped(void)
{
	return hang(NR, true, IRQENTRY_TESTING_SCHEDULE, "schedule",
		    "NEED_RESCHED");
}

static bool hang_in_preemption_is_stopped(void)
{
	return hang(NR, false, IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ,
		    "preempt_schedule_irq", "NEED_RESCHED");
}

static bool hang_in_os_work_is_stopped(void)
{
	return hang(KIT_WORK_OS, true, IRQENTRY_TESTING_HANDLE_WORK,
		    "handle_work", "OS+0");
}

#if !IRQENTRY_DEBUG
/* IRQENTRY_TESTING_FAIL() may leave the test at once. */
static bool fail_hook_can_leave_the_test(void)
{
	volatile bool left = false;

	fail_message = NULL;
	if (setjmp(fail_jmp) == 0) {
		fail_armed = true;
		kit_keep = SIG;
		raise_bits = SIG;
		tick(true);
	} else {
		left = true;
	}
	fail_armed = false;
	kit_keep = 0;
	CHECK(left);
	CHECK(fail_message != NULL && irqentry_testing_failure() != NULL);
	CHECK(strstr(fail_message, "irqentry_os_handle_signal()") != NULL);
	kit_work = 0;
	irqentry_testing_reset(TRAP);
	return true;
}
#endif

/* ---- Runner ------------------------------------------------------------- */

struct test {
	const char *name;
	bool (*fn)(void);
};

static const struct test tests[] = {
	{"match_all_counts_the_steps", match_all_counts_the_steps},
	{"mask_any_matches_any_mask_only", mask_any_matches_any_mask_only},
	{"match_prefix", match_prefix},
	{"match_in_order", match_in_order},
	{"work_bits_and_rules_by_name", work_bits_and_rules_by_name},
#if IRQENTRY_DEBUG
	{"report_names_its_rule", report_names_its_rule},
#endif
	{"mask_write_says_before_and_after", mask_write_says_before_and_after},
	{"hang_in_signal_hook_is_stopped", hang_in_signal_hook_is_stopped},
	{"hang_in_schedule_is_stopped", hang_in_schedule_is_stopped},
	{"hang_in_preemption_is_stopped", hang_in_preemption_is_stopped},
	{"hang_in_os_work_is_stopped", hang_in_os_work_is_stopped},
#if !IRQENTRY_DEBUG
	{"fail_hook_can_leave_the_test", fail_hook_can_leave_the_test},
#endif
};

int main(void)
{
	unsigned int i, failed = 0;
	unsigned int n = (unsigned int)(sizeof(tests) / sizeof(tests[0]));

	printf("irqentry testing kit self-test: matches, names, hang stopper\n");
	for (i = 0; i < n; i++) {
		bool ok;

		kit_work = 0;
		kit_keep = 0;
		raise_bits = 0;
		why[0] = '\0';
		irqentry_testing_reset(TRAP);
		fail_message = NULL;
		ok = tests[i].fn();
		if (ok && irqentry_testing_reports()) {
			printf("    debug report: IRQENTRY_RULE_%s: %s\n",
			       irqentry_testing_rule_name(
				       irqentry_testing_last_rule()),
			       irqentry_testing_last_message());
			ok = dump();
		}
		if (ok && irqentry_testing_failure()) {
			printf("    %s\n", irqentry_testing_failure());
			ok = false;
		}
		printf("%s %s\n", ok ? "ok  " : "FAIL", tests[i].name);
		failed += ok ? 0 : 1;
	}
	printf("summary: testing kit (%s backend, debug %d): %u passed, %u "
	       "failed\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG, n - failed, failed);
	return failed ? 1 : 0;
}
