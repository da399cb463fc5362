/* SPDX-License-Identifier: MIT */
/*
 * Interrupt injection at every unmask point. Random sequences of entries
 * (syscalls, interrupts and exceptions from user and kernel mode, NMIs)
 * run through the backend's wrappers on the hosted CPU. Whenever a write
 * to the mask register opens interrupts, an interrupt is made pending (at
 * random, most of the time) and is delivered right there, through the
 * backend's interrupt wrapper, nested up to three deep; handlers raise work
 * bits at random and take NMIs. The test's own checks, independent of the
 * library's debug mode:
 *   - lost work: a return to user mode with a user-work bit still set, or
 *     a return to preemptible kernel code with NEED_RESCHED still set;
 *   - forbidden schedules: a schedule or preemption inside an NMI, with the
 *     arm64 D/A/F bits masked, with IRQs enabled for a preemption, from a
 *     context whose preempt count is not 0, or whose interrupted state had
 *     IRQs disabled or was idle;
 *   - debug reports (IRQENTRY_DEBUG=1 builds): none.
 *
 * Usage: inject [sequences [seed]]; the seed is printed so a failure can
 * be replayed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <irqentry/irqentry.h>

struct test_os test_os;

#if IRQENTRY_ARCH_ARM64
#define MASKBITS 0x3c0UL
#define HW_TRAP  0x3c0UL
#elif IRQENTRY_ARCH_RISCV
#define MASKBITS IRQENTRY_RISCV_SSTATUS_SIE
#define HW_TRAP  0UL
#else
#define MASKBITS IRQENTRY_X86_RFLAGS_IF
#define HW_TRAP  0UL
#endif

/* Sequence kind 2 from kernel mode is NMI class on x86 (raw entry). */
#if IRQENTRY_ARCH_X86
#define RAW_IS_NMI 1
#else
#define RAW_IS_NMI 0
#endif

#define USER_WORK                                                              \
	(IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_NEED_RESCHED_LAZY |        \
	 IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_SIGNAL |              \
	 IRQENTRY_WORK_NOTIFY_RESUME | TEST_OS_WORK_A)
#define MAX_NEST 3

/* The mask state a preemption must run in (arm64: I|F, D and A open). */
#if IRQENTRY_ARCH_ARM64
#define PREEMPT_STATUS 0xc0UL
#else
#define PREEMPT_STATUS 0UL
#endif

unsigned long test_status_now(void)
{
	return irqentry_hosted_cpu()->status & MASKBITS;
}

static unsigned long long rng;

static unsigned long long next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static bool chance(unsigned int percent)
{
	return next() % 100 < percent;
}

/* The contexts the CPU is in, innermost last: what a schedule may see. */
struct ctx {
	struct test_regs *regs;
	bool nmi, idle;
};

static struct ctx stack[16];
static unsigned int depth;

static unsigned long lost, forbidden, interrupts, nmis, schedules, reports;
static const char *first_failure;
static int first_report = -1; /* the rule of the first debug report */

static void fail(unsigned long *counter, const char *what)
{
	(*counter)++;
	if (!first_failure)
		first_failure = what;
}

static void push(struct test_regs *regs, bool nmi, bool idle)
{
	stack[depth].regs = regs;
	stack[depth].nmi = nmi;
	stack[depth].idle = idle;
	depth++;
}

static bool frame_user(const struct test_regs *r)
{
#if IRQENTRY_ARCH_ARM64
	return (r->status & 0xfUL) == 0;
#elif IRQENTRY_ARCH_RISCV
	return !(r->status & IRQENTRY_RISCV_SSTATUS_SPP);
#else
	return (r->cs & 3) == 3;
#endif
}

static bool frame_irqs_on(const struct test_regs *r)
{
#if IRQENTRY_ARCH_ARM64
	return !(r->status & 0x80UL);
#elif IRQENTRY_ARCH_RISCV
	return (r->status & IRQENTRY_RISCV_SSTATUS_SPIE) != 0;
#else
	return (r->status & IRQENTRY_X86_RFLAGS_IF) != 0;
#endif
}

/* A frame for code interrupted in @status (kernel unless @user). */
static struct test_regs make_frame(bool user, unsigned long status)
{
	struct test_regs r;

	memset(&r, 0, sizeof(r));
	r.pc = 0x1000;
	r.nr = 3;
#if IRQENTRY_ARCH_ARM64
	r.status = (user ? 0UL : 5UL) | (status & MASKBITS);
#elif IRQENTRY_ARCH_RISCV
	r.status = (user ? 0UL : IRQENTRY_RISCV_SSTATUS_SPP) |
		   ((status & IRQENTRY_RISCV_SSTATUS_SIE)
			    ? IRQENTRY_RISCV_SSTATUS_SPIE
			    : 0UL);
#else
	r.cs = user ? 0x33 : 0x10;
	r.status = 0x2UL | (status & IRQENTRY_X86_RFLAGS_IF);
#endif
	r.cx = r.pc;
	r.r11 = r.status;
	return r;
}

/* Is a context switch legal now? (The test's own reading of the
 * invariants in docs/design.md.) */
static void check_schedule(bool preempt)
{
	unsigned int i;

	schedules++;
	for (i = 0; i < depth; i++)
		if (stack[i].nmi)
			fail(&forbidden, "schedule inside an NMI");
#if IRQENTRY_ARCH_ARM64
	{
		unsigned long daif = irqentry_hosted_cpu()->status;

		if ((daif & 0x300UL) || ((daif & 0x40UL) && !(daif & 0x80UL)))
			fail(&forbidden, "schedule with D, A or F masked");
	}
#endif
	if (!preempt)
		return;
	if (test_status_now() != PREEMPT_STATUS)
		fail(&forbidden, "preemption with IRQs enabled");
	if (test_os.preempt_count != 0)
		fail(&forbidden, "preemption with a preempt count");
	if (depth == 0 || frame_user(stack[depth - 1].regs) ||
	    !frame_irqs_on(stack[depth - 1].regs) || stack[depth - 1].idle)
		fail(&forbidden,
		     "preemption of a context that had IRQs off, or was idle");
}

static void maybe_interrupt(void);

static void on_schedule(void)
{
	check_schedule(false);
	maybe_interrupt();
}

static void on_preempt(void)
{
	check_schedule(true);
}

/* The CPU is not idle once an entry from idle has been made. */
static void on_enter_idle(void)
{
	test_os.in_idle = false;
}

/* After a return through @r: is any work left that had to be done? */
static void check_return(const struct test_regs *r, bool idle)
{
	unsigned long work = test_os.work;

	if (frame_user(r)) {
		if (work & USER_WORK)
			fail(&lost, "return to user mode with work pending");
	} else if (frame_irqs_on(r) && !idle && test_os.preempt_count == 0 &&
		   (work & IRQENTRY_WORK_NEED_RESCHED)) {
		fail(&lost,
		     "return to preemptible kernel code owing a preemption");
	}
}

static void raise_work(void)
{
	static const unsigned long bits[] = {
		IRQENTRY_WORK_NEED_RESCHED,  IRQENTRY_WORK_NEED_RESCHED_LAZY,
		IRQENTRY_WORK_SIGPENDING,    IRQENTRY_WORK_NOTIFY_SIGNAL,
		IRQENTRY_WORK_NOTIFY_RESUME, TEST_OS_WORK_A,
	};

	if (chance(60))
		irqentry_work_set(&test_os.work, bits[next() % 6]);
	if (chance(20))
		irqentry_work_set(&test_os.work, bits[next() % 6]);
}

static void nmi_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	/* NMI handlers raise no work: nothing would run it before the
	 * interrupted return (real kernels send themselves an IPI). */
}

/* An NMI-class exception now, through the backend's NMI vector. */
static void take_nmi(void)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	unsigned long interrupted = cpu->status;
	struct test_regs r = make_frame(false, interrupted);

	nmis++;
	cpu->status = irqentry_arch_hosted_trap(interrupted);
	push(&r, true, false);
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el1_nmi(&r, nmi_handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_kernel_trap(&r, nmi_handler, NULL);
#else
	irqentry_x86_nmi(&r, nmi_handler, NULL);
#endif
	depth--;
	cpu->status = interrupted;
}

static void handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	raise_work();
	if (chance(5))
		take_nmi();
	maybe_interrupt();
}

static void syscall_fn(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)nr;
	handler(regs, arg);
}

/* The interrupt the hosted CPU delivers at an unmask. */
static void interrupt(void *arg, unsigned long interrupted)
{
	struct test_regs r = make_frame(false, interrupted);

	(void)arg;
	interrupts++;
	push(&r, false, false);
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el1_irq(&r, handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_irq(&r, handler, NULL);
#else
	irqentry_x86_idtentry_irq(&r, handler, NULL);
#endif
	depth--;
	check_return(&r, false);
}

/*
 * Interrupt points: every write that opens interrupts (delivered right
 * after it), the last instant before a write that masks them (delivered
 * with the old state still live), and any hook that runs while they are
 * open.
 */
static void maybe_interrupt(void)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();

	if (irqentry_arch_hosted_irqs_open(cpu->status) &&
	    cpu->depth < MAX_NEST && chance(75))
		irqentry_hosted_raise(interrupt, NULL);
}

static void on_write(void *arg, unsigned long old_status,
		     unsigned long new_status)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();

	(void)arg;
	if (irqentry_arch_hosted_irqs_open(old_status) &&
	    !irqentry_arch_hosted_irqs_open(new_status)) {
		cpu->status = old_status;
		maybe_interrupt();
		cpu->status = new_status;
	} else if (irqentry_arch_hosted_irqs_open(new_status) &&
		   cpu->depth < MAX_NEST && chance(75)) {
		cpu->pending = interrupt; /* delivered after this write */
		cpu->pending_arg = NULL;
	}
}

static void on_hook(void)
{
	maybe_interrupt();
}

/* One top-level entry, chosen at random, from user or kernel mode. */
static void one_sequence(void)
{
	struct test_regs r;
	bool user = chance(60), idle = false, nmi;
	unsigned int kind = (unsigned int)(next() % 4);
	unsigned long interrupted;

	memset(&test_os, 0, sizeof(test_os));
	test_os.rewrite_nr = -1;
	test_os.tp_rewrite_nr = -1;
	test_os.on_event[EV_SCHEDULE] = on_schedule;
	test_os.on_event[EV_PREEMPT] = on_preempt;
	test_os.on_event[EV_ENTER_IDLE] = on_enter_idle;
	test_os.on_event[EV_SIGNAL] = on_hook;
	test_os.on_event[EV_NOTIFY] = on_hook;
	test_os.on_event[EV_OS_WORK] = on_hook;
	memset(irqentry_os_cpu(), 0, sizeof(struct irqentry_cpu));
	irqentry_os_thread()->in_user = 1;
	irqentry_hosted_reset(HW_TRAP);
	irqentry_hosted_cpu()->on_write = on_write;
	if (chance(50))
		raise_work();
	if (chance(30))
		test_os.syscall_work = next() & 0x7f;
#if IRQENTRY_ARCH_ARM64
	interrupted = user ? 0 : (unsigned long)(next() % 16) << 6;
#elif IRQENTRY_ARCH_RISCV
	interrupted = (user || chance(70)) ? IRQENTRY_RISCV_SSTATUS_SIE : 0;
#else
	interrupted = (user || chance(70)) ? IRQENTRY_X86_RFLAGS_IF : 0;
#endif
	if (!user) {
		test_os.preempt_count = chance(30);
		idle = chance(15);
		test_os.in_idle = idle;
	}
	r = make_frame(user, interrupted);
	/* x86's raw entry from kernel mode is NMI class. */
	nmi = RAW_IS_NMI && kind == 2 && !user;
	push(&r, nmi, idle);
	switch (kind) {
#if IRQENTRY_ARCH_ARM64
	case 0:
		if (user)
			irqentry_arm64_el0_svc(&r, syscall_fn, NULL);
		else
			irqentry_arm64_el1_sync(&r, handler, NULL);
		break;
	case 1:
		if (user)
			irqentry_arm64_el0_irq(&r, handler, NULL);
		else
			irqentry_arm64_el1_irq(&r, handler, NULL);
		break;
	case 2:
		if (user)
			irqentry_arm64_el0_sync(&r, handler, NULL);
		else
			irqentry_arm64_el1_sync(&r, handler, NULL);
		break;
	default:
		if (user)
			irqentry_arm64_el0_dbg(&r, handler, NULL);
		else
			irqentry_arm64_el1_irq(&r, handler, NULL);
		break;
#elif IRQENTRY_ARCH_RISCV
	case 0:
		if (user)
			irqentry_riscv_ecall_u(&r, syscall_fn, NULL);
		else
			irqentry_riscv_exception(&r, handler, NULL);
		break;
	case 1:
		irqentry_riscv_irq(&r, handler, NULL);
		break;
	default:
		irqentry_riscv_exception(&r, handler, NULL);
		break;
#else
	case 0:
		if (user)
			(void)irqentry_x86_syscall_64(&r, syscall_fn, NULL);
		else
			irqentry_x86_idtentry(&r, handler, NULL);
		break;
	case 1:
		irqentry_x86_idtentry_irq(&r, handler, NULL);
		break;
	case 2:
		irqentry_x86_idtentry_raw(&r, user ? handler : nmi_handler,
					  NULL);
		break;
	default:
		irqentry_x86_idtentry(&r, handler, NULL);
		break;
#endif
	}
	depth--;
	/* An NMI-class return runs no work and never preempts. */
	if (!nmi)
		check_return(&r, idle);
	if (irqentry_os_cpu()->nmi_depth != 0 || irqentry_hosted_cpu()->depth)
		fail(&lost, "NMI or interrupt depth not back to 0");
	/* No sequence expects a report: each one is a step the library
	 * refused (a schedule it would not make is otherwise invisible). */
	if (test_os.count[EV_REPORT]) {
		if (first_report < 0)
			first_report = test_os.reports[0];
		reports += test_os.count[EV_REPORT] - 1;
		fail(&reports, "a debug report");
	}
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 100000;
	unsigned long long seed =
		argc > 2 ? strtoull(argv[2], NULL, 0) : 0x1e9e3779b97f4a7cULL;
	unsigned long i;

	rng = seed ? seed : 1;
	for (i = 0; i < n; i++)
		one_sequence();
	printf("inject: %s backend, IRQENTRY_DEBUG=%d, seed %#llx: %lu sequences, "
	       "%lu interrupts injected, %lu NMIs, %lu schedules; "
	       "%lu lost work, %lu forbidden schedules, %lu reports\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG, seed, n, interrupts, nmis,
	       schedules, lost, forbidden, reports);
	if (first_failure)
		printf("inject: FAILED, first failure: %s\n", first_failure);
	if (first_report >= 0)
		printf("inject: the first report was rule %d\n", first_report);
	return first_failure ? EXIT_FAILURE : EXIT_SUCCESS;
}
