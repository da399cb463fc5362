/* SPDX-License-Identifier: MIT */
/*
 * The OS hooks: every function the OS header provides, its contract, and the
 * default of each optional one. A porter reads this file to learn every
 * obligation. Included by <irqentry/irqentry.h> right after the OS header;
 * do not include directly.
 *
 * Convention: the OS header defines a hook (usually static inline, or a
 * prototype of an out-of-line function) and announces it with
 *
 *	#define irqentry_os_foo irqentry_os_foo
 *
 * A required hook that is not announced stops the build with an #error that
 * says what it must do; an optional one gets the default below. Hooks marked
 * "may schedule" are called with interrupts enabled; all others are called
 * with interrupts disabled and must leave them disabled.
 */
#ifndef IRQENTRY_HOOKS_H
#define IRQENTRY_HOOKS_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/hooks.h>"
#endif

/* ---- Required ---------------------------------------------------------- */

/*
 * irqentry_regs_t - the OS's trap frame type.
 *	typedef struct trapframe irqentry_regs_t;
 *	#define irqentry_regs_t irqentry_regs_t
 */
#ifndef irqentry_regs_t
#error "irqentry: missing required type irqentry_regs_t: typedef it to your trap frame in the OS header and announce it with #define irqentry_regs_t irqentry_regs_t"
#endif

/*
 * unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
 *	The saved mask/state register of the interrupted context: PSTATE
 *	(arm64, SPSR_EL1), SSTATUS (RISC-V) or RFLAGS (x86). Context: any.
 * unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
 *	x86 only (checked by the x86 backend): the saved CS.
 */
#ifndef irqentry_os_regs_status
#error "irqentry: missing required hook irqentry_os_regs_status(regs): return the trap frame's saved PSTATE (arm64) / SSTATUS (RISC-V) / RFLAGS (x86)"
#endif

/*
 * unsigned long *irqentry_os_work(void)
 *	The current thread's work word (IRQENTRY_WORK_* bits). Context: any,
 *	IRQs on or off; must be NMI-safe (a pointer in per-CPU/thread data).
 *	Bits 5..7 belong to the library (a syscall redirected by user
 *	dispatch, and in debug builds a syscall in flight, are marked
 *	there): test the word against IRQENTRY_WORK_LIBRARY_MASK and your
 *	own bits, never as a whole. A new thread's word starts with them
 *	clear, or irqentry_syscall_new_thread() clears them.
 */
#ifndef irqentry_os_work
#error "irqentry: missing required hook irqentry_os_work(): return a pointer to the current thread's work word (unsigned long, IRQENTRY_WORK_* bits)"
#endif

/*
 * irqentry_os_preempt_count(void)
 *	The current preemption-disable depth (any integer type); 0 means the
 *	interrupted kernel context may be preempted. Context: any.
 */
#ifndef irqentry_os_preempt_count
#error "irqentry: missing required hook irqentry_os_preempt_count(): return the current preemption-disable depth (0 = preemptible)"
#endif

/*
 * void irqentry_os_schedule(void)
 *	Voluntary schedule: switch away if another thread should run, and
 *	clear IRQENTRY_WORK_NEED_RESCHED and _LAZY when switching (as a
 *	scheduler clears need-resched). Context: IRQs enabled, may schedule;
 *	called from the user work loop and the guest work loop.
 */
#ifndef irqentry_os_schedule
#error "irqentry: missing required hook irqentry_os_schedule(): voluntary schedule with IRQs enabled; clears IRQENTRY_WORK_NEED_RESCHED(_LAZY)"
#endif

/*
 * void irqentry_os_preempt_schedule_irq(void)
 *	Involuntary preemption on return to kernel mode: switch away and
 *	clear IRQENTRY_WORK_NEED_RESCHED. Context: IRQs disabled on entry and
 *	on return (it may enable them inside, around the switch); preempt
 *	count 0. Required when IRQENTRY_PREEMPTION is 1.
 */
#if IRQENTRY_PREEMPTION && !defined(irqentry_os_preempt_schedule_irq)
#error "irqentry: missing required hook irqentry_os_preempt_schedule_irq(): involuntary preemption, entered and left with IRQs disabled; clears IRQENTRY_WORK_NEED_RESCHED (or build with IRQENTRY_PREEMPTION 0)"
#endif
#if !IRQENTRY_PREEMPTION && !defined(irqentry_os_preempt_schedule_irq)
static inline void irqentry_os_preempt_schedule_irq(void)
{
}
#endif

/*
 * void irqentry_os_handle_signal(irqentry_regs_t *regs)
 *	Deliver pending signals (set up the user handler frame in @regs, or
 *	restart the syscall) and clear IRQENTRY_WORK_SIGPENDING and
 *	_NOTIFY_SIGNAL once nothing is left to deliver. Context: IRQs enabled,
 *	may schedule; return to user mode only.
 */
#ifndef irqentry_os_handle_signal
#error "irqentry: missing required hook irqentry_os_handle_signal(regs): deliver pending signals before the return to user mode and clear IRQENTRY_WORK_SIGPENDING / _NOTIFY_SIGNAL"
#endif

/*
 * long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
 *	The syscall number in the frame (arm64 x8, RISC-V a7, x86 orig_ax),
 *	re-read after a tracer or filter may have changed it. Context: any.
 * void irqentry_os_syscall_set_return(irqentry_regs_t *regs, long value)
 *	Store a syscall's return value in the frame (x0, a0, ax); the arch
 *	syscall wrappers preset IRQENTRY_OS_ENOSYS with it. Context: any.
 */
#ifndef irqentry_os_syscall_get_nr
#error "irqentry: missing required hook irqentry_os_syscall_get_nr(regs): return the syscall number saved in the trap frame"
#endif
#ifndef irqentry_os_syscall_set_return
#error "irqentry: missing required hook irqentry_os_syscall_set_return(regs, value): store a syscall return value in the trap frame"
#endif

/*
 * IRQENTRY_OS_NR_SYSCALLS: numbers 0 .. IRQENTRY_OS_NR_SYSCALLS-1 are
 * dispatched, anything else returns IRQENTRY_OS_ENOSYS. Default: no upper
 * bound (the dispatcher checks). IRQENTRY_OS_ENOSYS: default -38.
 */
#ifndef IRQENTRY_OS_NR_SYSCALLS
#define IRQENTRY_OS_NR_SYSCALLS (~0UL >> 1)
#endif
#ifndef IRQENTRY_OS_ENOSYS
#define IRQENTRY_OS_ENOSYS (-38L)
#endif

/* ---- Optional: per-CPU data ------------------------------------------- */

/*
 * struct irqentry_cpu *irqentry_os_cpu(void)
 *	This CPU's irqentry_cpu block. Context: any, NMI-safe.
 *	Default: one block for the whole program (uniprocessor kernels).
 */
#ifndef irqentry_os_cpu
__attribute__((__weak__)) struct irqentry_cpu irqentry_priv_cpu0;

static inline struct irqentry_cpu *irqentry_os_cpu(void)
{
	return &irqentry_priv_cpu0;
}
#endif

/* ---- Optional: state tracking around entry and exit -------------------- */

/*
 * bool irqentry_os_in_idle(void)
 *	Kernel-mode entry: the CPU was idle or otherwise "not watching" (RCU
 *	extended quiescent state, low-power wait). Context: IRQs disabled.
 *	Default: false.
 * void irqentry_os_enter_from_idle(irqentry_regs_t *regs)
 * void irqentry_os_exit_to_idle(irqentry_regs_t *regs)
 *	Called instead of the kernel enter/exit hooks when the entry found the
 *	CPU idle; always paired, and such an exit never preempts. Context:
 *	IRQs disabled, must not schedule. Default: nothing.
 */
#ifndef irqentry_os_in_idle
static inline bool irqentry_os_in_idle(void)
{
	return false;
}
#endif
#ifndef irqentry_os_enter_from_idle
static inline void irqentry_os_enter_from_idle(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_exit_to_idle
static inline void irqentry_os_exit_to_idle(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif

/*
 * void irqentry_os_enter_from_kernel(irqentry_regs_t *regs)
 * void irqentry_os_exit_to_kernel(irqentry_regs_t *regs)
 *	State management on a kernel-mode entry and, in the after-preempt
 *	step, on the return (irq tracing, tick checks). Context: IRQs
 *	disabled, must not schedule. Default: nothing.
 * void irqentry_os_enter_from_user(irqentry_regs_t *regs)
 * void irqentry_os_exit_to_user(irqentry_regs_t *regs)
 *	Context tracking user->kernel on entry and kernel->user in the
 *	after-prepare step (the last thing before the return). Context: IRQs
 *	disabled, must not schedule. Default: nothing.
 */
#ifndef irqentry_os_enter_from_kernel
static inline void irqentry_os_enter_from_kernel(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_exit_to_kernel
static inline void irqentry_os_exit_to_kernel(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_enter_from_user
static inline void irqentry_os_enter_from_user(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_exit_to_user
static inline void irqentry_os_exit_to_user(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif

/*
 * bool irqentry_os_preempt_allowed(irqentry_regs_t *regs)
 *	Veto on kernel preemption, asked only when everything else says
 *	preempt (count 0, NEED_RESCHED, interrupted context had IRQs on).
 *	Context: IRQs disabled. Default: true.
 */
#ifndef irqentry_os_preempt_allowed
static inline bool irqentry_os_preempt_allowed(irqentry_regs_t *regs)
{
	(void)regs;
	return true;
}
#endif

/* ---- Optional: work before the return to user mode --------------------- */

/*
 * void irqentry_os_notify_resume(irqentry_regs_t *regs)
 *	Handle IRQENTRY_WORK_NOTIFY_RESUME (task work, resume callbacks) and
 *	clear it. @regs is NULL when called from the guest work loop.
 *	Context: IRQs enabled, may schedule. Default: clear the bit.
 */
#ifndef irqentry_os_notify_resume
static inline void irqentry_os_notify_resume(irqentry_regs_t *regs)
{
	(void)regs;
	irqentry_work_clear(irqentry_os_work(), IRQENTRY_WORK_NOTIFY_RESUME);
}
#endif

/*
 * IRQENTRY_OS_WORK_MASK
 *	The OS's own work bits (at or above IRQENTRY_WORK_OS_SHIFT) that make
 *	the user work loop run. Default: 0.
 * void irqentry_os_handle_work(irqentry_regs_t *regs, unsigned long work)
 *	Handle the OS bits present in @work and clear them. Context: IRQs
 *	enabled, may schedule; runs after signals and notify-resume. Required
 *	when IRQENTRY_OS_WORK_MASK is not 0.
 */
#ifndef IRQENTRY_OS_WORK_MASK
#define IRQENTRY_OS_WORK_MASK 0UL
#endif
#if (IRQENTRY_OS_WORK_MASK) & ((1UL << IRQENTRY_WORK_OS_SHIFT) - 1)
#error "irqentry: IRQENTRY_OS_WORK_MASK uses bits below IRQENTRY_WORK_OS_SHIFT, which belong to the library"
#endif
#ifndef irqentry_os_handle_work
#if IRQENTRY_OS_WORK_MASK
#error "irqentry: IRQENTRY_OS_WORK_MASK is set but irqentry_os_handle_work(regs, work) is missing: handle those bits and clear them"
#endif
static inline void irqentry_os_handle_work(irqentry_regs_t *regs,
					   unsigned long work)
{
	(void)regs;
	(void)work;
}
#endif

/*
 * void irqentry_os_exit_to_user_prepare(irqentry_regs_t *regs)
 *	One-shot step after the work loop: FPU/vector state restore and the
 *	like. Must not create new work. Context: IRQs disabled, must not
 *	schedule. Default: nothing.
 */
#ifndef irqentry_os_exit_to_user_prepare
static inline void irqentry_os_exit_to_user_prepare(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif

/* ---- Optional: NMI-class entries ---------------------------------------- */

/*
 * void irqentry_os_nmi_enter(irqentry_regs_t *regs)
 * void irqentry_os_nmi_exit(irqentry_regs_t *regs)
 *	State management for an NMI-class entry (make RCU watch, note the
 *	NMI for printk/tracing). Context: NMI, IRQs disabled, must not
 *	schedule, must not take locks a non-NMI context holds. Default:
 *	nothing.
 */
#ifndef irqentry_os_nmi_enter
static inline void irqentry_os_nmi_enter(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_nmi_exit
static inline void irqentry_os_nmi_exit(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif

/* ---- Optional: syscall work --------------------------------------------- */

/*
 * unsigned long *irqentry_os_syscall_work(void)
 *	The current thread's syscall-work word (IRQENTRY_SYSCALL_WORK_*), or
 *	NULL. Context: any. Default: NULL (no syscall work; the hooks below
 *	are never called).
 *
 * Entry work (IRQs enabled, may schedule), in this order:
 * bool irqentry_os_syscall_user_dispatch(irqentry_regs_t *regs)
 *	USER_DISPATCH: true when the syscall was redirected to user space
 *	(skip it). Default: false.
 * bool irqentry_os_syscall_trace_enter(irqentry_regs_t *regs)
 *	TRACE or EMU: report to the tracer; true to skip the syscall (EMU
 *	always skips). Default: false.
 * bool irqentry_os_syscall_filter(irqentry_regs_t *regs)
 *	FILTER: true to skip (deny) the syscall. Default: false.
 * void irqentry_os_syscall_tracepoint_enter(irqentry_regs_t *regs, long nr)
 * void irqentry_os_syscall_audit_enter(irqentry_regs_t *regs, long nr)
 *	TRACEPOINT, AUDIT. Default: nothing.
 *
 * Exit work (IRQs enabled, may schedule), once per syscall, in this order:
 * void irqentry_os_syscall_audit_exit(irqentry_regs_t *regs)
 * void irqentry_os_syscall_tracepoint_exit(irqentry_regs_t *regs)
 * void irqentry_os_syscall_trace_exit(irqentry_regs_t *regs, bool step)
 *	TRACE, or SINGLESTEP without EMU (@step true). Default: nothing.
 *
 * The syscall-only steps with interrupts still masked (called for every
 * syscall, whatever the syscall-work word says):
 * void irqentry_os_syscall_enter_masked(irqentry_regs_t *regs)
 *	After the user-mode entry (irqentry_os_enter_from_user()) and the
 *	return-value preset, before the syscall path enables interrupts:
 *	discard the live vector/SVE/SME state the syscall ABI does not
 *	preserve, arm a per-syscall CPU workaround. Linux arm64 el0_svc runs
 *	cortex_a76_erratum_1463225_svc_handler() and fpsimd_syscall_enter()
 *	there; RISC-V do_trap_ecall_u() runs riscv_v_vstate_discard() (just
 *	before its entry call: after it is equally early for the user, and
 *	the OS's entry state tracking is done). Context: IRQs disabled (arm64:
 *	all of DAIF masked), must not schedule. Default: nothing.
 * void irqentry_os_syscall_exit_masked(irqentry_regs_t *regs)
 *	After the exit work, the work loop and irqentry_os_exit_to_user_prepare()
 *	(nothing may schedule or load another task's state any more), before
 *	the return's state management (irqentry_os_exit_to_user()): mark
 *	per-CPU FP/vector state as the current task's again, the step Linux
 *	arm64 runs as fpsimd_syscall_exit() after the return-to-user work.
 *	Not before the work loop: a schedule in it could make that state stale.
 *	Context: IRQs disabled (arm64: all of DAIF masked), must not schedule.
 *	Default: nothing.
 */
#ifndef irqentry_os_syscall_work
static inline unsigned long *irqentry_os_syscall_work(void)
{
	return NULL;
}
/* No syscall-work word at all: the syscall paths skip reading it. */
#define IRQENTRY_PRIV_NO_SYSCALL_WORK 1
#endif
#ifndef irqentry_os_syscall_user_dispatch
static inline bool irqentry_os_syscall_user_dispatch(irqentry_regs_t *regs)
{
	(void)regs;
	return false;
}
#endif
#ifndef irqentry_os_syscall_trace_enter
static inline bool irqentry_os_syscall_trace_enter(irqentry_regs_t *regs)
{
	(void)regs;
	return false;
}
#endif
#ifndef irqentry_os_syscall_filter
static inline bool irqentry_os_syscall_filter(irqentry_regs_t *regs)
{
	(void)regs;
	return false;
}
#endif
#ifndef irqentry_os_syscall_tracepoint_enter
static inline void irqentry_os_syscall_tracepoint_enter(irqentry_regs_t *regs,
							long nr)
{
	(void)regs;
	(void)nr;
}
#endif
#ifndef irqentry_os_syscall_audit_enter
static inline void irqentry_os_syscall_audit_enter(irqentry_regs_t *regs,
						   long nr)
{
	(void)regs;
	(void)nr;
}
#endif
#ifndef irqentry_os_syscall_audit_exit
static inline void irqentry_os_syscall_audit_exit(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_syscall_tracepoint_exit
static inline void irqentry_os_syscall_tracepoint_exit(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_syscall_trace_exit
static inline void irqentry_os_syscall_trace_exit(irqentry_regs_t *regs,
						  bool step)
{
	(void)regs;
	(void)step;
}
#endif
#ifndef irqentry_os_syscall_enter_masked
static inline void irqentry_os_syscall_enter_masked(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif
#ifndef irqentry_os_syscall_exit_masked
static inline void irqentry_os_syscall_exit_masked(irqentry_regs_t *regs)
{
	(void)regs;
}
#endif

/* ---- Optional: guest entry (hypervisors) -------------------------------- */

/*
 * irqentry_vcpu_t - the hypervisor's vCPU type, passed through untouched.
 *	Default: void.
 * IRQENTRY_OS_GUEST_WORK_MASK
 *	OS work bits that must be handled before entering a guest.
 *	Default: 0.
 * int irqentry_os_guest_signal_exit(irqentry_vcpu_t *vcpu)
 *	A signal is pending: prepare the exit to the VMM and return the
 *	non-zero code irqentry_guest_handle_work() returns. Context: IRQs
 *	enabled. Default: IRQENTRY_GUEST_EXIT_SIGNAL (-4, like -EINTR).
 * int irqentry_os_guest_handle_work(irqentry_vcpu_t *vcpu, unsigned long work)
 *	Handle (and clear) the IRQENTRY_OS_GUEST_WORK_MASK bits in @work;
 *	non-zero stops the loop and is returned. Context: IRQs enabled, may
 *	schedule. Default: 0.
 */
#define IRQENTRY_GUEST_EXIT_SIGNAL      (-4)
#define IRQENTRY_GUEST_EXIT_NO_PROGRESS (-5)
#ifndef irqentry_vcpu_t
typedef void irqentry_vcpu_t;
#endif
#ifndef IRQENTRY_OS_GUEST_WORK_MASK
#define IRQENTRY_OS_GUEST_WORK_MASK 0UL
#endif
#ifndef irqentry_os_guest_signal_exit
static inline int irqentry_os_guest_signal_exit(irqentry_vcpu_t *vcpu)
{
	(void)vcpu;
	return IRQENTRY_GUEST_EXIT_SIGNAL;
}
#endif
#ifndef irqentry_os_guest_handle_work
static inline int irqentry_os_guest_handle_work(irqentry_vcpu_t *vcpu,
						unsigned long work)
{
	(void)vcpu;
	(void)work;
	return 0;
}
#endif

/* ---- Optional: debug reports -------------------------------------------- */

/*
 * void irqentry_os_report(enum irqentry_rule rule, const char *message,
 *			   irqentry_regs_t *regs)
 *	IRQENTRY_DEBUG only: a rule was broken. @message names the rule and
 *	the path; @regs may be NULL. May return: the library then refuses the
 *	offending step (no schedule in a forbidden state, no endless loop)
 *	and carries on. Context: any, including NMI. Default: stop the CPU
 *	with a trap instruction (__builtin_trap), visible to a debugger and,
 *	hosted, as SIGILL/SIGTRAP to a test.
 */
#ifndef irqentry_os_report
static inline void irqentry_os_report(enum irqentry_rule rule,
				      const char *message,
				      irqentry_regs_t *regs)
{
	(void)rule;
	(void)message;
	(void)regs;
	__builtin_trap();
}
#endif

#endif /* IRQENTRY_HOOKS_H */
