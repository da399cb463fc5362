/* SPDX-License-Identifier: MIT */
/*
 * The test suites' OS: a trap frame and every hook, each recording itself
 * (with the hosted mask register at the call) in a trace the tests compare
 * against the exact expected sequence. Hook behaviour is steered through
 * the test_os structure (tests/harness.h resets it per test).
 */
#ifndef IRQENTRY_TEST_OS_H
#define IRQENTRY_TEST_OS_H

struct test_regs {
	unsigned long status;  /* saved PSTATE / SSTATUS / RFLAGS */
	unsigned long cs;      /* x86: saved CS */
	unsigned long ss;      /* x86: saved SS */
	unsigned long pc;      /* ELR / SEPC / RIP */
	long nr;               /* syscall number register */
	long ret;              /* return value register */
	unsigned long cx, r11; /* x86 SYSRET: RCX and R11 as saved */
};

typedef struct test_regs irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

/*
 * The generic suites, the model and the injection run test the combined
 * irqentry_enter()/irqentry_exit() on every backend; on arm64 the harness
 * owns the masking (it calls them at DAIF == I|F, S_TRAP), so it opts in.
 */
#define IRQENTRY_ARM64_ALLOW_COMBINED 1

enum test_ev {
	EV_NONE,
	EV_ENTER_USER,
	EV_EXIT_USER,
	EV_ENTER_KERNEL,
	EV_EXIT_KERNEL,
	EV_ENTER_IDLE,
	EV_EXIT_IDLE,
	EV_PREEMPT,
	EV_SCHEDULE,
	EV_SIGNAL,
	EV_NOTIFY,
	EV_OS_WORK,
	EV_PREPARE,
	EV_NMI_ENTER,
	EV_NMI_EXIT,
	EV_SC_DISPATCH,
	EV_SC_TRACE_ENTER,
	EV_SC_FILTER,
	EV_SC_GET_NR,
	EV_SC_TP_ENTER,
	EV_SC_AUDIT_ENTER,
	EV_SC_AUDIT_EXIT,
	EV_SC_TP_EXIT,
	EV_SC_TRACE_EXIT,
	EV_GUEST_SIGNAL,
	EV_GUEST_WORK,
	EV_REPORT,
	EV_HANDLER,
	EV_SYSCALL,
	EV_IRQ_BEGIN,
	EV_IRQ_END,
	EV_WORK_CHECK,      /* traced only with test_os.trace_work_check */
	EV_SC_ENTER_MASKED, /* recorded only with test_os.record_masked */
	EV_SC_EXIT_MASKED,
	EV_COUNT
};

struct test_event {
	enum test_ev ev;
	unsigned long status; /* hosted mask register at the call */
	long arg;             /* hook-specific (rule, nr, work bits, ...) */
};

#define TEST_OS_WORK_A     (1UL << 8) /* an OS-defined work bit */
#define TEST_OS_GUEST_WORK (1UL << 9)

#define TEST_TRACE_MAX 512

/* Trap-frame fields, for test_os.frame_reads/_writes. */
#define TEST_F_STATUS 0x01U
#define TEST_F_CS     0x02U
#define TEST_F_SS     0x04U
#define TEST_F_PC     0x08U
#define TEST_F_CX     0x10U
#define TEST_F_R11    0x20U
#define TEST_F_NR     0x40U
#define TEST_F_RET    0x80U

/* A hook's extra behaviour, run after it records itself. */
typedef void (*test_action_fn)(void);

struct test_os {
	unsigned long work;
	unsigned long syscall_work;
	int preempt_count;
	bool in_idle;
	bool veto;
	bool off_stack;         /* irqentry_os_on_thread_stack() says false */
	unsigned int os_value;  /* what irqentry_os_state_* save/restore */
	unsigned int state_seq; /* irqentry_os_state_enter() calls */
	unsigned int state_log[16]; /* irqentry_os_state_exit(): os.seq */
	unsigned int nstate_log;
	bool state_not_zeroed; /* an enter found its os field non-zero */
	bool trace_work_check; /* trace irqentry_os_before_work_check() */
	unsigned long raise_in_check; /* bits it sets, once */
	/* Hook behaviour. */
	bool keep_bits;      /* hooks do not clear their bits */
	int reraise_resched; /* schedule/preempt re-set NEED_RESCHED n times */
	unsigned long raise_in_signal; /* bits set by the signal hook, once */
	test_action_fn on_event[EV_COUNT]; /* run at the end of that hook */
	bool trace_skip, filter_skip, dispatch_skip;
	long rewrite_nr;    /* >= 0: tracer rewrites the number */
	long tp_rewrite_nr; /* >= 0: the tracepoint rewrites it */
	bool record_masked; /* trace the syscall _masked hooks */
	int guest_work_ret;
	/* Results. */
	unsigned int count[EV_COUNT]; /* calls per event, beyond the trace */
	struct test_event trace[TEST_TRACE_MAX];
	unsigned int n;
	int reports[32];
	unsigned int nreports;
	/* Trap-frame fields the library read and wrote (TEST_F_* bits),
	 * through the frame hooks below. */
	unsigned int frame_reads, frame_writes;
};

extern struct test_os test_os;

unsigned long test_status_now(void);

static inline void test_record(enum test_ev ev, long arg)
{
	test_os.count[ev]++;
	if (test_os.n < TEST_TRACE_MAX) {
		test_os.trace[test_os.n].ev = ev;
		test_os.trace[test_os.n].status = test_status_now();
		test_os.trace[test_os.n].arg = arg;
		test_os.n++;
	}
}

/* Run the test's action for @ev, if any (at the end of the hook). */
static inline void test_act(enum test_ev ev)
{
	if (test_os.on_event[ev])
		test_os.on_event[ev]();
}

static inline unsigned long *irqentry_os_work(void)
{
	return &test_os.work;
}
#define irqentry_os_work irqentry_os_work

static inline unsigned long *irqentry_os_syscall_work(void)
{
	return &test_os.syscall_work;
}
#define irqentry_os_syscall_work irqentry_os_syscall_work

static inline int irqentry_os_preempt_count(void)
{
	return test_os.preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void test_clear(unsigned long bits)
{
	if (!test_os.keep_bits)
		__atomic_fetch_and(&test_os.work, ~bits, __ATOMIC_RELAXED);
}

static inline void test_resched_done(void)
{
	test_clear(IRQENTRY_WORK_NEED_RESCHED |
		   IRQENTRY_WORK_NEED_RESCHED_LAZY);
	if (test_os.reraise_resched > 0) {
		test_os.reraise_resched--;
		__atomic_fetch_or(&test_os.work, IRQENTRY_WORK_NEED_RESCHED,
				  __ATOMIC_RELAXED);
	}
}

static inline void irqentry_os_schedule(void)
{
	test_record(EV_SCHEDULE, (long)test_os.work);
	test_resched_done();
	test_act(EV_SCHEDULE);
}
#define irqentry_os_schedule irqentry_os_schedule

static inline void irqentry_os_preempt_schedule_irq(void)
{
	test_record(EV_PREEMPT, (long)test_os.work);
	test_resched_done();
	test_act(EV_PREEMPT);
}
#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq

static inline void irqentry_os_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	test_record(EV_SIGNAL, (long)test_os.work);
	test_clear(IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_SIGNAL);
	if (test_os.raise_in_signal) {
		__atomic_fetch_or(&test_os.work, test_os.raise_in_signal,
				  __ATOMIC_RELAXED);
		test_os.raise_in_signal = 0;
	}
	test_act(EV_SIGNAL);
}
#define irqentry_os_handle_signal irqentry_os_handle_signal

static inline void irqentry_os_notify_resume(irqentry_regs_t *regs)
{
	test_record(EV_NOTIFY, regs ? 1 : 0);
	test_clear(IRQENTRY_WORK_NOTIFY_RESUME);
	test_act(EV_NOTIFY);
}
#define irqentry_os_notify_resume irqentry_os_notify_resume

#define IRQENTRY_OS_WORK_MASK TEST_OS_WORK_A
static inline void irqentry_os_handle_work(irqentry_regs_t *regs,
					   unsigned long work)
{
	(void)regs;
	test_record(EV_OS_WORK, (long)work);
	test_clear(work);
	test_act(EV_OS_WORK);
}
#define irqentry_os_handle_work irqentry_os_handle_work

/*
 * OS state in irqentry_state_t, as Linux keeps lockdep's hardirq view: an
 * enter saves os_value and sets its own, the exit restores the saved one.
 */
struct test_os_state {
	unsigned int saved; /* os_value before this entry */
	unsigned int seq;   /* which enter this was */
};
#define IRQENTRY_OS_STATE_TYPE struct test_os_state

static inline void irqentry_os_state_enter(irqentry_regs_t *regs,
					   struct test_os_state *os)
{
	(void)regs;
	if (os->saved || os->seq)
		test_os.state_not_zeroed = true;
	os->saved = test_os.os_value;
	os->seq = ++test_os.state_seq;
	test_os.os_value = 100 + os->seq;
}
#define irqentry_os_state_enter irqentry_os_state_enter

static inline void irqentry_os_state_exit(irqentry_regs_t *regs,
					  const struct test_os_state *os)
{
	(void)regs;
	if (test_os.nstate_log < 16)
		test_os.state_log[test_os.nstate_log++] = os->seq;
	test_os.os_value = os->saved;
}
#define irqentry_os_state_exit irqentry_os_state_exit

/* Counted always, traced on request: most traces leave it out. */
static inline void irqentry_os_before_work_check(void)
{
	if (test_os.trace_work_check)
		test_record(EV_WORK_CHECK, (long)test_os.work);
	else
		test_os.count[EV_WORK_CHECK]++;
	if (test_os.raise_in_check) {
		__atomic_fetch_or(&test_os.work, test_os.raise_in_check,
				  __ATOMIC_RELAXED);
		test_os.raise_in_check = 0;
	}
}
#define irqentry_os_before_work_check irqentry_os_before_work_check

static inline void irqentry_os_exit_to_user_prepare(irqentry_regs_t *regs)
{
	(void)regs;
	test_record(EV_PREPARE, 0);
	test_act(EV_PREPARE);
}
#define irqentry_os_exit_to_user_prepare irqentry_os_exit_to_user_prepare

static inline bool irqentry_os_in_idle(void)
{
	return test_os.in_idle;
}
#define irqentry_os_in_idle irqentry_os_in_idle

static inline bool irqentry_os_preempt_allowed(irqentry_regs_t *regs)
{
	(void)regs;
	return !test_os.veto;
}
#define irqentry_os_preempt_allowed irqentry_os_preempt_allowed

static inline bool irqentry_os_on_thread_stack(void)
{
	return !test_os.off_stack;
}
#define irqentry_os_on_thread_stack irqentry_os_on_thread_stack

#define TEST_TRACE_HOOK(name, ev)                                              \
	static inline void name(irqentry_regs_t *regs)                         \
	{                                                                      \
		(void)regs;                                                    \
		test_record(ev, 0);                                            \
		test_act(ev);                                                  \
	}
TEST_TRACE_HOOK(irqentry_os_enter_from_user, EV_ENTER_USER)
TEST_TRACE_HOOK(irqentry_os_exit_to_user, EV_EXIT_USER)
TEST_TRACE_HOOK(irqentry_os_enter_from_kernel, EV_ENTER_KERNEL)
TEST_TRACE_HOOK(irqentry_os_exit_to_kernel, EV_EXIT_KERNEL)
TEST_TRACE_HOOK(irqentry_os_enter_from_idle, EV_ENTER_IDLE)
TEST_TRACE_HOOK(irqentry_os_exit_to_idle, EV_EXIT_IDLE)
TEST_TRACE_HOOK(irqentry_os_nmi_enter, EV_NMI_ENTER)
TEST_TRACE_HOOK(irqentry_os_nmi_exit, EV_NMI_EXIT)
TEST_TRACE_HOOK(irqentry_os_syscall_audit_exit, EV_SC_AUDIT_EXIT)
TEST_TRACE_HOOK(irqentry_os_syscall_tracepoint_exit, EV_SC_TP_EXIT)
#undef TEST_TRACE_HOOK
#define irqentry_os_enter_from_user         irqentry_os_enter_from_user
#define irqentry_os_exit_to_user            irqentry_os_exit_to_user
#define irqentry_os_enter_from_kernel       irqentry_os_enter_from_kernel
#define irqentry_os_exit_to_kernel          irqentry_os_exit_to_kernel
#define irqentry_os_enter_from_idle         irqentry_os_enter_from_idle
#define irqentry_os_exit_to_idle            irqentry_os_exit_to_idle
#define irqentry_os_nmi_enter               irqentry_os_nmi_enter
#define irqentry_os_nmi_exit                irqentry_os_nmi_exit
#define irqentry_os_syscall_audit_exit      irqentry_os_syscall_audit_exit
#define irqentry_os_syscall_tracepoint_exit irqentry_os_syscall_tracepoint_exit

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	test_os.frame_reads |= TEST_F_NR;
	test_record(EV_SC_GET_NR, regs->nr);
	return regs->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

#define IRQENTRY_OS_NR_SYSCALLS 64

static inline bool irqentry_os_syscall_user_dispatch(irqentry_regs_t *regs)
{
	(void)regs;
	test_record(EV_SC_DISPATCH, 0);
	return test_os.dispatch_skip;
}
#define irqentry_os_syscall_user_dispatch irqentry_os_syscall_user_dispatch

static inline bool irqentry_os_syscall_trace_enter(irqentry_regs_t *regs)
{
	test_record(EV_SC_TRACE_ENTER, 0);
	if (test_os.rewrite_nr >= 0)
		regs->nr = test_os.rewrite_nr;
	return test_os.trace_skip;
}
#define irqentry_os_syscall_trace_enter irqentry_os_syscall_trace_enter

static inline bool irqentry_os_syscall_filter(irqentry_regs_t *regs)
{
	(void)regs;
	test_record(EV_SC_FILTER, 0);
	return test_os.filter_skip;
}
#define irqentry_os_syscall_filter irqentry_os_syscall_filter

static inline void irqentry_os_syscall_tracepoint_enter(irqentry_regs_t *regs,
							long nr)
{
	test_record(EV_SC_TP_ENTER, nr);
	if (test_os.tp_rewrite_nr >= 0)
		regs->nr = test_os.tp_rewrite_nr;
}
#define irqentry_os_syscall_tracepoint_enter                                   \
	irqentry_os_syscall_tracepoint_enter

static inline void irqentry_os_syscall_audit_enter(irqentry_regs_t *regs,
						   long nr)
{
	(void)regs;
	test_record(EV_SC_AUDIT_ENTER, nr);
}
#define irqentry_os_syscall_audit_enter irqentry_os_syscall_audit_enter

static inline void irqentry_os_syscall_trace_exit(irqentry_regs_t *regs,
						  bool step)
{
	(void)regs;
	test_record(EV_SC_TRACE_EXIT, step);
}
#define irqentry_os_syscall_trace_exit irqentry_os_syscall_trace_exit

/* Most suites leave these out of their traces; the tests of the masked
 * steps and the model turn them on. */
static inline void irqentry_os_syscall_enter_masked(irqentry_regs_t *regs)
{
	(void)regs;
	if (test_os.record_masked)
		test_record(EV_SC_ENTER_MASKED, 0);
}
#define irqentry_os_syscall_enter_masked irqentry_os_syscall_enter_masked

static inline void irqentry_os_syscall_exit_masked(irqentry_regs_t *regs)
{
	(void)regs;
	if (test_os.record_masked)
		test_record(EV_SC_EXIT_MASKED, 0);
}
#define irqentry_os_syscall_exit_masked irqentry_os_syscall_exit_masked

typedef int irqentry_vcpu_t;
#define irqentry_vcpu_t             irqentry_vcpu_t
#define IRQENTRY_OS_GUEST_WORK_MASK TEST_OS_GUEST_WORK

static inline int irqentry_os_guest_signal_exit(irqentry_vcpu_t *vcpu)
{
	test_record(EV_GUEST_SIGNAL, *vcpu);
	return -1000 - *vcpu;
}
#define irqentry_os_guest_signal_exit irqentry_os_guest_signal_exit

static inline int irqentry_os_guest_handle_work(irqentry_vcpu_t *vcpu,
						unsigned long work)
{
	(void)vcpu;
	test_record(EV_GUEST_WORK, (long)work);
	test_clear(work);
	return test_os.guest_work_ret;
}
#define irqentry_os_guest_handle_work irqentry_os_guest_handle_work

static inline void irqentry_os_report(enum irqentry_rule rule,
				      const char *message,
				      irqentry_regs_t *regs)
{
	(void)message;
	(void)regs;
	test_record(EV_REPORT, (long)rule);
	if (test_os.nreports < 32)
		test_os.reports[test_os.nreports++] = (int)rule;
	test_act(EV_REPORT);
}
#define irqentry_os_report irqentry_os_report

/*
 * Frame hooks of the arch wrappers the suites steer: the saved a0 / x0,
 * and (TEST_OS_OWN_SELECTOR_CHECK builds only) an OS-provided SYSRET
 * selector check. test_orig_a0, test_orig_x0 and test_sysret_bad_selectors
 * are steered by the riscv, arm64 and x86 suites (weak: one instance per
 * program, as the hosted CPU's).
 */
__attribute__((__weak__)) long test_orig_a0;
__attribute__((__weak__)) long test_orig_x0;
__attribute__((__weak__)) bool test_sysret_bad_selectors;

/* RISC-V: a0 is the return register, test_regs.ret. */
static inline void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *regs)
{
	test_orig_a0 = regs->ret;
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0

/* arm64: x0 likewise. */
static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
{
	test_orig_x0 = regs->ret;
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

/*
 * x86 SYSRET: the unit suites use the library's default check, the frame's
 * CS and SS against the user selectors (tests/common/frame_hooks.h), and
 * so does the model, whose frames carry both. The injection run builds
 * frames without an SS and keeps an OS-provided check (what an OS with its
 * own rule does).
 */
#ifdef TEST_OS_OWN_SELECTOR_CHECK
static inline bool irqentry_os_sysret_selectors_ok(irqentry_regs_t *regs)
{
	(void)regs;
	return !test_sysret_bad_selectors;
}
#define irqentry_os_sysret_selectors_ok irqentry_os_sysret_selectors_ok
#endif

/* The frame accessors, each noting the field it touched. */
#define TEST_FRAME_READ(name, field, bit)                                      \
	static inline unsigned long name(irqentry_regs_t *regs)                \
	{                                                                      \
		test_os.frame_reads |= (bit);                                  \
		return regs->field;                                            \
	}
TEST_FRAME_READ(irqentry_os_regs_status, status, TEST_F_STATUS)
TEST_FRAME_READ(irqentry_os_regs_cs, cs, TEST_F_CS)
TEST_FRAME_READ(irqentry_os_regs_ss, ss, TEST_F_SS)
TEST_FRAME_READ(irqentry_os_regs_pc, pc, TEST_F_PC)
TEST_FRAME_READ(irqentry_os_regs_cx, cx, TEST_F_CX)
TEST_FRAME_READ(irqentry_os_regs_r11, r11, TEST_F_R11)
#undef TEST_FRAME_READ
#define irqentry_os_regs_status irqentry_os_regs_status
#define irqentry_os_regs_cs     irqentry_os_regs_cs
#define irqentry_os_regs_ss     irqentry_os_regs_ss
#define irqentry_os_regs_pc     irqentry_os_regs_pc
#define irqentry_os_regs_cx     irqentry_os_regs_cx
#define irqentry_os_regs_r11    irqentry_os_regs_r11

static inline void irqentry_os_regs_set_pc(irqentry_regs_t *regs,
					   unsigned long pc)
{
	test_os.frame_writes |= TEST_F_PC;
	regs->pc = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	test_os.frame_writes |= TEST_F_RET;
	regs->ret = value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return

/* The other frame hooks (and the x86 user selectors): the shared ones. */
#include "../common/frame_hooks.h"

#endif /* IRQENTRY_TEST_OS_H */
