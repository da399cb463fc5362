/* SPDX-License-Identifier: MIT */
/*
 * The testing kit: unit-test your own OS header (irqentry_os.h) and your
 * vector C code on a workstation or under qemu-user. Built on the hosted
 * CPU (<irqentry/hosted.h>): it records every call the library makes to an
 * OS hook, with the live mask register at that call, into a trace; it
 * injects simulated interrupts at chosen moments; and it answers with
 * bools and strings, so it works with any test framework or none.
 *
 * Use: build the test with IRQENTRY_HOSTED and IRQENTRY_TESTING defined
 * for every translation unit (both are needed: -DIRQENTRY_HOSTED
 * -DIRQENTRY_TESTING), and include <irqentry/testing.h> (it includes
 * <irqentry/irqentry.h>) or <irqentry/irqentry.h> itself (which then pulls
 * this file in). Your OS header is unchanged: after <irqentry/hooks.h> has
 * checked it, every action hook, yours or the library's default, is
 * wrapped by a recorder that logs the call and then runs the hook.
 *
 *	static const struct irqentry_testing_step want[] = {
 *		{IRQENTRY_TESTING_ENTER_FROM_USER, IRQENTRY_TESTING_MASK_TRAP},
 *		{IRQENTRY_TESTING_MARK, IRQENTRY_TESTING_MASK_ANY},
 *		{IRQENTRY_TESTING_HANDLE_SIGNAL, IRQENTRY_TESTING_MASK_ON},
 *		IRQENTRY_TESTING_END,
 *	};
 *	char why[IRQENTRY_TESTING_WHY_SIZE];
 *
 *	irqentry_testing_reset(IRQENTRY_TESTING_MASK_TRAP);
 *	irqentry_testing_inject_at_unmask(1, timer_irq, NULL);
 *	irqentry_arm64_el0_svc(&regs, my_syscall_dispatch, NULL);
 *	if (!irqentry_testing_match_in_order(want, why, sizeof(why)))
 *		fail(why);
 *
 * Matching: irqentry_testing_match_all() (the whole trace),
 * irqentry_testing_match_prefix() (how it starts) and
 * irqentry_testing_match_in_order() (these steps in this order, others
 * between them allowed) take a list ended by IRQENTRY_TESTING_END, so
 * nobody counts steps by hand; IRQENTRY_TESTING_MASK_ANY in a step accepts
 * any mask. A failed match says which step differs, with event names,
 * mask bits, work bits and rules spelled out.
 *
 * A hook that never clears its work bit makes the library's work loop
 * spin forever when IRQENTRY_DEBUG is 0 (debug builds report
 * IRQENTRY_RULE_NO_PROGRESS and stop). The kit stops it too, in every
 * build: past IRQENTRY_TESTING_LOOP_LIMIT calls in a row that leave the
 * bit set, it records a failure naming the hook and the bit
 * (irqentry_testing_failure()), calls IRQENTRY_TESTING_FAIL(message) if
 * the test defines it, and otherwise clears the bit itself so the loop
 * ends and the test goes on to fail by its checks.
 *
 * Recorded (enum irqentry_testing_ev): the action hooks (state tracking,
 * schedule, preemption, signals, work, NMI, syscall work, guest work,
 * reports), the test's own marks, injected interrupts, and, when asked,
 * every write to the mask register. Not recorded: the accessors
 * (irqentry_os_regs_*, _work, _preempt_count, _cpu, _in_idle,
 * _preempt_allowed, _syscall_get_nr/_set_return and the arch-only ones),
 * which the library may call any number of times.
 *
 * Debug reports: with IRQENTRY_DEBUG=1 a broken rule is recorded (event
 * IRQENTRY_TESTING_REPORT, irqentry_testing_reports()); if your OS header
 * defines irqentry_os_report() it runs too, otherwise the report returns
 * instead of trapping, so a test can look at it.
 *
 * One trace and one simulated CPU per program (weak definitions shared by
 * all translation units); not thread-safe. Included by
 * <irqentry/irqentry.h> when IRQENTRY_TESTING is defined; a test may
 * include it directly.
 */
#ifndef IRQENTRY_IRQENTRY_H
/* Included by the test itself: the whole library, in testing mode. */
#ifndef IRQENTRY_TESTING
#define IRQENTRY_TESTING 1
#endif
#include "irqentry.h"
#elif !defined(IRQENTRY_TESTING)
#error "irqentry: <irqentry/testing.h> included after <irqentry/irqentry.h> without IRQENTRY_TESTING: define IRQENTRY_TESTING (and IRQENTRY_HOSTED) for every translation unit of the test, so every hook call is recorded"
#elif !defined(IRQENTRY_TESTING_H)
#define IRQENTRY_TESTING_H

#ifndef IRQENTRY_HOSTED
#error "irqentry: IRQENTRY_TESTING needs IRQENTRY_HOSTED: the testing kit runs on the simulated CPU (define both for the whole test build)"
#endif

/*
 * IRQENTRY_TESTING_TRACE_MAX: events kept in the trace (later ones are
 * counted, not kept). IRQENTRY_TESTING_INJECT_MAX: injections scheduled at
 * a time. Both must be the same in every translation unit of a program.
 */
#ifndef IRQENTRY_TESTING_TRACE_MAX
#define IRQENTRY_TESTING_TRACE_MAX 256
#endif
#ifndef IRQENTRY_TESTING_INJECT_MAX
#define IRQENTRY_TESTING_INJECT_MAX 8
#endif

/*
 * IRQENTRY_TESTING_LOOP_LIMIT: calls in a row of one work hook that
 * return with the bit it handles still set, after which the kit declares
 * the loop hung (a hook that does not clear its bit). Above the library's
 * IRQENTRY_WORK_LOOP_LIMIT, so a debug build's own report
 * (IRQENTRY_RULE_NO_PROGRESS) comes first.
 *
 * IRQENTRY_TESTING_FAIL(message): optional, defined by the test before
 * the kit is included (in every translation unit): called once when the
 * kit stops a hung loop, with a message naming the hook and the bit. It
 * may leave the test (longjmp(), abort(), a framework's "fail now" such as
 * Check's ck_abort_msg("%s", message)); the library's per-CPU state is
 * then mid-exit, so the next test must start with irqentry_testing_reset().
 * If it returns, or is not defined, the kit clears the bit and the loop
 * ends normally.
 *
 * IRQENTRY_TESTING_WHY_SIZE: a size for the @why buffer of the match
 * functions that always holds the whole explanation.
 */
#ifndef IRQENTRY_TESTING_LOOP_LIMIT
#define IRQENTRY_TESTING_LOOP_LIMIT (2 * (IRQENTRY_WORK_LOOP_LIMIT))
#endif
#define IRQENTRY_TESTING_WHY_SIZE 256

/*
 * The live register's interrupt-mask bits, and their values at the three
 * moments a test names most:
 *	IRQENTRY_TESTING_MASK_TRAP  as the CPU leaves them on taking an
 *	                            exception (arm64: D|A|I|F; RISC-V: SIE 0;
 *	                            x86: IF 0)
 *	IRQENTRY_TESTING_MASK_ON    interrupts enabled in process context
 *	                            (arm64: all of DAIF open; SIE 1; IF 1)
 *	IRQENTRY_TESTING_MASK_OFF   disabled again by the library from ON, the
 *	                            state the work loop re-checks in (arm64:
 *	                            I|F, D and A open; SIE 0; IF 0)
 * On arm64 an IRQ handler also runs at MASK_OFF (PROCCTX_NOIRQ).
 *
 * IRQENTRY_TESTING_MASK_ANY, as the mask of an expected step, accepts any
 * mask bits (it is no value of the register: all bits set).
 */
#if IRQENTRY_ARCH_ARM64
#define IRQENTRY_TESTING_MASK_BITS IRQENTRY_ARM64_DAIF_MASK
#define IRQENTRY_TESTING_MASK_TRAP IRQENTRY_ARM64_DAIF_MASK
#define IRQENTRY_TESTING_MASK_ON   IRQENTRY_ARM64_DAIF_PROCCTX
#define IRQENTRY_TESTING_MASK_OFF  IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ
#elif IRQENTRY_ARCH_RISCV
#define IRQENTRY_TESTING_MASK_BITS IRQENTRY_RISCV_SSTATUS_SIE
#define IRQENTRY_TESTING_MASK_TRAP 0UL
#define IRQENTRY_TESTING_MASK_ON   IRQENTRY_RISCV_SSTATUS_SIE
#define IRQENTRY_TESTING_MASK_OFF  0UL
#else
#define IRQENTRY_TESTING_MASK_BITS IRQENTRY_X86_RFLAGS_IF
#define IRQENTRY_TESTING_MASK_TRAP 0UL
#define IRQENTRY_TESTING_MASK_ON   IRQENTRY_X86_RFLAGS_IF
#define IRQENTRY_TESTING_MASK_OFF  0UL
#endif
#define IRQENTRY_TESTING_MASK_ANY (~0UL)

/**
 * enum irqentry_testing_ev - what a trace event records
 *
 * One value per action hook (named after irqentry_os_<name>), then the
 * events that are not hook calls, then hooks added later. Values are
 * stable: append only.
 */
enum irqentry_testing_ev {
	IRQENTRY_TESTING_NONE = 0,
	IRQENTRY_TESTING_ENTER_FROM_USER,
	IRQENTRY_TESTING_EXIT_TO_USER,
	IRQENTRY_TESTING_ENTER_FROM_KERNEL,
	IRQENTRY_TESTING_EXIT_TO_KERNEL,
	IRQENTRY_TESTING_ENTER_FROM_IDLE,
	IRQENTRY_TESTING_EXIT_TO_IDLE,
	IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ, /* arg: work word */
	IRQENTRY_TESTING_SCHEDULE,             /* arg: work word */
	IRQENTRY_TESTING_HANDLE_SIGNAL,        /* arg: work word */
	IRQENTRY_TESTING_NOTIFY_RESUME,        /* arg: 1 with regs, 0 (guest) */
	IRQENTRY_TESTING_HANDLE_WORK,          /* arg: the OS bits passed */
	IRQENTRY_TESTING_EXIT_TO_USER_PREPARE,
	IRQENTRY_TESTING_NMI_ENTER,
	IRQENTRY_TESTING_NMI_EXIT,
	IRQENTRY_TESTING_SYSCALL_USER_DISPATCH,
	IRQENTRY_TESTING_SYSCALL_TRACE_ENTER,
	IRQENTRY_TESTING_SYSCALL_FILTER,
	IRQENTRY_TESTING_SYSCALL_TRACEPOINT_ENTER, /* arg: syscall number */
	IRQENTRY_TESTING_SYSCALL_AUDIT_ENTER,      /* arg: syscall number */
	IRQENTRY_TESTING_SYSCALL_AUDIT_EXIT,
	IRQENTRY_TESTING_SYSCALL_TRACEPOINT_EXIT,
	IRQENTRY_TESTING_SYSCALL_TRACE_EXIT, /* arg: step */
	IRQENTRY_TESTING_GUEST_SIGNAL_EXIT,
	IRQENTRY_TESTING_GUEST_HANDLE_WORK, /* arg: the OS bits passed */
	IRQENTRY_TESTING_REPORT,            /* arg: rule; label: message */
	/* Not hook calls: */
	IRQENTRY_TESTING_MARK,       /* irqentry_testing_mark(); label */
	IRQENTRY_TESTING_IRQ,        /* an injected interrupt begins;
					arg: the interrupted mask bits */
	IRQENTRY_TESTING_IRQ_END,    /* ... and returns */
	IRQENTRY_TESTING_MASK_WRITE, /* a write to the mask register, when
					recorded; mask: the bits after it,
					mask_before (and arg): before it */
	IRQENTRY_TESTING_STOPPED,    /* the kit stopped a hung work loop;
					arg: the bits it cleared; label: why */
	/* Hook calls again: */
	IRQENTRY_TESTING_SYSCALL_ENTER_MASKED,
	IRQENTRY_TESTING_SYSCALL_EXIT_MASKED,
	IRQENTRY_TESTING_EV_COUNT
};

/**
 * struct irqentry_testing_event - one trace entry
 * @ev: what happened
 * @mask: the live mask bits (IRQENTRY_TESTING_MASK_BITS of the simulated
 *	register) when it happened; for a hook, at the call, before it runs;
 *	for IRQENTRY_TESTING_MASK_WRITE, the value written (after the write);
 *	for IRQENTRY_TESTING_IRQ, the value inside the interrupt
 * @mask_before: the mask bits just before the event: for a MASK_WRITE the
 *	value the write replaced, for an IRQ the interrupted value; for every
 *	other event the same as @mask (nothing changed the register)
 * @arg: what the enum says for @ev, else 0
 * @depth: injected interrupts running at the time (0: none)
 * @label: the mark's label, the report's message, else NULL
 */
struct irqentry_testing_event {
	enum irqentry_testing_ev ev;
	unsigned long mask;
	unsigned long mask_before;
	long arg;
	unsigned int depth;
	const char *label;
};

/**
 * struct irqentry_testing_step - one expected event, for the match functions
 * @ev: the event (IRQENTRY_TESTING_NONE ends a list)
 * @mask: the mask bits expected with it, as the trace records them (a
 *	MASK_WRITE: the value written), or IRQENTRY_TESTING_MASK_ANY
 */
struct irqentry_testing_step {
	enum irqentry_testing_ev ev;
	unsigned long mask;
};

/* The end of a list of steps (irqentry_testing_match_all() and co.). */
#define IRQENTRY_TESTING_END                                                   \
	{                                                                      \
		IRQENTRY_TESTING_NONE, 0UL                                     \
	}

/* An injection: at the @nth unmask (@ev NONE) or the @nth call of @ev. */
struct irqentry_priv_testing_inject {
	enum irqentry_testing_ev ev;
	unsigned long nth;
	irqentry_hosted_irq_fn fn;
	void *arg;
};

/* The kit's state: one per program (weak, like the simulated CPU). */
struct irqentry_priv_testing_state {
	struct irqentry_testing_event events[IRQENTRY_TESTING_TRACE_MAX];
	unsigned int n;
	unsigned long dropped;
	unsigned long calls[IRQENTRY_TESTING_EV_COUNT];
	unsigned long unmasks;
	bool record_writes;
	struct irqentry_priv_testing_inject inject[IRQENTRY_TESTING_INJECT_MAX];
	struct irqentry_priv_testing_inject raised;
	unsigned int reports;
	enum irqentry_rule last_rule;
	const char *last_message;
	unsigned long stuck[IRQENTRY_TESTING_EV_COUNT];
	bool failed;
	char failure[IRQENTRY_TESTING_WHY_SIZE];
};

__attribute__((
	__weak__)) struct irqentry_priv_testing_state irqentry_priv_testing;

/**
 * irqentry_testing_mask - the live mask bits of the simulated CPU
 *
 * Context: any. Return: irqentry_hosted_cpu()->status masked with
 * IRQENTRY_TESTING_MASK_BITS.
 */
static inline unsigned long irqentry_testing_mask(void)
{
	return irqentry_hosted_cpu()->status & IRQENTRY_TESTING_MASK_BITS;
}

static inline void irqentry_priv_testing_add(enum irqentry_testing_ev ev,
					     unsigned long mask,
					     unsigned long mask_before,
					     long arg, const char *label)
{
	struct irqentry_priv_testing_state *t = &irqentry_priv_testing;

	t->calls[ev]++;
	if (t->n >= IRQENTRY_TESTING_TRACE_MAX) {
		t->dropped++;
		return;
	}
	t->events[t->n].ev = ev;
	t->events[t->n].mask = mask;
	t->events[t->n].mask_before = mask_before;
	t->events[t->n].arg = arg;
	t->events[t->n].depth = irqentry_hosted_cpu()->depth;
	t->events[t->n].label = label;
	t->n++;
}

/* An injected interrupt: recorded around the test's function. */
static inline void irqentry_priv_testing_irq(void *arg,
					     unsigned long interrupted)
{
	struct irqentry_priv_testing_inject *slot =
		(struct irqentry_priv_testing_inject *)arg;
	irqentry_hosted_irq_fn fn = slot->fn;
	void *fn_arg = slot->arg;

	slot->fn = NULL;
	irqentry_priv_testing_add(
		IRQENTRY_TESTING_IRQ, irqentry_testing_mask(),
		interrupted & IRQENTRY_TESTING_MASK_BITS,
		(long)(interrupted & IRQENTRY_TESTING_MASK_BITS), NULL);
	fn(fn_arg, interrupted);
	irqentry_priv_testing_add(IRQENTRY_TESTING_IRQ_END,
				  irqentry_testing_mask(),
				  irqentry_testing_mask(), 0, NULL);
}

/* Make @slot's interrupt pending (the hosted CPU keeps one at a time). */
static inline void
irqentry_priv_testing_pend(struct irqentry_priv_testing_inject *slot)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();

	cpu->pending = irqentry_priv_testing_irq;
	cpu->pending_arg = slot;
}

/* Injections due at @ev's @count-th occurrence; returns how many. */
static inline unsigned int
irqentry_priv_testing_due(enum irqentry_testing_ev ev, unsigned long count)
{
	struct irqentry_priv_testing_state *t = &irqentry_priv_testing;
	unsigned int i, due = 0;

	for (i = 0; i < IRQENTRY_TESTING_INJECT_MAX; i++) {
		struct irqentry_priv_testing_inject *slot = &t->inject[i];

		if (slot->fn && slot->ev == ev && slot->nth == count) {
			slot->nth = 0; /* fired: the slot frees on delivery */
			irqentry_priv_testing_pend(slot);
			due++;
		}
	}
	return due;
}

/* Every recorded hook call: log it, then fire injections due at it. */
static inline void irqentry_priv_testing_record(enum irqentry_testing_ev ev,
						long arg, const char *label)
{
	unsigned long mask = irqentry_testing_mask();

	irqentry_priv_testing_add(ev, mask, mask, arg, label);
	if (irqentry_priv_testing_due(ev, irqentry_priv_testing.calls[ev]))
		irqentry_priv_hosted_deliver(irqentry_hosted_cpu());
}

/* The hosted CPU's write observer: unmask counting, optional recording. */
static inline void irqentry_priv_testing_on_write(void *arg,
						  unsigned long old_status,
						  unsigned long new_status)
{
	struct irqentry_priv_testing_state *t = &irqentry_priv_testing;

	(void)arg;
	if (t->record_writes)
		irqentry_priv_testing_add(
			IRQENTRY_TESTING_MASK_WRITE,
			new_status & IRQENTRY_TESTING_MASK_BITS,
			old_status & IRQENTRY_TESTING_MASK_BITS,
			(long)(old_status & IRQENTRY_TESTING_MASK_BITS), NULL);
	if (irqentry_arch_hosted_irqs_open(new_status) &&
	    !irqentry_arch_hosted_irqs_open(old_status)) {
		t->unmasks++;
		/* Pending only: the write itself delivers it, right after. */
		(void)irqentry_priv_testing_due(IRQENTRY_TESTING_NONE,
						t->unmasks);
	}
}

/**
 * irqentry_testing_reset - start a test: empty trace, known CPU state
 * @status: the simulated mask register to start from, usually
 *	IRQENTRY_TESTING_MASK_TRAP (the CPU has just taken an exception)
 *
 * Resets the simulated CPU (irqentry_hosted_reset(), then installs the
 * kit's write observer), the trace, the per-hook call counts, the unmask
 * count, the injection schedule, the report count, write recording (off)
 * and the kit's failure (irqentry_testing_failure()), and the library's
 * per-CPU block of irqentry_os_cpu() and the current thread's block of
 * irqentry_os_thread() as if the CPU had been running user code: a test
 * may start with an entry from user mode or from kernel mode. The OS's
 * own state (work word, preempt count, threads) is the test's to reset.
 *
 * Context: hosted; not from an injected interrupt.
 */
static inline void irqentry_testing_reset(unsigned long status)
{
	struct irqentry_priv_testing_state *t = &irqentry_priv_testing;
	struct irqentry_cpu *cpu = irqentry_os_cpu();
	struct irqentry_thread *thread = irqentry_os_thread();
	unsigned int i;

	irqentry_hosted_reset(status);
	irqentry_hosted_cpu()->on_write = irqentry_priv_testing_on_write;
	t->n = 0;
	t->dropped = 0;
	for (i = 0; i < IRQENTRY_TESTING_EV_COUNT; i++) {
		t->calls[i] = 0;
		t->stuck[i] = 0;
	}
	t->failed = false;
	t->failure[0] = '\0';
	t->unmasks = 0;
	t->record_writes = false;
	for (i = 0; i < IRQENTRY_TESTING_INJECT_MAX; i++)
		t->inject[i].fn = NULL;
	t->raised.fn = NULL;
	t->reports = 0;
	t->last_rule = IRQENTRY_RULE_NONE;
	t->last_message = NULL;
	cpu->nmi_depth = 0;
	thread->depth = 0;
	thread->no_sched = 0;
	thread->in_user = 1;
}

/**
 * irqentry_testing_record_writes - also record every mask-register write
 * @on: true to record IRQENTRY_TESTING_MASK_WRITE events from now on
 *
 * Context: hosted; any. The kit's observer stays installed either way.
 */
static inline void irqentry_testing_record_writes(bool on)
{
	irqentry_priv_testing.record_writes = on;
}

/**
 * irqentry_testing_mark - put the test's own event in the trace
 * @label: a name for it (kept by pointer: use a string literal), e.g.
 *	"handler" from a handler the test passes to a wrapper
 *
 * Counts as a call of IRQENTRY_TESTING_MARK for irqentry_testing_inject_at(),
 * so a mark in the code under test can time an interrupt exactly.
 *
 * Context: any, including an injected interrupt.
 */
static inline void irqentry_testing_mark(const char *label)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_MARK, 0, label);
}

/**
 * irqentry_testing_count - events in the trace
 * Context: any. Return: the number kept (at most IRQENTRY_TESTING_TRACE_MAX).
 */
static inline unsigned int irqentry_testing_count(void)
{
	return irqentry_priv_testing.n;
}

/**
 * irqentry_testing_dropped - events that did not fit in the trace
 * Context: any. Return: 0 unless the trace overflowed.
 */
static inline unsigned long irqentry_testing_dropped(void)
{
	return irqentry_priv_testing.dropped;
}

/**
 * irqentry_testing_event_at - one event of the trace
 * @i: its index, from 0
 *
 * Context: any. Return: the event, or NULL if @i is beyond the trace.
 */
static inline const struct irqentry_testing_event *
irqentry_testing_event_at(unsigned int i)
{
	return i < irqentry_priv_testing.n ? &irqentry_priv_testing.events[i]
					   : NULL;
}

/**
 * irqentry_testing_calls - how often @ev happened since the reset
 * @ev: a hook (or any other event)
 *
 * Counts beyond the trace's capacity too. Context: any.
 * Return: the number of occurrences.
 */
static inline unsigned long irqentry_testing_calls(enum irqentry_testing_ev ev)
{
	return (unsigned int)ev < IRQENTRY_TESTING_EV_COUNT
		       ? irqentry_priv_testing.calls[ev]
		       : 0;
}

/**
 * irqentry_testing_find - the first @ev at or after index @from
 * @ev: the event to look for
 * @from: where to start
 *
 * Context: any. Return: its index, or -1 if there is none.
 */
static inline int irqentry_testing_find(enum irqentry_testing_ev ev,
					unsigned int from)
{
	unsigned int i;

	for (i = from; i < irqentry_priv_testing.n; i++)
		if (irqentry_priv_testing.events[i].ev == ev)
			return (int)i;
	return -1;
}

/**
 * irqentry_testing_reports - debug reports since the reset
 * Context: any. Return: how many rules were reported (IRQENTRY_DEBUG=1).
 */
static inline unsigned int irqentry_testing_reports(void)
{
	return irqentry_priv_testing.reports;
}

/**
 * irqentry_testing_last_rule - the rule of the last debug report
 * Context: any. Return: IRQENTRY_RULE_NONE if there was none.
 */
static inline enum irqentry_rule irqentry_testing_last_rule(void)
{
	return irqentry_priv_testing.last_rule;
}

/**
 * irqentry_testing_last_message - the message of the last debug report
 * Context: any. Return: the library's message, or NULL.
 */
static inline const char *irqentry_testing_last_message(void)
{
	return irqentry_priv_testing.last_message;
}

/**
 * irqentry_testing_failure - did the kit itself fail the test?
 *
 * Set when the kit stopped a hung work loop (a hook that returned
 * IRQENTRY_TESTING_LOOP_LIMIT times in a row with its work bit still set);
 * every match function then fails with this message too.
 *
 * Context: any. Return: the message, naming the hook and the work bit, or
 * NULL if the kit found nothing wrong since the reset.
 */
static inline const char *irqentry_testing_failure(void)
{
	return irqentry_priv_testing.failed ? irqentry_priv_testing.failure
					    : NULL;
}

/* Schedule an injection in a free slot. */
static inline bool irqentry_priv_testing_plan(enum irqentry_testing_ev ev,
					      unsigned long nth,
					      irqentry_hosted_irq_fn fn,
					      void *arg)
{
	unsigned int i;

	if (!fn || !nth)
		return false;
	for (i = 0; i < IRQENTRY_TESTING_INJECT_MAX; i++) {
		struct irqentry_priv_testing_inject *slot =
			&irqentry_priv_testing.inject[i];

		if (slot->fn)
			continue;
		slot->ev = ev;
		slot->nth = nth;
		slot->arg = arg;
		slot->fn = fn;
		return true;
	}
	return false;
}

/**
 * irqentry_testing_inject_at_unmask - deliver an interrupt at the @nth unmask
 * @nth: which unmask, counting writes since the reset that open
 *	interrupts (arm64: clear PSTATE.I; RISC-V: set SIE; x86: set IF),
 *	from 1
 * @fn: the interrupt: runs as the hosted CPU runs one (mask register at
 *	the arch's exception-entry value, restored after), typically building
 *	a frame with irqentry_testing_regs_status_interrupted() and calling
 *	your IRQ vector's C code
 * @arg: its argument
 *
 * Recorded as IRQENTRY_TESTING_IRQ ... IRQENTRY_TESTING_IRQ_END around
 * @fn. The hosted CPU holds one pending interrupt: if another is made
 * pending before this one is delivered, this one is lost.
 *
 * Context: hosted; any. Return: false if IRQENTRY_TESTING_INJECT_MAX
 * injections are already waiting (or @nth is 0, @fn NULL).
 */
static inline bool irqentry_testing_inject_at_unmask(unsigned long nth,
						     irqentry_hosted_irq_fn fn,
						     void *arg)
{
	return irqentry_priv_testing_plan(IRQENTRY_TESTING_NONE, nth, fn, arg);
}

/**
 * irqentry_testing_inject_at - raise an interrupt at the @nth call of a hook
 * @ev: the hook (or IRQENTRY_TESTING_MARK, to time it from the test's code)
 * @nth: which call of it since the reset, from 1
 * @fn: the interrupt, as for irqentry_testing_inject_at_unmask()
 * @arg: its argument
 *
 * The interrupt becomes pending as the hook is called, before the hook
 * runs: it is taken at once if interrupts are open there, otherwise at the
 * next unmask. So "an interrupt right after the last work check" is
 * irqentry_testing_inject_at(IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, 1, ...):
 * pending while masked, taken only when the CPU next unmasks.
 *
 * Context: hosted; any. Return: false if the schedule is full, or @ev is
 * not a hook or IRQENTRY_TESTING_MARK.
 */
static inline bool irqentry_testing_inject_at(enum irqentry_testing_ev ev,
					      unsigned long nth,
					      irqentry_hosted_irq_fn fn,
					      void *arg)
{
	/* Only hook calls and marks fire injections; the CPU's own events
	 * (interrupts, writes) are timed with inject_at_unmask(). */
	if (ev == IRQENTRY_TESTING_NONE || ev > IRQENTRY_TESTING_MARK)
		return false;
	return irqentry_priv_testing_plan(ev, nth, fn, arg);
}

/**
 * irqentry_testing_raise - raise an interrupt now
 * @fn: the interrupt, as for irqentry_testing_inject_at_unmask()
 * @arg: its argument
 *
 * Taken at once if interrupts are open, otherwise at the next unmask;
 * recorded like the scheduled ones.
 *
 * Context: hosted; any, including an injected interrupt.
 */
static inline void irqentry_testing_raise(irqentry_hosted_irq_fn fn, void *arg)
{
	struct irqentry_priv_testing_inject *slot =
		&irqentry_priv_testing.raised;

	slot->ev = IRQENTRY_TESTING_NONE;
	slot->nth = 0;
	slot->fn = fn;
	slot->arg = arg;
	irqentry_priv_testing_pend(slot);
	irqentry_priv_hosted_deliver(irqentry_hosted_cpu());
}

/**
 * irqentry_testing_regs_status - a saved PSTATE/SSTATUS/RFLAGS for a frame
 * @user_mode: the exception came from user mode
 * @irqs_enabled: the interrupted context had interrupts enabled
 *
 * What the CPU saves on an exception (arm64 SPSR_EL1: EL0t or EL1h with
 * DAIF; RISC-V sstatus: SPP and SPIE; x86 RFLAGS: IF and the reserved bit
 * 1), for the test's trap frame. x86 frames need the CS and SS of
 * irqentry_testing_regs_cs() and irqentry_testing_regs_ss() as well.
 *
 * Context: any. Return: the value for irqentry_os_regs_status().
 */
static inline unsigned long irqentry_testing_regs_status(bool user_mode,
							 bool irqs_enabled)
{
#if IRQENTRY_ARCH_ARM64
	return (user_mode ? IRQENTRY_ARM64_PSTATE_EL0t
			  : IRQENTRY_ARM64_PSTATE_EL1h) |
	       (irqs_enabled ? 0UL : IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ);
#elif IRQENTRY_ARCH_RISCV
	return (user_mode ? 0UL : IRQENTRY_RISCV_SSTATUS_SPP) |
	       (irqs_enabled ? IRQENTRY_RISCV_SSTATUS_SPIE : 0UL);
#else
	(void)user_mode;
	return 0x2UL | (irqs_enabled ? IRQENTRY_X86_RFLAGS_IF : 0UL);
#endif
}

/*
 * The user selectors of a test frame: the OS's (those SYSRET loads) when it
 * names them, else those of a GDT with user data at 0x18, user code at 0x20.
 */
#ifdef IRQENTRY_OS_X86_USER_CS
#define IRQENTRY_PRIV_TESTING_USER_CS ((unsigned long)(IRQENTRY_OS_X86_USER_CS))
#else
#define IRQENTRY_PRIV_TESTING_USER_CS 0x23UL
#endif
#ifdef IRQENTRY_OS_X86_USER_SS
#define IRQENTRY_PRIV_TESTING_USER_SS ((unsigned long)(IRQENTRY_OS_X86_USER_SS))
#else
#define IRQENTRY_PRIV_TESTING_USER_SS 0x1bUL
#endif

/**
 * irqentry_testing_regs_cs - a saved CS for an x86 frame
 * @user_mode: the exception came from ring 3
 *
 * Context: any. Return: IRQENTRY_OS_X86_USER_CS (0x23 if the OS header
 * does not define it; user code, RPL 3) or 0x08 (kernel code); 0 on other
 * architectures, which have no CS.
 */
static inline unsigned long irqentry_testing_regs_cs(bool user_mode)
{
#if IRQENTRY_ARCH_X86
	return user_mode ? IRQENTRY_PRIV_TESTING_USER_CS : 0x08UL;
#else
	(void)user_mode;
	return 0;
#endif
}

/**
 * irqentry_testing_regs_ss - a saved SS for an x86 frame
 * @user_mode: the exception came from ring 3
 *
 * With the CS above, what a syscall frame needs for SYSRET: x86 returns
 * with SYSRET only when CS and SS are the user selectors.
 *
 * Context: any. Return: IRQENTRY_OS_X86_USER_SS (0x1b if the OS header
 * does not define it) or 0x10 (kernel data); 0 on other architectures.
 */
static inline unsigned long irqentry_testing_regs_ss(bool user_mode)
{
#if IRQENTRY_ARCH_X86
	return user_mode ? IRQENTRY_PRIV_TESTING_USER_SS : 0x10UL;
#else
	(void)user_mode;
	return 0;
#endif
}

/**
 * irqentry_testing_regs_status_interrupted - the frame of an injected interrupt
 * @interrupted: the interrupted register, as the hosted CPU passes it to
 *	an injected interrupt's function
 *
 * The saved status of a kernel-mode frame for code interrupted in that
 * state (arm64: EL1h with the interrupted DAIF; RISC-V: SPP, SPIE from
 * SIE; x86: IF as it was).
 *
 * Context: any. Return: the value for irqentry_os_regs_status().
 */
static inline unsigned long
irqentry_testing_regs_status_interrupted(unsigned long interrupted)
{
#if IRQENTRY_ARCH_ARM64
	return IRQENTRY_ARM64_PSTATE_EL1h |
	       (interrupted & IRQENTRY_ARM64_DAIF_MASK);
#elif IRQENTRY_ARCH_RISCV
	return irqentry_testing_regs_status(
		false, (interrupted & IRQENTRY_RISCV_SSTATUS_SIE) != 0);
#else
	return irqentry_testing_regs_status(
		false, (interrupted & IRQENTRY_X86_RFLAGS_IF) != 0);
#endif
}

/* ---- Strings: no libc, the caller's buffer ------------------------------ */

struct irqentry_priv_testing_buf {
	char *s;
	size_t size;
	size_t len;
};

static inline void
irqentry_priv_testing_putc(struct irqentry_priv_testing_buf *b, char c)
{
	if (b->size && b->len + 1 < b->size)
		b->s[b->len++] = c;
	if (b->size)
		b->s[b->len] = '\0';
}

static inline void
irqentry_priv_testing_puts(struct irqentry_priv_testing_buf *b, const char *s)
{
	while (s && *s)
		irqentry_priv_testing_putc(b, *s++);
}

static inline void
irqentry_priv_testing_puthex(struct irqentry_priv_testing_buf *b,
			     unsigned long v)
{
	char digits[2 * sizeof(v)];
	unsigned int n = 0;

	irqentry_priv_testing_puts(b, "0x");
	do {
		digits[n++] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v);
	while (n)
		irqentry_priv_testing_putc(b, digits[--n]);
}

static inline void
irqentry_priv_testing_putdec(struct irqentry_priv_testing_buf *b, long v)
{
	char digits[24];
	unsigned int n = 0;
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	if (v < 0)
		irqentry_priv_testing_putc(b, '-');
	do {
		digits[n++] = (char)('0' + (char)(u % 10));
		u /= 10;
	} while (u);
	while (n)
		irqentry_priv_testing_putc(b, digits[--n]);
}

/* Pad to column @col of the current output. */
static inline void
irqentry_priv_testing_pad(struct irqentry_priv_testing_buf *b, size_t from,
			  size_t col)
{
	while (b->len - from < col && b->len + 1 < b->size)
		irqentry_priv_testing_putc(b, ' ');
}

/**
 * irqentry_testing_ev_name - the name of an event
 * @ev: the event
 *
 * Context: any. Return: the hook's name without its irqentry_os_ prefix
 * ("schedule", "exit_to_user", ...), or "mark", "irq", "irq_end",
 * "write", "stopped"; "?" for a value out of range.
 */
static inline const char *irqentry_testing_ev_name(enum irqentry_testing_ev ev)
{
	static const char *const names[IRQENTRY_TESTING_EV_COUNT] = {
		"none",
		"enter_from_user",
		"exit_to_user",
		"enter_from_kernel",
		"exit_to_kernel",
		"enter_from_idle",
		"exit_to_idle",
		"preempt_schedule_irq",
		"schedule",
		"handle_signal",
		"notify_resume",
		"handle_work",
		"exit_to_user_prepare",
		"nmi_enter",
		"nmi_exit",
		"syscall_user_dispatch",
		"syscall_trace_enter",
		"syscall_filter",
		"syscall_tracepoint_enter",
		"syscall_audit_enter",
		"syscall_audit_exit",
		"syscall_tracepoint_exit",
		"syscall_trace_exit",
		"guest_signal_exit",
		"guest_handle_work",
		"report",
		"mark",
		"irq",
		"irq_end",
		"write",
		"stopped",
		"syscall_enter_masked",
		"syscall_exit_masked",
	};

	return (unsigned int)ev < IRQENTRY_TESTING_EV_COUNT ? names[ev] : "?";
}

/**
 * irqentry_testing_mask_str - mask bits as text
 * @mask: bits of IRQENTRY_TESTING_MASK_BITS, or IRQENTRY_TESTING_MASK_ANY
 * @buf: where to write (always NUL-terminated when @size > 0)
 * @size: its size; 16 bytes always suffice
 *
 * arm64: the masked DAIF bits, "DAIF=D|A|I|F" ... "DAIF=none"; RISC-V:
 * "SIE=1" (enabled) or "SIE=0"; x86: "IF=1" or "IF=0"; "any mask" for
 * IRQENTRY_TESTING_MASK_ANY.
 *
 * Context: any. Return: @buf.
 */
static inline const char *irqentry_testing_mask_str(unsigned long mask,
						    char *buf, size_t size)
{
	struct irqentry_priv_testing_buf b;

	b.s = buf;
	b.size = size;
	b.len = 0;
	if (b.size)
		b.s[0] = '\0';
	if (mask == IRQENTRY_TESTING_MASK_ANY) {
		irqentry_priv_testing_puts(&b, "any mask");
		return buf;
	}
#if IRQENTRY_ARCH_ARM64
	{
		static const char letters[] = "DAIF";
		unsigned int i;
		bool any = false;

		irqentry_priv_testing_puts(&b, "DAIF=");
		for (i = 0; i < 4; i++) {
			if (!(mask & (IRQENTRY_ARM64_DAIF_D >> i)))
				continue;
			if (any)
				irqentry_priv_testing_putc(&b, '|');
			irqentry_priv_testing_putc(&b, letters[i]);
			any = true;
		}
		if (!any)
			irqentry_priv_testing_puts(&b, "none");
	}
#elif IRQENTRY_ARCH_RISCV
	irqentry_priv_testing_puts(
		&b, (mask & IRQENTRY_RISCV_SSTATUS_SIE) ? "SIE=1" : "SIE=0");
#else
	irqentry_priv_testing_puts(
		&b, (mask & IRQENTRY_X86_RFLAGS_IF) ? "IF=1" : "IF=0");
#endif
	return buf;
}

/**
 * irqentry_testing_rule_name - the name of a debug rule
 * @rule: a rule, as irqentry_testing_last_rule() returns it
 *
 * Context: any. Return: irqentry_rule_name() without the IRQENTRY_RULE_
 * prefix ("NO_PROGRESS", "SCHEDULE_IN_NMI", ...), or "?" for a value that
 * names no rule.
 */
static inline const char *irqentry_testing_rule_name(enum irqentry_rule rule)
{
	/* The library's name, without the prefix every rule shares. */
	static const char prefix[] = "IRQENTRY_RULE_";
	const char *name = irqentry_rule_name(rule);
	size_t i;

	for (i = 0; i + 1 < sizeof(prefix); i++)
		if (name[i] != prefix[i])
			return "?";
	return name[i] == '(' ? "?" : name + i;
}

static inline void
irqentry_priv_testing_put_rule(struct irqentry_priv_testing_buf *b,
			       enum irqentry_rule rule)
{
	const char *name = irqentry_testing_rule_name(rule);

	if (name[0] != '?') {
		irqentry_priv_testing_puts(b, "IRQENTRY_RULE_");
		irqentry_priv_testing_puts(b, name);
	} else {
		irqentry_priv_testing_puts(b, "rule ");
		irqentry_priv_testing_putdec(b, (long)rule);
	}
}

static inline void
irqentry_priv_testing_put_work(struct irqentry_priv_testing_buf *b,
			       unsigned long work)
{
	static const char *const names[] = {
		"NEED_RESCHED",  "NEED_RESCHED_LAZY", "SIGPENDING",
		"NOTIFY_SIGNAL", "NOTIFY_RESUME",
	};
	unsigned int bit;
	bool any = false;

	for (bit = 0; bit < 8 * sizeof(work); bit++) {
		if (!(work & (1UL << bit)))
			continue;
		if (any)
			irqentry_priv_testing_putc(b, '|');
		any = true;
		if (bit < sizeof(names) / sizeof(names[0])) {
			irqentry_priv_testing_puts(b, names[bit]);
		} else if (bit >= IRQENTRY_WORK_OS_SHIFT) {
			/* The OS's own: bit IRQENTRY_WORK_OS_SHIFT + n. */
			irqentry_priv_testing_puts(b, "OS+");
			irqentry_priv_testing_putdec(
				b, (long)(bit - IRQENTRY_WORK_OS_SHIFT));
		} else {
			irqentry_priv_testing_puts(b, "bit");
			irqentry_priv_testing_putdec(b, (long)bit);
		}
	}
	if (!any)
		irqentry_priv_testing_puts(b, "none");
}

/**
 * irqentry_testing_work_str - work bits as text
 * @work: IRQENTRY_WORK_* bits, as in a work word
 * @buf: where to write (always NUL-terminated when @size > 0)
 * @size: its size; 96 bytes hold every library bit and a few OS bits
 *
 * The library's bits by name without the IRQENTRY_WORK_ prefix, joined by
 * '|' ("NEED_RESCHED|SIGPENDING"); the OS's own bits as "OS+n" for
 * 1UL << (IRQENTRY_WORK_OS_SHIFT + n); "none" for 0.
 *
 * Context: any. Return: @buf.
 */
static inline const char *irqentry_testing_work_str(unsigned long work,
						    char *buf, size_t size)
{
	struct irqentry_priv_testing_buf b;

	b.s = buf;
	b.size = size;
	b.len = 0;
	if (b.size)
		b.s[0] = '\0';
	irqentry_priv_testing_put_work(&b, work);
	return buf;
}

static inline void
irqentry_priv_testing_put_mask(struct irqentry_priv_testing_buf *b,
			       unsigned long mask)
{
	char m[16];

	irqentry_priv_testing_puts(
		b, irqentry_testing_mask_str(mask, m, sizeof(m)));
}

/* What an event's argument means, spelled out. */
static inline void
irqentry_priv_testing_put_arg(struct irqentry_priv_testing_buf *b,
			      const struct irqentry_testing_event *e)
{
	switch (e->ev) {
	case IRQENTRY_TESTING_MASK_WRITE:
		irqentry_priv_testing_puts(b, " after the write, ");
		irqentry_priv_testing_put_mask(b, e->mask_before);
		irqentry_priv_testing_puts(b, " before");
		break;
	case IRQENTRY_TESTING_IRQ:
		irqentry_priv_testing_puts(b, " interrupted at ");
		irqentry_priv_testing_put_mask(b, e->mask_before);
		break;
	case IRQENTRY_TESTING_REPORT:
		irqentry_priv_testing_putc(b, ' ');
		irqentry_priv_testing_put_rule(b, (enum irqentry_rule)e->arg);
		irqentry_priv_testing_puts(b, ": ");
		irqentry_priv_testing_puts(b, e->label);
		break;
	case IRQENTRY_TESTING_STOPPED:
		irqentry_priv_testing_puts(b, " cleared ");
		irqentry_priv_testing_put_work(b, (unsigned long)e->arg);
		break;
	case IRQENTRY_TESTING_SCHEDULE:
	case IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ:
	case IRQENTRY_TESTING_HANDLE_SIGNAL:
	case IRQENTRY_TESTING_HANDLE_WORK:
	case IRQENTRY_TESTING_GUEST_HANDLE_WORK:
		irqentry_priv_testing_puts(b, " work=");
		irqentry_priv_testing_put_work(b, (unsigned long)e->arg);
		break;
	case IRQENTRY_TESTING_NOTIFY_RESUME:
		if (!e->arg)
			irqentry_priv_testing_puts(b, " (guest)");
		break;
	case IRQENTRY_TESTING_SYSCALL_TRACEPOINT_ENTER:
	case IRQENTRY_TESTING_SYSCALL_AUDIT_ENTER:
		irqentry_priv_testing_puts(b, " nr=");
		irqentry_priv_testing_putdec(b, e->arg);
		break;
	case IRQENTRY_TESTING_SYSCALL_TRACE_EXIT:
		if (e->arg)
			irqentry_priv_testing_puts(b, " step");
		break;
	default:
		if (e->arg) {
			irqentry_priv_testing_puts(b, " arg=");
			irqentry_priv_testing_puthex(b, (unsigned long)e->arg);
		}
		break;
	}
}

static inline void
irqentry_priv_testing_put_event(struct irqentry_priv_testing_buf *b,
				unsigned int i,
				const struct irqentry_testing_event *e)
{
	size_t start = b->len;
	unsigned int d;

	irqentry_priv_testing_putdec(b, (long)i);
	irqentry_priv_testing_pad(b, start, 4);
	for (d = e->depth; d; d--)
		irqentry_priv_testing_puts(b, "  ");
	irqentry_priv_testing_puts(b, irqentry_testing_ev_name(e->ev));
	if (e->ev == IRQENTRY_TESTING_MARK) {
		irqentry_priv_testing_putc(b, ' ');
		irqentry_priv_testing_puts(b, e->label);
	}
	irqentry_priv_testing_pad(b, start, 34);
	irqentry_priv_testing_put_mask(b, e->mask);
	irqentry_priv_testing_put_arg(b, e);
	irqentry_priv_testing_putc(b, '\n');
}

/**
 * irqentry_testing_format - the whole trace as text, one event per line
 * @buf: where to write (always NUL-terminated when @size > 0)
 * @size: its size; about 100 bytes per event suffice
 *
 * Each line: index, event name (indented by interrupt depth, a mark with
 * its label), mask bits, and the argument spelled out: work bits and
 * rules by name, a mask write's value after and before the write; the
 * kit's own failure (irqentry_testing_failure()), if any, comes first, on
 * a line of its own. Meant for a failing test's message. When @buf is too small the output ends
 * with "...".
 *
 * Context: any. Return: the length written (truncated to fit @size).
 */
static inline size_t irqentry_testing_format(char *buf, size_t size)
{
	struct irqentry_priv_testing_buf b;
	unsigned int i;

	b.s = buf;
	b.size = size;
	b.len = 0;
	if (b.size)
		b.s[0] = '\0';
	/* First, so a truncated trace still shows it. */
	if (irqentry_priv_testing.failed) {
		irqentry_priv_testing_puts(&b, irqentry_priv_testing.failure);
		irqentry_priv_testing_putc(&b, '\n');
	}
	for (i = 0; i < irqentry_priv_testing.n; i++) {
		const struct irqentry_testing_event *e =
			&irqentry_priv_testing.events[i];
		size_t line = b.len;

		irqentry_priv_testing_put_event(&b, i, e);
		if (b.len + 1 >= b.size) {
			/* Full: drop the partial line, say so, stop. */
			b.len = line;
			if (b.size)
				b.s[line] = '\0';
			irqentry_priv_testing_puts(&b, "...\n");
			return b.len;
		}
	}
	if (irqentry_priv_testing.dropped) {
		irqentry_priv_testing_puts(&b, "... ");
		irqentry_priv_testing_putdec(
			&b, (long)irqentry_priv_testing.dropped);
		irqentry_priv_testing_puts(&b, " more (trace full)\n");
	}
	return b.len;
}

/* How a list of steps is held against the trace. */
enum irqentry_priv_testing_how {
	IRQENTRY_PRIV_TESTING_ALL,
	IRQENTRY_PRIV_TESTING_PREFIX,
	IRQENTRY_PRIV_TESTING_IN_ORDER
};

static inline bool
irqentry_priv_testing_step_ok(const struct irqentry_testing_step *step,
			      const struct irqentry_testing_event *e)
{
	return e->ev == step->ev && (step->mask == IRQENTRY_TESTING_MASK_ANY ||
				     e->mask == step->mask);
}

/* "schedule at IF=1", "mark handler at DAIF=I|F" */
static inline void
irqentry_priv_testing_put_step(struct irqentry_priv_testing_buf *b,
			       enum irqentry_testing_ev ev, const char *label,
			       unsigned long mask)
{
	irqentry_priv_testing_puts(b, irqentry_testing_ev_name(ev));
	if (ev == IRQENTRY_TESTING_MARK && label) {
		irqentry_priv_testing_puts(b, " \"");
		irqentry_priv_testing_puts(b, label);
		irqentry_priv_testing_putc(b, '"');
	}
	irqentry_priv_testing_puts(b, " at ");
	irqentry_priv_testing_put_mask(b, mask);
}

static inline void
irqentry_priv_testing_put_got(struct irqentry_priv_testing_buf *b,
			      unsigned int i,
			      const struct irqentry_testing_step *step)
{
	const struct irqentry_testing_event *e =
		&irqentry_priv_testing.events[i];

	irqentry_priv_testing_puts(b, "step ");
	irqentry_priv_testing_putdec(b, (long)i);
	irqentry_priv_testing_puts(b, ": expected ");
	irqentry_priv_testing_put_step(b, step->ev, NULL, step->mask);
	irqentry_priv_testing_puts(b, ", got ");
	irqentry_priv_testing_put_step(b, e->ev, e->label, e->mask);
}

static inline bool
irqentry_priv_testing_match(enum irqentry_priv_testing_how how,
			    const struct irqentry_testing_step *steps,
			    unsigned int n, char *why, size_t size)
{
	struct irqentry_priv_testing_buf b;
	unsigned int i, at = 0, have = irqentry_priv_testing.n;

	b.s = why;
	b.size = why ? size : 0;
	b.len = 0;
	if (b.size)
		b.s[0] = '\0';
	/* A hung loop the kit stopped: that is the failure to show. */
	if (irqentry_priv_testing.failed) {
		irqentry_priv_testing_puts(&b, irqentry_priv_testing.failure);
		return false;
	}
	if (how == IRQENTRY_PRIV_TESTING_IN_ORDER) {
		/* Greedy: the earliest match of each step is never worse. */
		for (i = 0; i < n; i++) {
			unsigned int j;
			int near = -1;

			for (j = at; j < have; j++) {
				const struct irqentry_testing_event *e =
					&irqentry_priv_testing.events[j];

				if (irqentry_priv_testing_step_ok(&steps[i], e))
					break;
				if (near < 0 && e->ev == steps[i].ev)
					near = (int)j;
			}
			if (j < have) {
				at = j + 1;
				continue;
			}
			irqentry_priv_testing_puts(&b, "in order: step ");
			irqentry_priv_testing_putdec(&b, (long)i);
			irqentry_priv_testing_puts(&b, " (");
			irqentry_priv_testing_put_step(&b, steps[i].ev, NULL,
						       steps[i].mask);
			irqentry_priv_testing_puts(&b, ") not in the trace");
			if (i) {
				irqentry_priv_testing_puts(&b, " after event ");
				irqentry_priv_testing_putdec(&b, (long)at - 1);
				irqentry_priv_testing_puts(&b, " (step ");
				irqentry_priv_testing_putdec(&b, (long)i - 1);
				irqentry_priv_testing_putc(&b, ')');
			}
			if (near >= 0) {
				irqentry_priv_testing_puts(&b, "; event ");
				irqentry_priv_testing_putdec(&b, (long)near);
				irqentry_priv_testing_puts(&b, " is ");
				irqentry_priv_testing_put_step(
					&b, steps[i].ev, NULL,
					irqentry_priv_testing.events[near]
						.mask);
			}
			if (irqentry_priv_testing.dropped)
				irqentry_priv_testing_puts(
					&b, " (the trace overflowed)");
			return false;
		}
		return true;
	}
	for (i = 0; i < n && i < have; i++) {
		if (irqentry_priv_testing_step_ok(
			    &steps[i], &irqentry_priv_testing.events[i]))
			continue;
		irqentry_priv_testing_put_got(&b, i, &steps[i]);
		return false;
	}
	if (how == IRQENTRY_PRIV_TESTING_PREFIX && n <= have)
		return true;
	if (have == n && !irqentry_priv_testing.dropped)
		return true;
	irqentry_priv_testing_puts(&b, "expected ");
	irqentry_priv_testing_putdec(&b, (long)n);
	irqentry_priv_testing_puts(&b, how == IRQENTRY_PRIV_TESTING_PREFIX
					       ? " events or more, got "
					       : " events, got ");
	irqentry_priv_testing_putdec(
		&b, (long)(have + irqentry_priv_testing.dropped));
	if (have > n) {
		irqentry_priv_testing_puts(&b, "; first extra: ");
		irqentry_priv_testing_put_step(
			&b, irqentry_priv_testing.events[n].ev,
			irqentry_priv_testing.events[n].label,
			irqentry_priv_testing.events[n].mask);
	} else if (n > have) {
		irqentry_priv_testing_puts(&b, "; first missing: ");
		irqentry_priv_testing_put_step(&b, steps[have].ev, NULL,
					       steps[have].mask);
	}
	return false;
}

/* The length of a list ended by IRQENTRY_TESTING_END. */
static inline unsigned int
irqentry_priv_testing_steps(const struct irqentry_testing_step *steps)
{
	unsigned int n = 0;

	while (steps[n].ev != IRQENTRY_TESTING_NONE)
		n++;
	return n;
}

/**
 * irqentry_testing_match - is the trace exactly these @n steps?
 * @steps: the expected events with their mask bits, in order
 * @n: how many
 * @why: on a mismatch, a description of the first difference (may be
 *	NULL)
 * @size: the size of @why; IRQENTRY_TESTING_WHY_SIZE suffices
 *
 * Compares every recorded event (MASK_WRITE events too, if recording them
 * was turned on) with @steps: same count, same events, same mask bits (a
 * step's IRQENTRY_TESTING_MASK_ANY matches any). Labels and arguments are
 * not compared; use irqentry_testing_event_at() for those.
 * irqentry_testing_match_all() does the same and counts the steps itself.
 *
 * Context: any. Return: true if they are the same (never after the kit
 * stopped a hung loop: see irqentry_testing_failure()).
 */
static inline bool
irqentry_testing_match(const struct irqentry_testing_step *steps,
		       unsigned int n, char *why, size_t size)
{
	return irqentry_priv_testing_match(IRQENTRY_PRIV_TESTING_ALL, steps, n,
					   why, size);
}

/**
 * irqentry_testing_match_all - is the trace exactly these steps?
 * @steps: the expected events, ended by IRQENTRY_TESTING_END
 * @why: on a mismatch, a description of the first difference (may be
 *	NULL)
 * @size: the size of @why; IRQENTRY_TESTING_WHY_SIZE suffices
 *
 * irqentry_testing_match() with the count taken from the list.
 *
 * Context: any. Return: true if every event matches, in number too.
 */
static inline bool
irqentry_testing_match_all(const struct irqentry_testing_step *steps, char *why,
			   size_t size)
{
	return irqentry_priv_testing_match(IRQENTRY_PRIV_TESTING_ALL, steps,
					   irqentry_priv_testing_steps(steps),
					   why, size);
}

/**
 * irqentry_testing_match_prefix - does the trace start with these steps?
 * @steps: the first expected events, ended by IRQENTRY_TESTING_END
 * @why: on a mismatch, a description of the first difference (may be
 *	NULL)
 * @size: the size of @why; IRQENTRY_TESTING_WHY_SIZE suffices
 *
 * As irqentry_testing_match_all(), but events after the last step are
 * allowed: "the entry did this first", whatever the exit then does.
 *
 * Context: any. Return: true if the trace's first events are @steps.
 */
static inline bool
irqentry_testing_match_prefix(const struct irqentry_testing_step *steps,
			      char *why, size_t size)
{
	return irqentry_priv_testing_match(IRQENTRY_PRIV_TESTING_PREFIX, steps,
					   irqentry_priv_testing_steps(steps),
					   why, size);
}

/**
 * irqentry_testing_match_in_order - do these steps happen, in this order?
 * @steps: the expected events, ended by IRQENTRY_TESTING_END
 * @why: on a mismatch, the first step not found after the previous one's
 *	match, and where an event of that kind with other mask bits was
 *	(may be NULL)
 * @size: the size of @why; IRQENTRY_TESTING_WHY_SIZE suffices
 *
 * A subsequence match: other events may come before, between and after
 * the steps, so a test states only what it is about ("the signal is
 * handled with interrupts on, after the injected interrupt, before the
 * exit to user").
 *
 * Context: any. Return: true if every step matches an event later than the
 * previous step's.
 */
static inline bool
irqentry_testing_match_in_order(const struct irqentry_testing_step *steps,
				char *why, size_t size)
{
	return irqentry_priv_testing_match(
		IRQENTRY_PRIV_TESTING_IN_ORDER, steps,
		irqentry_priv_testing_steps(steps), why, size);
}

/* ---- The recorders: every action hook, wrapped ---------------------------
 *
 * Each wrapper records the call and then calls the hook by its
 * irqentry_os_ name as it stands here, that is the OS's function (through
 * its announcing macro) or <irqentry/hooks.h>'s default; then the name is
 * redefined to the wrapper, so the generic core and the arch wrappers,
 * compiled after this point, call the wrapper.
 */
#define IRQENTRY_PRIV_TESTING_WRAP_REGS(hook, ev)                              \
	static inline void irqentry_priv_testing_os_##hook(                    \
		irqentry_regs_t *regs)                                         \
	{                                                                      \
		irqentry_priv_testing_record(ev, 0, NULL);                     \
		irqentry_os_##hook(regs);                                      \
	}

IRQENTRY_PRIV_TESTING_WRAP_REGS(enter_from_user,
				IRQENTRY_TESTING_ENTER_FROM_USER)
IRQENTRY_PRIV_TESTING_WRAP_REGS(exit_to_user, IRQENTRY_TESTING_EXIT_TO_USER)
IRQENTRY_PRIV_TESTING_WRAP_REGS(enter_from_kernel,
				IRQENTRY_TESTING_ENTER_FROM_KERNEL)
IRQENTRY_PRIV_TESTING_WRAP_REGS(exit_to_kernel, IRQENTRY_TESTING_EXIT_TO_KERNEL)
IRQENTRY_PRIV_TESTING_WRAP_REGS(enter_from_idle,
				IRQENTRY_TESTING_ENTER_FROM_IDLE)
IRQENTRY_PRIV_TESTING_WRAP_REGS(exit_to_idle, IRQENTRY_TESTING_EXIT_TO_IDLE)
IRQENTRY_PRIV_TESTING_WRAP_REGS(exit_to_user_prepare,
				IRQENTRY_TESTING_EXIT_TO_USER_PREPARE)
IRQENTRY_PRIV_TESTING_WRAP_REGS(nmi_enter, IRQENTRY_TESTING_NMI_ENTER)
IRQENTRY_PRIV_TESTING_WRAP_REGS(nmi_exit, IRQENTRY_TESTING_NMI_EXIT)
IRQENTRY_PRIV_TESTING_WRAP_REGS(syscall_audit_exit,
				IRQENTRY_TESTING_SYSCALL_AUDIT_EXIT)
IRQENTRY_PRIV_TESTING_WRAP_REGS(syscall_tracepoint_exit,
				IRQENTRY_TESTING_SYSCALL_TRACEPOINT_EXIT)
IRQENTRY_PRIV_TESTING_WRAP_REGS(syscall_enter_masked,
				IRQENTRY_TESTING_SYSCALL_ENTER_MASKED)
IRQENTRY_PRIV_TESTING_WRAP_REGS(syscall_exit_masked,
				IRQENTRY_TESTING_SYSCALL_EXIT_MASKED)
#undef IRQENTRY_PRIV_TESTING_WRAP_REGS

#undef irqentry_os_enter_from_user
#undef irqentry_os_exit_to_user
#undef irqentry_os_enter_from_kernel
#undef irqentry_os_exit_to_kernel
#undef irqentry_os_enter_from_idle
#undef irqentry_os_exit_to_idle
#undef irqentry_os_exit_to_user_prepare
#undef irqentry_os_nmi_enter
#undef irqentry_os_nmi_exit
#undef irqentry_os_syscall_audit_exit
#undef irqentry_os_syscall_tracepoint_exit
#undef irqentry_os_syscall_enter_masked
#undef irqentry_os_syscall_exit_masked
#define irqentry_os_enter_from_user   irqentry_priv_testing_os_enter_from_user
#define irqentry_os_exit_to_user      irqentry_priv_testing_os_exit_to_user
#define irqentry_os_enter_from_kernel irqentry_priv_testing_os_enter_from_kernel
#define irqentry_os_exit_to_kernel    irqentry_priv_testing_os_exit_to_kernel
#define irqentry_os_enter_from_idle   irqentry_priv_testing_os_enter_from_idle
#define irqentry_os_exit_to_idle      irqentry_priv_testing_os_exit_to_idle
#define irqentry_os_exit_to_user_prepare                                       \
	irqentry_priv_testing_os_exit_to_user_prepare
#define irqentry_os_nmi_enter irqentry_priv_testing_os_nmi_enter
#define irqentry_os_nmi_exit  irqentry_priv_testing_os_nmi_exit
#define irqentry_os_syscall_audit_exit                                         \
	irqentry_priv_testing_os_syscall_audit_exit
#define irqentry_os_syscall_tracepoint_exit                                    \
	irqentry_priv_testing_os_syscall_tracepoint_exit
#define irqentry_os_syscall_enter_masked                                       \
	irqentry_priv_testing_os_syscall_enter_masked
#define irqentry_os_syscall_exit_masked                                        \
	irqentry_priv_testing_os_syscall_exit_masked

static inline long irqentry_priv_testing_work_now(void)
{
	return (long)irqentry_work_read(irqentry_os_work());
}

/*
 * The hang stopper, after each work hook: are @seen, the bits the hook was
 * called for, still set? A hook that never clears its bit makes the
 * library call it again and again (forever with IRQENTRY_DEBUG 0); past
 * IRQENTRY_TESTING_LOOP_LIMIT such calls in a row the kit fails the test
 * by name and clears the bits, so the loop's next read ends it.
 */
static inline void irqentry_priv_testing_progress(enum irqentry_testing_ev ev,
						  unsigned long seen)
{
	struct irqentry_priv_testing_state *t = &irqentry_priv_testing;
	unsigned long *word = irqentry_os_work();
	unsigned long left = irqentry_work_read(word) & seen;
	unsigned long mask = irqentry_testing_mask();
	struct irqentry_priv_testing_buf b;

	if (!left) {
		t->stuck[ev] = 0;
		return;
	}
	if (++t->stuck[ev] < (unsigned long)(IRQENTRY_TESTING_LOOP_LIMIT))
		return;
	t->stuck[ev] = 0;
	if (!t->failed) {
		b.s = t->failure;
		b.size = sizeof(t->failure);
		b.len = 0;
		irqentry_priv_testing_puts(&b,
					   "irqentry testing: irqentry_os_");
		irqentry_priv_testing_puts(&b, irqentry_testing_ev_name(ev));
		irqentry_priv_testing_puts(&b, "() returned ");
		irqentry_priv_testing_putdec(
			&b, (long)(IRQENTRY_TESTING_LOOP_LIMIT));
		irqentry_priv_testing_puts(&b, " times in a row leaving ");
		irqentry_priv_testing_put_work(&b, left);
		irqentry_priv_testing_puts(
			&b,
			" set: a hook must clear the work bit it handles, or the loop never ends (stopped by the kit)");
		t->failed = true;
	}
	irqentry_priv_testing_add(IRQENTRY_TESTING_STOPPED, mask, mask,
				  (long)left, t->failure);
#ifdef IRQENTRY_TESTING_FAIL
	IRQENTRY_TESTING_FAIL(t->failure);
#endif
	irqentry_work_clear(word, left);
}

static inline void irqentry_priv_testing_os_schedule(void)
{
	long work = irqentry_priv_testing_work_now();

	irqentry_priv_testing_record(IRQENTRY_TESTING_SCHEDULE, work, NULL);
	irqentry_os_schedule();
	irqentry_priv_testing_progress(IRQENTRY_TESTING_SCHEDULE,
				       (unsigned long)work &
					       IRQENTRY_WORK_RESCHED_MASK);
}
#undef irqentry_os_schedule
#define irqentry_os_schedule irqentry_priv_testing_os_schedule

static inline void irqentry_priv_testing_os_preempt_schedule_irq(void)
{
	long work = irqentry_priv_testing_work_now();

	irqentry_priv_testing_record(IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ,
				     work, NULL);
	irqentry_os_preempt_schedule_irq();
	irqentry_priv_testing_progress(IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ,
				       (unsigned long)work &
					       IRQENTRY_WORK_NEED_RESCHED);
}
#undef irqentry_os_preempt_schedule_irq
#define irqentry_os_preempt_schedule_irq                                       \
	irqentry_priv_testing_os_preempt_schedule_irq

static inline void irqentry_priv_testing_os_handle_signal(irqentry_regs_t *regs)
{
	long work = irqentry_priv_testing_work_now();

	irqentry_priv_testing_record(IRQENTRY_TESTING_HANDLE_SIGNAL, work,
				     NULL);
	irqentry_os_handle_signal(regs);
	irqentry_priv_testing_progress(IRQENTRY_TESTING_HANDLE_SIGNAL,
				       (unsigned long)work &
					       IRQENTRY_WORK_SIGNAL_MASK);
}
#undef irqentry_os_handle_signal
#define irqentry_os_handle_signal irqentry_priv_testing_os_handle_signal

static inline void irqentry_priv_testing_os_notify_resume(irqentry_regs_t *regs)
{
	unsigned long work = (unsigned long)irqentry_priv_testing_work_now();

	irqentry_priv_testing_record(IRQENTRY_TESTING_NOTIFY_RESUME,
				     regs ? 1 : 0, NULL);
	irqentry_os_notify_resume(regs);
	irqentry_priv_testing_progress(IRQENTRY_TESTING_NOTIFY_RESUME,
				       work & IRQENTRY_WORK_NOTIFY_RESUME);
}
#undef irqentry_os_notify_resume
#define irqentry_os_notify_resume irqentry_priv_testing_os_notify_resume

static inline void irqentry_priv_testing_os_handle_work(irqentry_regs_t *regs,
							unsigned long work)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_HANDLE_WORK, (long)work,
				     NULL);
	irqentry_os_handle_work(regs, work);
	irqentry_priv_testing_progress(IRQENTRY_TESTING_HANDLE_WORK, work);
}
#undef irqentry_os_handle_work
#define irqentry_os_handle_work irqentry_priv_testing_os_handle_work

static inline bool
irqentry_priv_testing_os_syscall_user_dispatch(irqentry_regs_t *regs)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_SYSCALL_USER_DISPATCH, 0,
				     NULL);
	return irqentry_os_syscall_user_dispatch(regs);
}
#undef irqentry_os_syscall_user_dispatch
#define irqentry_os_syscall_user_dispatch                                      \
	irqentry_priv_testing_os_syscall_user_dispatch

static inline bool
irqentry_priv_testing_os_syscall_trace_enter(irqentry_regs_t *regs)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_SYSCALL_TRACE_ENTER, 0,
				     NULL);
	return irqentry_os_syscall_trace_enter(regs);
}
#undef irqentry_os_syscall_trace_enter
#define irqentry_os_syscall_trace_enter                                        \
	irqentry_priv_testing_os_syscall_trace_enter

static inline bool
irqentry_priv_testing_os_syscall_filter(irqentry_regs_t *regs)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_SYSCALL_FILTER, 0, NULL);
	return irqentry_os_syscall_filter(regs);
}
#undef irqentry_os_syscall_filter
#define irqentry_os_syscall_filter irqentry_priv_testing_os_syscall_filter

static inline void
irqentry_priv_testing_os_syscall_tracepoint_enter(irqentry_regs_t *regs,
						  long nr)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_SYSCALL_TRACEPOINT_ENTER,
				     nr, NULL);
	irqentry_os_syscall_tracepoint_enter(regs, nr);
}
#undef irqentry_os_syscall_tracepoint_enter
#define irqentry_os_syscall_tracepoint_enter                                   \
	irqentry_priv_testing_os_syscall_tracepoint_enter

static inline void
irqentry_priv_testing_os_syscall_audit_enter(irqentry_regs_t *regs, long nr)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_SYSCALL_AUDIT_ENTER, nr,
				     NULL);
	irqentry_os_syscall_audit_enter(regs, nr);
}
#undef irqentry_os_syscall_audit_enter
#define irqentry_os_syscall_audit_enter                                        \
	irqentry_priv_testing_os_syscall_audit_enter

static inline void
irqentry_priv_testing_os_syscall_trace_exit(irqentry_regs_t *regs, bool step)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_SYSCALL_TRACE_EXIT,
				     step ? 1 : 0, NULL);
	irqentry_os_syscall_trace_exit(regs, step);
}
#undef irqentry_os_syscall_trace_exit
#define irqentry_os_syscall_trace_exit                                         \
	irqentry_priv_testing_os_syscall_trace_exit

static inline int
irqentry_priv_testing_os_guest_signal_exit(irqentry_vcpu_t *vcpu)
{
	irqentry_priv_testing_record(IRQENTRY_TESTING_GUEST_SIGNAL_EXIT, 0,
				     NULL);
	return irqentry_os_guest_signal_exit(vcpu);
}
#undef irqentry_os_guest_signal_exit
#define irqentry_os_guest_signal_exit irqentry_priv_testing_os_guest_signal_exit

static inline int
irqentry_priv_testing_os_guest_handle_work(irqentry_vcpu_t *vcpu,
					   unsigned long work)
{
	int r;

	irqentry_priv_testing_record(IRQENTRY_TESTING_GUEST_HANDLE_WORK,
				     (long)work, NULL);
	r = irqentry_os_guest_handle_work(vcpu, work);
	/* A non-zero return leaves the loop: the bits may stay set. */
	irqentry_priv_testing_progress(IRQENTRY_TESTING_GUEST_HANDLE_WORK,
				       r ? 0UL : work);
	return r;
}
#undef irqentry_os_guest_handle_work
#define irqentry_os_guest_handle_work irqentry_priv_testing_os_guest_handle_work

/* Reports: recorded; the OS's own report hook runs, the trapping default
 * does not (the test wants to look at the report, not die of it). */
static inline void irqentry_priv_testing_os_report(enum irqentry_rule rule,
						   const char *message,
						   irqentry_regs_t *regs)
{
	irqentry_priv_testing.reports++;
	irqentry_priv_testing.last_rule = rule;
	irqentry_priv_testing.last_message = message;
	irqentry_priv_testing_record(IRQENTRY_TESTING_REPORT, (long)rule,
				     message);
#ifdef irqentry_os_report
	irqentry_os_report(rule, message, regs);
#else
	(void)regs;
#endif
}
#undef irqentry_os_report
#define irqentry_os_report irqentry_priv_testing_os_report

#endif /* IRQENTRY_TESTING_H */
