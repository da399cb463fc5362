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
 *
 * Which backend: the OS header is read after the backend is chosen, so it
 * can test the identity macros IRQENTRY_ARCH_ARM64, IRQENTRY_ARCH_RISCV and
 * IRQENTRY_ARCH_X86 (exactly one is 1) with #if, in real builds (set from
 * the compiler's target) and hosted ones (set from the target, or forced
 * with -DIRQENTRY_ARCH_<ARCH>=1) alike, and IRQENTRY_HOSTED for a build on
 * the simulated CPU. Ready-to-fill OS headers, one per backend, are in
 * templates/ of the irqentry sources.
 *
 * Required by the generic core, every backend: irqentry_regs_t,
 * irqentry_os_regs_status(), irqentry_os_work(),
 * irqentry_os_preempt_count(), irqentry_os_schedule(),
 * irqentry_os_preempt_schedule_irq() (with IRQENTRY_PREEMPTION),
 * irqentry_os_handle_signal(), irqentry_os_syscall_get_nr(),
 * irqentry_os_syscall_set_return(); below, in this file.
 *
 * Required by one backend only (checked, with their contracts, in that
 * backend's header; the same convention):
 *
 * arm64, <irqentry/arch/arm64.h>:
 *	void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
 *	Save x0, the first syscall argument, before irqentry_arm64_el0_svc()
 *	presets it to IRQENTRY_OS_ENOSYS (Linux's orig_x0). Context: all of
 *	DAIF masked, must not schedule.
 *
 * RISC-V, <irqentry/arch/riscv.h>:
 *	unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
 *	void irqentry_os_regs_set_pc(irqentry_regs_t *regs, unsigned long pc)
 *	The saved sepc, read, and written by irqentry_riscv_ecall_u() to
 *	resume after the ecall. Context: any.
 *	void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *regs)
 *	Save a0 before the ecall wrapper presets it to IRQENTRY_OS_ENOSYS
 *	(Linux's orig_a0). Context: IRQs disabled, must not schedule.
 *
 * x86-64, <irqentry/arch/x86.h>:
 *	unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
 *	The saved CS: user mode is RPL 3. Context: any.
 *	unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
 *	unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
 *	unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
 *	The saved RIP, RCX and R11: SYSRET is used only while RCX == RIP and
 *	R11 == RFLAGS. Context: any.
 *	unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs),
 *	IRQENTRY_OS_X86_USER_CS, IRQENTRY_OS_X86_USER_SS
 *	The saved SS and the user selectors SYSRET loads (e.g. 0x33, 0x2b):
 *	a frame with other CS or SS returns with IRET. Not needed when the
 *	OS defines its own irqentry_os_sysret_selectors_ok(regs) (Default:
 *	compare CS and SS with the two values). Context: any.
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
#error "irqentry: missing required type irqentry_regs_t: typedef it to your trap frame in the OS header (or you defined it but forgot `#define irqentry_regs_t irqentry_regs_t`)"
#endif

/*
 * unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
 *	The saved mask/state register of the interrupted context: PSTATE
 *	(arm64, SPSR_EL1), SSTATUS (RISC-V) or RFLAGS (x86). Context: any.
 * unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
 *	x86 only (checked by the x86 backend): the saved CS. The x86 backend
 *	also needs irqentry_os_regs_ss() and the user selectors for its
 *	SYSRET check (see <irqentry/arch/x86.h>).
 */
#ifndef irqentry_os_regs_status
#error "irqentry: missing required hook irqentry_os_regs_status(regs): return the trap frame's saved PSTATE (arm64) / SSTATUS (RISC-V) / RFLAGS (x86) (or you defined it but forgot `#define irqentry_os_regs_status irqentry_os_regs_status`)"
#endif

/*
 * unsigned long *irqentry_os_work(void)
 *	The current thread's work word (IRQENTRY_WORK_* bits). Context: any,
 *	IRQs on or off (the work loops call it with IRQs enabled, where the
 *	thread may move to another CPU during the call: reach the word from
 *	the thread itself, as irqentry_os_thread() says); must be NMI-safe.
 *	Other CPUs set bits in it: see irqentry_work_set_remote().
 *	Bits 5..7 belong to the library (a syscall redirected by user
 *	dispatch, and in debug builds a syscall in flight, are marked
 *	there): test the word against IRQENTRY_WORK_LIBRARY_MASK and your
 *	own bits, never as a whole. A new thread's word starts with them
 *	clear, or irqentry_syscall_new_thread() clears them.
 */
#ifndef irqentry_os_work
#error "irqentry: missing required hook irqentry_os_work(): return a pointer to the current thread's work word (unsigned long, IRQENTRY_WORK_* bits) (or you defined it but forgot `#define irqentry_os_work irqentry_os_work`)"
#endif

/*
 * irqentry_os_preempt_count(void)
 *	The current preemption-disable depth (any integer type); 0 means the
 *	interrupted kernel context may be preempted. Context: any. Called
 *	with IRQs disabled on the exit paths, and in debug builds around
 *	each handler with the handler's IRQ state, which may be enabled and
 *	preemptible: it must return the current thread's count even if the
 *	thread moves to another CPU during the call (a field of the thread,
 *	as arm64 Linux's thread_info; or a per-CPU count the context switch
 *	saves and restores, read in one instruction, as x86 Linux's
 *	this_cpu_read()), never "this CPU's index, then its count" in two
 *	steps.
 */
#ifndef irqentry_os_preempt_count
#error "irqentry: missing required hook irqentry_os_preempt_count(): return the current preemption-disable depth (0 = preemptible) (or you defined it but forgot `#define irqentry_os_preempt_count irqentry_os_preempt_count`)"
#endif

/*
 * void irqentry_os_schedule(void)
 *	Voluntary schedule: switch away if another thread should run, and
 *	clear IRQENTRY_WORK_NEED_RESCHED and _LAZY when switching (as a
 *	scheduler clears need-resched). Context: IRQs enabled, may schedule;
 *	called from the user work loop and the guest work loop.
 */
#ifndef irqentry_os_schedule
#error "irqentry: missing required hook irqentry_os_schedule(): voluntary schedule with IRQs enabled; clears IRQENTRY_WORK_NEED_RESCHED(_LAZY) (or you defined it but forgot `#define irqentry_os_schedule irqentry_os_schedule`)"
#endif

/*
 * void irqentry_os_preempt_schedule_irq(void)
 *	Involuntary preemption on return to kernel mode: switch away and
 *	clear IRQENTRY_WORK_NEED_RESCHED. Context: IRQs disabled on entry and
 *	on return (it may enable them inside, around the switch); preempt
 *	count 0. Required when IRQENTRY_PREEMPTION is 1.
 *	It must not decline: the preempt step calls it again while
 *	NEED_RESCHED is set, so a hook that returns without switching and
 *	without clearing the bit spins forever in a release build (debug
 *	builds report IRQENTRY_RULE_NO_PROGRESS after IRQENTRY_WORK_LOOP_LIMIT
 *	calls and stop). To refuse a preemption here (a critical section the
 *	preempt count does not cover), answer false from
 *	irqentry_os_preempt_allowed() instead: the bit stays set for the next
 *	chance (preempt_enable(), the return to user mode). If the hook
 *	itself finds nothing better to run, it clears the bit and returns,
 *	as a scheduler picking the same thread does.
 */
#if IRQENTRY_PREEMPTION && !defined(irqentry_os_preempt_schedule_irq)
#error "irqentry: missing required hook irqentry_os_preempt_schedule_irq(): involuntary preemption, entered and left with IRQs disabled; clears IRQENTRY_WORK_NEED_RESCHED (or build with IRQENTRY_PREEMPTION 0) (or you defined it but forgot `#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq`)"
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
#error "irqentry: missing required hook irqentry_os_handle_signal(regs): deliver pending signals before the return to user mode and clear IRQENTRY_WORK_SIGPENDING / _NOTIFY_SIGNAL (or you defined it but forgot `#define irqentry_os_handle_signal irqentry_os_handle_signal`)"
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
#error "irqentry: missing required hook irqentry_os_syscall_get_nr(regs): return the syscall number saved in the trap frame (or you defined it but forgot `#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr`)"
#endif
#ifndef irqentry_os_syscall_set_return
#error "irqentry: missing required hook irqentry_os_syscall_set_return(regs, value): store a syscall return value in the trap frame (or you defined it but forgot `#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return`)"
#endif

/*
 * The required hooks' types, checked: a wrong one often compiles without a
 * warning and truncates at run time (an int status loses nothing on x86
 * but RFLAGS.IF is bit 9 and PSTATE.EL bits 2..3 of a 64-bit value; a
 * 32-bit work word drops the OS's bits at and above bit 32 and makes the
 * 64-bit atomics overrun it; an int syscall number turns -1 into 4294967295
 * in a long). irqentry_os_syscall_set_return must be a function (or a
 * macro naming one): its address is taken to check the parameter types.
 */
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_work(), unsigned long *,
	"irqentry: irqentry_os_work() must return unsigned long * (the work word is an unsigned long, accessed with unsigned long atomics)");
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_regs_status((irqentry_regs_t *)NULL), unsigned long,
	"irqentry: irqentry_os_regs_status(regs) must return unsigned long (the whole saved PSTATE / SSTATUS / RFLAGS)");
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_syscall_get_nr((irqentry_regs_t *)NULL), long,
	"irqentry: irqentry_os_syscall_get_nr(regs) must return long (syscall numbers are signed longs: -1 means none)");
IRQENTRY_PRIV_STATIC_ASSERT(
	IRQENTRY_PRIV_SAME_TYPE(
		IRQENTRY_PRIV_TYPEOF(&irqentry_os_syscall_set_return),
		void (*)(irqentry_regs_t *, long)),
	"irqentry: irqentry_os_syscall_set_return must be void (irqentry_regs_t *, long) (return values are longs: -ENOSYS and 64-bit results)");

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

/* ---- Optional: OS state carried from an enter to its exit --------------- */

/*
 * IRQENTRY_OS_STATE_TYPE
 *	A type of the OS's (an integer, or a small struct of them), kept in
 *	irqentry_state_t as the field os from a kernel-mode or NMI-class enter
 *	to its exit: what the OS must restore when the entry unwinds, and
 *	that a nested entry must not overwrite. Linux keeps lockdep's view of
 *	the hardirq state there across an NMI (irqentry_state_t.lockdep in
 *	include/linux/irq-entry-common.h, saved by irqentry_nmi_enter() and
 *	restored by irqentry_nmi_exit(), kernel/entry/common.c); a per-CPU
 *	variable would be overwritten by the NMI nested inside. Default: not
 *	defined: irqentry_state_t has no such field and the two hooks below
 *	are never called (no cost at all).
 * void irqentry_os_state_enter(irqentry_regs_t *regs,
 *				IRQENTRY_OS_STATE_TYPE *os)
 *	Save into @os. Called by irqentry_enter_from_kernel_mode() before
 *	irqentry_os_enter_from_kernel() (or _from_idle()), and by
 *	irqentry_nmi_enter() before irqentry_os_nmi_enter(), once the NMI
 *	depth is raised (irqentry_in_nmi() tells the two apart). @os starts
 *	zeroed. Context: IRQs disabled, NMI-safe, must not schedule. Default:
 *	nothing (the field stays zero).
 * void irqentry_os_state_exit(irqentry_regs_t *regs,
 *			       const IRQENTRY_OS_STATE_TYPE *os)
 *	Restore from @os. Called by irqentry_exit_to_kernel_mode_after_preempt()
 *	after irqentry_os_exit_to_kernel() (or _to_idle()), and by
 *	irqentry_nmi_exit() after irqentry_os_nmi_exit(), before the NMI depth
 *	is lowered. Context: as the enter's. Default: nothing.
 * A user-mode entry carries no OS state: the return to user mode does not
 * unwind into an interrupted kernel context (its state's os is zeroed).
 * irqentry_state_t must stay within two registers (it is returned by
 * value from every enter: AAPCS64 x0/x1, RISC-V LP64 a0/a1, SysV x86-64
 * rax/rdx), so the type may be at most 8 bytes; a static assertion says so.
 */
#ifdef IRQENTRY_OS_STATE_TYPE
/* An initializer that zeroes any type without a warning: C++ value-
 * initialization, C's universal zero initializer. */
#ifdef __cplusplus
#define IRQENTRY_PRIV_ZERO_INIT                                                \
	{                                                                      \
	}
#else
#define IRQENTRY_PRIV_ZERO_INIT                                                \
	{                                                                      \
		0                                                              \
	}
#endif
#ifndef irqentry_os_state_enter
static inline void irqentry_os_state_enter(irqentry_regs_t *regs,
					   IRQENTRY_OS_STATE_TYPE *os)
{
	(void)regs;
	(void)os;
}
#endif
#ifndef irqentry_os_state_exit
static inline void irqentry_os_state_exit(irqentry_regs_t *regs,
					  const IRQENTRY_OS_STATE_TYPE *os)
{
	(void)regs;
	(void)os;
}
#endif
#elif defined(irqentry_os_state_enter) || defined(irqentry_os_state_exit)
#error "irqentry: irqentry_os_state_enter/_exit need IRQENTRY_OS_STATE_TYPE: define it to the type they save and restore"
#endif

struct irqentry_state {
	/* NMI entry: the NMI depth before this entry, restored on exit. As
	 * wide as irqentry_cpu.nmi_depth: a narrower copy costs the exit a
	 * zero-extension on every NMI (bench/README.md, static sizes). */
	unsigned int nmi_depth;
	/* Kernel-mode entry found the CPU idle (irqentry_os_in_idle()): the
	 * exit calls irqentry_os_exit_to_idle() and never preempts. */
	bool exit_idle;
#if IRQENTRY_DEBUG
	/* Debug: kernel-mode nesting depth this entry created (LIFO check). */
	unsigned short depth;
#endif
#ifdef IRQENTRY_OS_STATE_TYPE
	/* The OS's own, saved and restored by irqentry_os_state_enter/_exit. */
	IRQENTRY_OS_STATE_TYPE os;
#endif
};

IRQENTRY_PRIV_STATIC_ASSERT(
	sizeof(irqentry_state_t) <= 2 * sizeof(unsigned long),
	"irqentry: irqentry_state_t no longer fits in two registers: keep IRQENTRY_OS_STATE_TYPE to 8 bytes or less");

/* ---- Optional: per-CPU and per-thread data ----------------------------- */

/*
 * On SMP a thread may sleep or be preempted in any hook that may schedule
 * (and in the OS's code between an _enter and its _exit) and resume on
 * another CPU. The library keeps nothing per-CPU across such a call: it
 * asks irqentry_os_cpu() afresh, only with IRQs disabled, and keeps what
 * must survive a switch per thread (irqentry_os_thread(), the work word)
 * or on the stack (irqentry_state_t). Hooks called preemptible (the work
 * word, the preempt count, the thread block) must name the current thread
 * even if it migrates during the call. docs/porting.md, section 9, has the
 * whole protocol, the cross-CPU kick included.
 */

/*
 * struct irqentry_cpu *irqentry_os_cpu(void)
 *	This CPU's irqentry_cpu block. Context: NMI-safe; the library calls
 *	it only with IRQs disabled (on an entry or exit path, or in
 *	irqentry_check_schedule() when IRQs are off), where the thread cannot
 *	move to another CPU during the call or while the pointer is used, so
 *	a plain "this CPU's index, then its block" is enough. Nothing keeps
 *	the pointer across a hook that may schedule. Call irqentry_in_nmi()
 *	under the same rule. Default: one block for the whole program
 *	(uniprocessor kernels).
 */
#ifndef irqentry_os_cpu
__attribute__((__weak__)) struct irqentry_cpu irqentry_priv_cpu0;

static inline struct irqentry_cpu *irqentry_os_cpu(void)
{
	return &irqentry_priv_cpu0;
}
#endif

/*
 * struct irqentry_thread *irqentry_os_thread(void)
 *	IRQENTRY_DEBUG only: the current thread's irqentry_thread block
 *	(kernel-mode nesting depth, "inside a step that must not schedule",
 *	"returned to user mode"), zeroed when the thread is created. Keep it
 *	next to the work word, in the thread's own structure. Context: any,
 *	IRQs on or off, NMI-safe; called by preemptible code too, so it must
 *	name the current thread even if the thread moves to another CPU
 *	during the call: reach it from the thread itself (a thread pointer
 *	register, the stack, a per-CPU "current" read in one instruction),
 *	never through "this CPU's index, then its current thread" in two
 *	steps. Default: the block inside irqentry_os_cpu(), which the
 *	library then saves on the stack and restores around each schedule it
 *	makes: right for a uniprocessor kernel only. An SMP kernel must
 *	define this hook: with the default, a thread that sleeps in a hook
 *	and resumes on another CPU writes its count into the wrong CPU's
 *	block, and a thread that switches outside the library (a kernel
 *	thread's own schedule() call) inherits another thread's count. So a
 *	debug build that defines irqentry_os_cpu() (an SMP kernel) but not
 *	this hook stops with an #error; a uniprocessor kernel with its own
 *	CPU block defines it as &irqentry_os_cpu()->thread.
 */
#ifndef irqentry_os_thread
#if IRQENTRY_DEBUG && defined(irqentry_os_cpu)
#error "irqentry: irqentry_os_cpu() is defined (an SMP kernel) but irqentry_os_thread() is not: debug builds keep the kernel-mode nesting depth per thread; return the running thread's struct irqentry_thread from irqentry_os_thread() (a uniprocessor kernel: &irqentry_os_cpu()->thread) (or you defined it but forgot `#define irqentry_os_thread irqentry_os_thread`)"
#endif
static inline struct irqentry_thread *irqentry_os_thread(void)
{
	return &irqentry_os_cpu()->thread;
}
/* The debug paths save and restore the block around their schedules. */
#define IRQENTRY_PRIV_THREAD_IN_CPU 1
#endif
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_thread(), struct irqentry_thread *,
	"irqentry: irqentry_os_thread() must return struct irqentry_thread * (the current thread's debug block)");

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
 *	The place to decline a preemption: false leaves NEED_RESCHED set
 *	and irqentry_os_preempt_schedule_irq() uncalled. Context: IRQs
 *	disabled, must not schedule. Default: true.
 */
#ifndef irqentry_os_preempt_allowed
static inline bool irqentry_os_preempt_allowed(irqentry_regs_t *regs)
{
	(void)regs;
	return true;
}
#endif

/*
 * bool irqentry_os_on_thread_stack(void)
 *	IRQENTRY_DEBUG only: the CPU runs on the current thread's kernel
 *	stack, not on an IRQ, exception or NMI stack. Asked on every
 *	kernel-mode exit that may preempt (count 0, interrupted context had
 *	IRQs on), before NEED_RESCHED is looked at, as Linux's
 *	raw_irqentry_exit_cond_resched() (kernel/entry/common.c) warns with
 *	CONFIG_DEBUG_ENTRY: a kernel that switches to an IRQ stack around its
 *	handler must switch back before the exit, or a preemption there
 *	resumes another thread on a stack that is not its own. False is
 *	reported as IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK and the exit does
 *	not preempt. Context: IRQs disabled. Default: true.
 */
#ifndef irqentry_os_on_thread_stack
static inline bool irqentry_os_on_thread_stack(void)
{
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
#error "irqentry: IRQENTRY_OS_WORK_MASK is set but irqentry_os_handle_work(regs, work) is missing: handle those bits and clear them (or you defined it but forgot `#define irqentry_os_handle_work irqentry_os_handle_work`)"
#endif
static inline void irqentry_os_handle_work(irqentry_regs_t *regs,
					   unsigned long work)
{
	(void)regs;
	(void)work;
}
#endif

/*
 * void irqentry_os_before_work_check(void)
 *	Right before each read of the work word that can end a work loop,
 *	with IRQs disabled: on the return to user mode before the first read
 *	and after each pass of the work loop (Linux's
 *	tick_nohz_user_enter_prepare() in __exit_to_user_mode_prepare() and
 *	__exit_to_user_mode_loop(), kernel/entry/common.c), and before the
 *	guest entry's final check, irqentry_guest_work_pending() (Linux's
 *	xfer_to_guest_mode_prepare(), include/linux/entry-virt.h). For work
 *	deferred until the CPU leaves the kernel that may itself raise work
 *	bits (a tickless kernel flushing a deferred wake-up that sets
 *	NEED_RESCHED): the read that follows sees what it raised. Context:
 *	IRQs disabled, must not schedule; may set work bits. Default:
 *	nothing.
 */
#ifndef irqentry_os_before_work_check
static inline void irqentry_os_before_work_check(void)
{
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
IRQENTRY_PRIV_HOOK_RETURNS(
	irqentry_os_syscall_work(), unsigned long *,
	"irqentry: irqentry_os_syscall_work() must return unsigned long * (the syscall-work word is an unsigned long, like the work word)");
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

#ifndef irqentry_os_report
/**
 * struct irqentry_report - the last report of the default report hook
 * @rule: the broken rule
 * @name: irqentry_rule_name(@rule)
 * @message: what the library said about it
 * @regs: the trap frame, or NULL
 *
 * Written just before the trap, so a debugger stopped there sees it. One
 * for the whole program (weak); with several CPUs reporting at once, the
 * last writer's.
 */
struct irqentry_report {
	enum irqentry_rule rule;
	const char *name;
	const char *message;
	irqentry_regs_t *regs;
};

/* The default report hook's record of the last report, for a debugger. */
__attribute__((__weak__)) struct irqentry_report irqentry_last_report;
#endif

/*
 * void irqentry_os_report(enum irqentry_rule rule, const char *message,
 *			   irqentry_regs_t *regs)
 *	IRQENTRY_DEBUG only: a rule was broken. @message names the path and
 *	what went wrong, irqentry_rule_name(@rule) names the rule; @regs may
 *	be NULL. May return: the library then refuses the offending step (no
 *	schedule in a forbidden state, no endless loop) and carries on.
 *	Context: any, including NMI: no locks a non-NMI context may hold.
 *	Default: the library cannot print (it is freestanding), so it stores
 *	the rule, its name, the message and @regs in irqentry_last_report
 *	(read it from a debugger: "print irqentry_last_report") and stops the
 *	CPU with __builtin_trap(), which is on x86-64 ud2 (#UD; hosted:
 *	SIGILL), on arm64 brk (a debug exception; hosted: SIGTRAP), and on
 *	RISC-V ebreak with GCC (a breakpoint; hosted: SIGTRAP) or unimp with
 *	Clang (an illegal instruction; hosted: SIGILL). A kernel that would
 *	rather log and go on (a CI run that counts reports) defines this hook
 *	to print irqentry_rule_name(rule) and @message and return.
 */
#ifndef irqentry_os_report
static inline void irqentry_os_report(enum irqentry_rule rule,
				      const char *message,
				      irqentry_regs_t *regs)
{
	irqentry_last_report.rule = rule;
	irqentry_last_report.name = irqentry_rule_name(rule);
	irqentry_last_report.message = message;
	irqentry_last_report.regs = regs;
	/* The stores must reach memory before the CPU stops. */
	__asm__ __volatile__("" ::: "memory");
	__builtin_trap();
}
#endif

#endif /* IRQENTRY_HOOKS_H */
