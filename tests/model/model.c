/* SPDX-License-Identifier: MIT */
/*
 * Exhaustive model check. An independent reference model of what each
 * entry path must do, written from docs/design.md and the backends' documented
 * sequences (not by calling the library): which OS hooks run, in which
 * order, with which value of the interrupt-mask register, how many mask
 * writes the path makes, and what it leaves behind. Every input of the
 * space below is run through the library (hosted CPU, the recording test
 * OS) and through the model; any difference is printed and fails the run.
 *
 * The input space, per backend and wrapper (dimensions a wrapper ignores
 * are fixed, the rest are enumerated completely):
 *   frame mode (user/kernel, as the wrapper allows), the interrupted mask
 *   state (arm64: all 16 DAIF combinations, 4 for the syscalls' EL0
 *   frames; RISC-V SPIE, x86 IF: 2),
 *   idle, preempt count 0/1, the OS preemption veto, every subset of the
 *   six thread work bits, work raised by a hook during the loop (none,
 *   NEED_RESCHED again from schedule, NOTIFY_RESUME|OS from the signal
 *   hook), NMIs nested inside the handler (0..3; none in the syscall
 *   paths, whose space is large already), combined wrapper or its
 *   _enter/_exit pair; for syscalls every subset of the seven syscall-work
 *   bits with every skip decision of the three hooks that can skip, a
 *   valid and an invalid number; the guest loop with every subset of its
 *   work bits and both handler results.
 * Sparser, one at a time over a smaller work and mask space (they multiply
 * the syscall space): the tracer or the tracepoint rewriting the number;
 * an interrupt injected at the 1st, 2nd or 3rd unmask of the syscall path
 * (its entry, the work loop's passes) through the arch's kernel IRQ
 * wrapper, raising NEED_RESCHED or SIGPENDING; x86 frames that SYSRET must
 * refuse or accept, decided by the model from the frame's contents (RCX,
 * R11, RIP against the canonical limit, TF, RF, the selectors). A new
 * thread's first return (irqentry_syscall_new_thread() and the syscall
 * exit) over the work, raise and syscall-work spaces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <irqentry/irqentry.h>

struct test_os test_os;

/* ---- The architectures' register bits, from their manuals ------------- */

#if IRQENTRY_ARCH_ARM64
#define M_D       0x200UL
#define M_A       0x100UL
#define M_I       0x080UL
#define M_F       0x040UL
#define M_ALL     (M_D | M_A | M_I | M_F)
#define M_MASK    M_ALL
#define M_NSAVED  16 /* every DAIF combination of the interrupted PSTATE */
#define M_NSYSRET 1
#define M_HW_TRAP M_ALL
#elif IRQENTRY_ARCH_RISCV
#define M_SIE     0x002UL
#define M_SPIE    0x020UL
#define M_SPP     0x100UL
#define M_NSYSRET 1
#define M_MASK    M_SIE
#define M_NSAVED  2
#define M_HW_TRAP 0UL
#else
#define M_IF      0x200UL
#define M_TF      0x100UL
#define M_RF      0x10000UL
#define M_NSYSRET 10 /* the frame variants of x86_frames[] */
/* The user selectors the test OS gives SYSRET (its GDT's, tests/common). */
#define M_USER_CS 0x23UL
#define M_USER_SS 0x1bUL
#define M_MASK    M_IF
#define M_NSAVED  2
#define M_HW_TRAP 0UL
#endif

unsigned long test_status_now(void)
{
	return irqentry_hosted_cpu()->status & M_MASK;
}

/* Work bits as docs/design.md names them (the public values). */
#define W_NR      (1UL << 0)
#define W_LAZY    (1UL << 1)
#define W_SIG     (1UL << 2)
#define W_NSIG    (1UL << 3)
#define W_RESUME  (1UL << 4)
#define W_OS      TEST_OS_WORK_A
#define W_GUEST   TEST_OS_GUEST_WORK
#define W_PRIV    (1UL << 7) /* debug builds: syscall exit owed */
#define W_PRIVD   (1UL << 6) /* user dispatch redirected the syscall */
#define W_USER    (W_NR | W_LAZY | W_SIG | W_NSIG | W_RESUME | W_OS)
#define W_GUESTM  (W_NR | W_LAZY | W_SIG | W_NSIG | W_RESUME | W_GUEST)
#define SC_TRACE  (1UL << 0)
#define SC_EMU    (1UL << 1)
#define SC_FILTER (1UL << 2)
#define SC_TP     (1UL << 3)
#define SC_AUDIT  (1UL << 4)
#define SC_STEP   (1UL << 5)
#define SC_UDISP  (1UL << 6)
#define ENOSYS_V  (-38L)
#define NR_VALID  5L
#define NR_BAD    200L /* >= the test OS's 64 syscalls */
#define NR_TRACER 9L
#define NR_TP     11L

/* ---- Inputs ----------------------------------------------------------- */

enum kind {
	K_KERNEL,    /* kernel-mode entry/exit with preemption */
	K_USER,      /* user-mode entry, work loop on exit */
	K_NMI,       /* NMI class: no work, never schedules */
	K_SYSCALL,   /* user-mode syscall */
	K_GUEST,     /* the guest-entry work loop */
	K_NEWTHREAD, /* a new thread's first return, through the syscall exit */
};

enum modes { MODE_KERNEL = 1, MODE_USER = 2, MODE_BOTH = 3 };

struct wrapper {
	const char *name;
	unsigned int modes;
	bool split; /* has an _enter/_exit pair */
};

struct input {
	unsigned int w;
	bool user;
	unsigned long saved; /* interrupted mask state, encoded per arch */
	bool idle, veto;
	int pc;
	unsigned long work;
	int raise;
	int nmi;
	bool split;
	unsigned long scwork;
	unsigned int skips; /* bit 0 dispatch, 1 trace, 2 filter */
	bool nr_ok;
	int frame;   /* x86: index into x86_frames[] */
	int rewrite; /* 1: the tracer sets NR_TRACER, 2: the tracepoint NR_TP */
	int irq;     /* 0, or an interrupt at unmask (irq+1)/2 raising
			(irq odd) NEED_RESCHED or (even) SIGPENDING */
	int guest_ret;
};

#define M_TRACE 96 /* longer than any path's trace */

struct result {
	struct test_event ev[M_TRACE];
	unsigned int n;
	unsigned long status, writes, work;
	long ret, regs_ret, pc;
	long orig; /* the first argument the arch syscall wrapper saved */
	unsigned int nmi_depth, reports, depth;
};

/* ---- The backends' wrappers, and how the library is driven ------------ */

static const struct input *cur; /* the input being run */

static void nested_nmi(int depth);

static void handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_record(EV_HANDLER, (long)irqentry_in_nmi());
	nested_nmi(cur->nmi);
}

static void nmi_handler(irqentry_regs_t *regs, void *arg)
{
	int left = *(int *)arg;

	(void)regs;
	test_record(EV_HANDLER, (long)irqentry_in_nmi());
	nested_nmi(left);
}

static void syscall_fn(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	test_record(EV_SYSCALL, nr);
	regs->ret = nr * 10;
	nested_nmi(cur->nmi);
}

/* A frame for the interrupted state @saved (encoded as the model's). */
static struct test_regs make_frame(bool user, unsigned long saved)
{
	struct test_regs r;

	memset(&r, 0, sizeof(r));
#if IRQENTRY_ARCH_ARM64
	r.status = (user ? 0x0UL : 0x5UL) | (saved & M_ALL);
#elif IRQENTRY_ARCH_RISCV
	r.status = (user ? 0 : M_SPP) | (saved ? M_SPIE : 0);
#else
	/* The user selectors SYSRET loads. */
	r.cs = user ? M_USER_CS : 0x10;
	r.ss = user ? M_USER_SS : 0x18;
	r.status = 0x2UL | (saved ? M_IF : 0);
#endif
	r.pc = 0x400000;
	return r;
}

#if IRQENTRY_ARCH_ARM64
enum {
	W_EL1_SYNC,
	W_EL1_IRQ,
	W_EL1_NMI,
	W_EL1_DBG,
	W_EL0_SYNC,
	W_EL0_IRQ,
	W_EL0_SVC,
	W_EL0_SERROR,
	W_EL0_DBG,
	W_GEN_ENTRY,
	W_GEN_SYSCALL,
	W_GEN_NEW_THREAD,
	W_GEN_NMI,
	W_GUEST_LOOP,
	W_COUNT
};

static const struct wrapper wrappers[W_COUNT] = {
	[W_EL1_SYNC] = {"el1_sync", MODE_KERNEL, true},
	[W_EL1_IRQ] = {"el1_irq", MODE_KERNEL, true},
	[W_EL1_NMI] = {"el1_nmi", MODE_KERNEL, true},
	[W_EL1_DBG] = {"el1_dbg", MODE_KERNEL, false},
	[W_EL0_SYNC] = {"el0_sync", MODE_USER, true},
	[W_EL0_IRQ] = {"el0_irq", MODE_USER, true},
	[W_EL0_SVC] = {"el0_svc", MODE_USER, true},
	[W_EL0_SERROR] = {"el0_serror", MODE_USER, false},
	[W_EL0_DBG] = {"el0_dbg", MODE_USER, false},
	[W_GEN_ENTRY] = {"irqentry_enter/exit", MODE_BOTH, false},
	[W_GEN_SYSCALL] = {"syscall_enter/exit", MODE_USER, false},
	[W_GEN_NEW_THREAD] = {"new_thread+syscall_exit", MODE_USER, false},
	[W_GEN_NMI] = {"nmi_enter/exit", MODE_BOTH, false},
	[W_GUEST_LOOP] = {"guest_handle_work", MODE_KERNEL, false},
};

static enum kind wrapper_kind(unsigned int w)
{
	switch (w) {
	case W_EL1_SYNC:
	case W_EL1_IRQ:
		return K_KERNEL;
	case W_EL1_NMI:
	case W_EL1_DBG:
	case W_GEN_NMI:
		return K_NMI;
	case W_EL0_SVC:
	case W_GEN_SYSCALL:
		return K_SYSCALL;
	case W_GUEST_LOOP:
		return K_GUEST;
	case W_GEN_NEW_THREAD:
		return K_NEWTHREAD;
	default:
		return K_USER; /* W_GEN_ENTRY decides by mode, see below */
	}
}

/* The NMI-class vector the handler's nested NMIs come through. */
static void arch_nmi(irqentry_regs_t *regs, int *left)
{
	irqentry_arm64_el1_nmi(regs, nmi_handler, left);
}

static long run_arch(const struct input *in, irqentry_regs_t *regs)
{
	irqentry_state_t st;
	long nr;

	switch (in->w) {
	case W_EL1_SYNC:
		if (!in->split) {
			irqentry_arm64_el1_sync(regs, handler, NULL);
			return 0;
		}
		st = irqentry_arm64_el1_sync_enter(regs);
		handler(regs, NULL);
		irqentry_arm64_el1_sync_exit(regs, st);
		return 0;
	case W_EL1_IRQ:
		if (!in->split) {
			irqentry_arm64_el1_irq(regs, handler, NULL);
			return 0;
		}
		st = irqentry_arm64_el1_irq_enter(regs);
		handler(regs, NULL);
		irqentry_arm64_el1_irq_exit(regs, st);
		return 0;
	case W_EL1_NMI:
		if (!in->split) {
			irqentry_arm64_el1_nmi(regs, handler, NULL);
			return 0;
		}
		st = irqentry_arm64_el1_nmi_enter(regs);
		handler(regs, NULL);
		irqentry_arm64_el1_nmi_exit(regs, st);
		return 0;
	case W_EL1_DBG:
		irqentry_arm64_el1_dbg(regs, handler, NULL);
		return 0;
	case W_EL0_SYNC:
		if (!in->split) {
			irqentry_arm64_el0_sync(regs, handler, NULL);
			return 0;
		}
		irqentry_arm64_el0_sync_enter(regs);
		handler(regs, NULL);
		irqentry_arm64_el0_sync_exit(regs);
		return 0;
	case W_EL0_IRQ:
		if (!in->split) {
			irqentry_arm64_el0_irq(regs, handler, NULL);
			return 0;
		}
		irqentry_arm64_el0_irq_enter(regs);
		handler(regs, NULL);
		irqentry_arm64_el0_irq_exit(regs);
		return 0;
	case W_EL0_SVC:
		if (!in->split) {
			irqentry_arm64_el0_svc(regs, syscall_fn, NULL);
			return 0;
		}
		nr = irqentry_arm64_el0_svc_enter(regs);
		(void)irqentry_syscall_dispatch(regs, nr, syscall_fn, NULL);
		irqentry_arm64_el0_svc_exit(regs);
		return nr;
	case W_EL0_SERROR:
		irqentry_arm64_el0_serror(regs, handler, NULL);
		return 0;
	case W_EL0_DBG:
		irqentry_arm64_el0_dbg(regs, handler, NULL);
		return 0;
	}
	return -999;
}
#elif IRQENTRY_ARCH_RISCV
enum {
	W_IRQ,
	W_EXC,
	W_KTRAP,
	W_ECALL,
	W_GEN_ENTRY,
	W_GEN_SYSCALL,
	W_GEN_NEW_THREAD,
	W_GEN_NMI,
	W_GUEST_LOOP,
	W_COUNT
};

static const struct wrapper wrappers[W_COUNT] = {
	[W_IRQ] = {"irq", MODE_BOTH, true},
	[W_EXC] = {"exception", MODE_BOTH, true},
	[W_KTRAP] = {"kernel_trap", MODE_KERNEL, true},
	[W_ECALL] = {"ecall_u", MODE_USER, true},
	[W_GEN_ENTRY] = {"irqentry_enter/exit", MODE_BOTH, false},
	[W_GEN_SYSCALL] = {"syscall_enter/exit", MODE_USER, false},
	[W_GEN_NEW_THREAD] = {"new_thread+syscall_exit", MODE_USER, false},
	[W_GEN_NMI] = {"nmi_enter/exit", MODE_BOTH, false},
	[W_GUEST_LOOP] = {"guest_handle_work", MODE_KERNEL, false},
};

static enum kind wrapper_kind(unsigned int w)
{
	switch (w) {
	case W_KTRAP:
	case W_GEN_NMI:
		return K_NMI;
	case W_ECALL:
	case W_GEN_SYSCALL:
		return K_SYSCALL;
	case W_GUEST_LOOP:
		return K_GUEST;
	case W_GEN_NEW_THREAD:
		return K_NEWTHREAD;
	default:
		return K_USER;
	}
}

static void arch_nmi(irqentry_regs_t *regs, int *left)
{
	irqentry_riscv_kernel_trap(regs, nmi_handler, left);
}

static long run_arch(const struct input *in, irqentry_regs_t *regs)
{
	irqentry_state_t st;
	long nr;

	switch (in->w) {
	case W_IRQ:
		if (!in->split) {
			irqentry_riscv_irq(regs, handler, NULL);
			return 0;
		}
		st = irqentry_riscv_irq_enter(regs);
		handler(regs, NULL);
		irqentry_riscv_irq_exit(regs, st);
		return 0;
	case W_EXC:
		if (!in->split) {
			irqentry_riscv_exception(regs, handler, NULL);
			return 0;
		}
		st = irqentry_riscv_exception_enter(regs);
		handler(regs, NULL);
		irqentry_riscv_exception_exit(regs, st);
		return 0;
	case W_KTRAP:
		if (!in->split) {
			irqentry_riscv_kernel_trap(regs, handler, NULL);
			return 0;
		}
		st = irqentry_riscv_kernel_trap_enter(regs);
		handler(regs, NULL);
		irqentry_riscv_kernel_trap_exit(regs, st);
		return 0;
	case W_ECALL:
		if (!in->split) {
			irqentry_riscv_ecall_u(regs, syscall_fn, NULL);
			return 0;
		}
		nr = irqentry_riscv_ecall_u_enter(regs);
		(void)irqentry_syscall_dispatch(regs, nr, syscall_fn, NULL);
		irqentry_riscv_ecall_u_exit(regs);
		return nr;
	}
	return -999;
}
#else
enum {
	W_IDT,
	W_IDT_IRQ,
	W_IDT_RAW,
	W_NMI,
	W_SYSCALL64,
	W_GEN_ENTRY,
	W_GEN_SYSCALL,
	W_GEN_NEW_THREAD,
	W_GEN_NMI,
	W_GUEST_LOOP,
	W_COUNT
};

static const struct wrapper wrappers[W_COUNT] = {
	[W_IDT] = {"idtentry", MODE_BOTH, true},
	[W_IDT_IRQ] = {"idtentry_irq", MODE_BOTH, true},
	[W_IDT_RAW] = {"idtentry_raw", MODE_BOTH, true},
	[W_NMI] = {"nmi", MODE_BOTH, true},
	[W_SYSCALL64] = {"syscall_64", MODE_USER, true},
	[W_GEN_ENTRY] = {"irqentry_enter/exit", MODE_BOTH, false},
	[W_GEN_SYSCALL] = {"syscall_enter/exit", MODE_USER, false},
	[W_GEN_NEW_THREAD] = {"new_thread+syscall_exit", MODE_USER, false},
	[W_GEN_NMI] = {"nmi_enter/exit", MODE_BOTH, false},
	[W_GUEST_LOOP] = {"guest_handle_work", MODE_KERNEL, false},
};

static enum kind wrapper_kind(unsigned int w)
{
	switch (w) {
	case W_NMI:
	case W_GEN_NMI:
		return K_NMI;
	case W_SYSCALL64:
	case W_GEN_SYSCALL:
		return K_SYSCALL;
	case W_GUEST_LOOP:
		return K_GUEST;
	case W_GEN_NEW_THREAD:
		return K_NEWTHREAD;
	default:
		return K_USER;
	}
}

static void arch_nmi(irqentry_regs_t *regs, int *left)
{
	irqentry_x86_nmi(regs, nmi_handler, left);
}

static long run_arch(const struct input *in, irqentry_regs_t *regs)
{
	irqentry_state_t st;
	long nr;

	switch (in->w) {
	case W_IDT:
		if (!in->split) {
			irqentry_x86_idtentry(regs, handler, NULL);
			return 0;
		}
		st = irqentry_x86_idtentry_enter(regs);
		handler(regs, NULL);
		irqentry_x86_idtentry_exit(regs, st);
		return 0;
	case W_IDT_IRQ:
		if (!in->split) {
			irqentry_x86_idtentry_irq(regs, handler, NULL);
			return 0;
		}
		st = irqentry_x86_idtentry_irq_enter(regs);
		handler(regs, NULL);
		irqentry_x86_idtentry_irq_exit(regs, st);
		return 0;
	case W_IDT_RAW:
		if (!in->split) {
			irqentry_x86_idtentry_raw(regs, handler, NULL);
			return 0;
		}
		st = irqentry_x86_idtentry_raw_enter(regs);
		handler(regs, NULL);
		irqentry_x86_idtentry_raw_exit(regs, st);
		return 0;
	case W_NMI:
		if (!in->split) {
			irqentry_x86_nmi(regs, handler, NULL);
			return 0;
		}
		st = irqentry_x86_nmi_enter(regs);
		handler(regs, NULL);
		irqentry_x86_nmi_exit(regs, st);
		return 0;
	case W_SYSCALL64:
		if (!in->split)
			return irqentry_x86_syscall_64(regs, syscall_fn, NULL);
		nr = irqentry_x86_syscall_64_enter(regs);
		(void)irqentry_syscall_dispatch(regs, nr, syscall_fn, NULL);
		return irqentry_x86_syscall_64_exit(regs) ? 1000 + nr : nr;
	}
	return -999;
}
#endif

/* Take @depth nested NMIs here (the hardware trap, the vector, eret). */
static void nested_nmi(int depth)
{
	struct irqentry_hosted *cpu = irqentry_hosted_cpu();
	unsigned long interrupted = cpu->status;
	struct test_regs r;
	int left = depth - 1;

	if (depth <= 0)
		return;
	r = make_frame(false, 0);
#if IRQENTRY_ARCH_ARM64
	r.status = 0x5UL | (interrupted & M_ALL);
	cpu->status = interrupted | M_ALL;
#elif IRQENTRY_ARCH_RISCV
	r.status = M_SPP | ((interrupted & M_SIE) ? M_SPIE : 0);
	cpu->status = interrupted & ~M_SIE;
#else
	r.status = 0x2UL | (interrupted & M_IF);
	cpu->status = interrupted & ~M_IF;
#endif
	arch_nmi(&r, &left);
	cpu->status = interrupted;
}

/* The status the hosted CPU is in when the generic core is called. */
static unsigned long gen_trap_status(void)
{
#if IRQENTRY_ARCH_ARM64
	return M_I | M_F; /* the arm64 vector opened D and A */
#else
	return 0;
#endif
}

/* The status a new thread runs its first return with: IRQs on, as the
 * switch to it left them. */
static unsigned long on_status(void)
{
#if IRQENTRY_ARCH_ARM64
	return 0;
#else
	return M_MASK;
#endif
}

#if IRQENTRY_ARCH_X86
/*
 * Syscall frames as SYSRET sees them on the way out: RIP, and what the
 * frame holds in RCX, R11 and RFLAGS, as differences from the frame the
 * SYSCALL left (RCX == RIP, R11 == RFLAGS). Inputs only: whether SYSRET is
 * allowed is decided separately, by m_sysret_ok() from these contents.
 */
struct x86_frame {
	unsigned long rip;
	long cx_delta;         /* RCX = RIP + cx_delta */
	unsigned long r11_xor; /* R11 = RFLAGS ^ r11_xor */
	unsigned long flags;   /* ORed into the saved RFLAGS (and R11) */
	unsigned long cs, ss;  /* the frame's selectors, if not the user's */
};

static const struct x86_frame x86_frames[M_NSYSRET] = {
	{0x400000UL, 0, 0, 0, 0, 0},       /* as SYSCALL left it */
	{0x400000UL, 8, 0, 0, 0, 0},       /* RIP changed (signal) */
	{0x400000UL, 0, 0x400UL, 0, 0, 0}, /* RFLAGS changed (DF) */
	{0x800000000000UL, 0, 0, 0, 0, 0}, /* non-canonical RIP */
	{0x7ffffffff010UL, 0, 0, 0, 0, 0}, /* last page below the hole */
	{0x7fffffffeff0UL, 0, 0, 0, 0, 0}, /* just below that page */
	{0x400000UL, 0, 0, M_TF, 0, 0},    /* single-stepping */
	{0x400000UL, 0, 0, M_RF, 0, 0},    /* resume flag */
	{0x400000UL, 0, 0, 0, 0x33, 0},    /* another ring-3 CS (ptrace) */
	{0x400000UL, 0, 0, 0, 0, 0x2b},    /* another ring-3 SS (sigreturn) */
};

static void x86_frame_apply(struct test_regs *r, int v)
{
	const struct x86_frame *f = &x86_frames[v];

	r->pc = f->rip;
	r->status |= f->flags;
	r->cx = (unsigned long)((long)f->rip + f->cx_delta);
	r->r11 = r->status ^ f->r11_xor;
	if (f->cs)
		r->cs = f->cs;
	if (f->ss)
		r->ss = f->ss;
}
#endif

/* ---- The injected interrupt: the arch's kernel IRQ wrapper ------------- */

static unsigned int inj_opens;

static unsigned long inj_bit(const struct input *in)
{
	return (in->irq & 1) ? W_NR : W_SIG;
}

static bool opens_irqs(unsigned long st)
{
#if IRQENTRY_ARCH_ARM64
	return !(st & M_I);
#else
	return (st & M_MASK) != 0;
#endif
}

static void inj_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_record(EV_IRQ_BEGIN, (long)inj_bit(cur));
	irqentry_work_set(irqentry_os_work(), inj_bit(cur));
}

static void inj_irq(void *arg, unsigned long interrupted)
{
	struct test_regs r;

	(void)arg;
#if IRQENTRY_ARCH_ARM64
	r = make_frame(false, interrupted & M_ALL);
	irqentry_arm64_el1_irq(&r, inj_handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	r = make_frame(false, (interrupted & M_SIE) ? 1 : 0);
	irqentry_riscv_irq(&r, inj_handler, NULL);
#else
	r = make_frame(false, (interrupted & M_IF) ? 1 : 0);
	irqentry_x86_idtentry_irq(&r, inj_handler, NULL);
#endif
}

/* Raise the interrupt at the chosen unmask (it is delivered there). */
static void inj_observe(void *arg, unsigned long old_status,
			unsigned long new_status)
{
	(void)arg;
	(void)old_status;
	if (opens_irqs(new_status) &&
	    ++inj_opens == (unsigned)(cur->irq + 1) / 2)
		irqentry_hosted_raise(inj_irq, NULL);
}

static bool is_generic(unsigned int w)
{
	return w == W_GEN_ENTRY || w == W_GEN_SYSCALL || w == W_GEN_NMI ||
	       w == W_GUEST_LOOP || w == W_GEN_NEW_THREAD;
}

static void run_library(const struct input *in, struct result *out)
{
	struct test_regs regs = make_frame(in->user, in->saved);
	irqentry_state_t st;
	long nr, ret = 0;
	int vcpu = 3;

	memset(&test_os, 0, sizeof(test_os));
	memset(irqentry_os_cpu(), 0, sizeof(struct irqentry_cpu));
	irqentry_os_thread()->in_user = 1;
	test_os.rewrite_nr = -1;
	test_os.tp_rewrite_nr = -1;
	test_os.record_masked = true;
	test_os.work = in->work;
	if (in->w == W_GEN_NEW_THREAD) /* a parent's word, copied mid-syscall */
		test_os.work |= W_PRIV | W_PRIVD;
	test_os.syscall_work = in->scwork;
	test_os.preempt_count = in->pc;
	test_os.in_idle = in->idle;
	test_os.veto = in->veto;
	test_os.dispatch_skip = in->skips & 1;
	test_os.trace_skip = (in->skips >> 1) & 1;
	test_os.filter_skip = (in->skips >> 2) & 1;
	test_os.guest_work_ret = in->guest_ret;
	if (in->raise == 1)
		test_os.reraise_resched = 1;
	else if (in->raise == 2)
		test_os.raise_in_signal = W_RESUME | W_OS;
	if (in->rewrite == 1)
		test_os.rewrite_nr = NR_TRACER;
	else if (in->rewrite == 2)
		test_os.tp_rewrite_nr = NR_TP;
	regs.nr = in->nr_ok ? NR_VALID : NR_BAD;
	regs.ret = 77;
	test_orig_a0 = 0;
	test_orig_x0 = 0;
#if IRQENTRY_ARCH_X86
	x86_frame_apply(&regs, in->frame);
#endif
	irqentry_hosted_reset(in->w == W_GEN_NEW_THREAD ? on_status()
			      : is_generic(in->w)       ? gen_trap_status()
							: M_HW_TRAP);
	inj_opens = 0;
	if (in->irq)
		irqentry_hosted_cpu()->on_write = inj_observe;
	cur = in;

	switch (in->w) {
	case W_GEN_ENTRY:
		st = irqentry_enter(&regs);
		handler(&regs, NULL);
		irqentry_exit(&regs, st);
		break;
	case W_GEN_SYSCALL:
		nr = irqentry_syscall_enter_from_user_mode(&regs, regs.nr);
		ret = nr;
		(void)irqentry_syscall_dispatch(&regs, nr, syscall_fn, NULL);
		irqentry_syscall_exit_to_user_mode(&regs);
		break;
	case W_GEN_NEW_THREAD:
		/* Switched in: the CPU in the kernel, the depth the previous
		 * thread was at (a kernel entry it was preempted in). */
		irqentry_os_thread()->in_user = 0;
		irqentry_os_thread()->depth = 1;
		irqentry_syscall_new_thread(&regs);
		irqentry_syscall_exit_to_user_mode(&regs);
		break;
	case W_GEN_NMI:
		st = irqentry_nmi_enter(&regs);
		handler(&regs, NULL);
		irqentry_nmi_exit(&regs, st);
		break;
	case W_GUEST_LOOP:
		ret = irqentry_guest_handle_work(&vcpu);
		break;
	default:
		ret = run_arch(in, &regs);
		break;
	}
	out->n = test_os.n;
	memcpy(out->ev, test_os.trace,
	       (out->n < M_TRACE ? out->n : M_TRACE) * sizeof(out->ev[0]));
	out->status = irqentry_hosted_cpu()->status & M_MASK;
	out->writes = irqentry_hosted_cpu()->status_writes;
	out->work = test_os.work;
	out->ret = ret;
	out->regs_ret = regs.ret;
	out->pc = (long)regs.pc;
	out->orig = test_orig_a0 + test_orig_x0;
	out->nmi_depth = irqentry_os_cpu()->nmi_depth;
	out->reports = test_os.nreports;
	out->depth = irqentry_os_thread()->depth;
}

/* ---- The reference model ---------------------------------------------- */

struct model {
	const struct input *in;
	struct result r;
	unsigned long st; /* live mask bits */
	int reraise;
	unsigned long raise_in_signal;
	unsigned int nmi_depth;
	unsigned int opens; /* writes so far that opened interrupts */
};

static void m_interrupt(struct model *m);

static void m_ev(struct model *m, enum test_ev ev, long arg)
{
	if (m->r.n < M_TRACE) {
		m->r.ev[m->r.n].ev = ev;
		m->r.ev[m->r.n].status = m->st;
		m->r.ev[m->r.n].arg = arg;
		m->r.n++;
	}
}

/* A write; an interrupt pending for this unmask is taken right after it. */
static void m_write(struct model *m, unsigned long st)
{
	m->st = st & M_MASK;
	m->r.writes++;
	if (m->in->irq && opens_irqs(m->st) &&
	    ++m->opens == (unsigned)(m->in->irq + 1) / 2)
		m_interrupt(m);
}

/* The generic "enable / disable interrupts" of each arch. */
static void m_irq_on(struct model *m)
{
#if IRQENTRY_ARCH_ARM64
	m_write(m, 0); /* all of DAIF open: process context */
#else
	m_write(m, m->st | M_MASK);
#endif
}

static void m_irq_off(struct model *m)
{
#if IRQENTRY_ARCH_ARM64
	m_write(m, m->st | M_I | M_F);
#else
	m_write(m, m->st & ~M_MASK);
#endif
}

static bool m_saved_irqs_on(const struct input *in)
{
#if IRQENTRY_ARCH_ARM64
	return !(in->saved & M_I);
#else
	return in->saved != 0;
#endif
}

/* The test OS's hooks, as the tests define them. */
static void m_resched_done(struct model *m)
{
	m->r.work &= ~(W_NR | W_LAZY);
	if (m->reraise > 0) {
		m->reraise--;
		m->r.work |= W_NR;
	}
}

static void m_schedule(struct model *m, enum test_ev ev)
{
	m_ev(m, ev, (long)m->r.work);
	m_resched_done(m);
}

static void m_signal(struct model *m)
{
	m_ev(m, EV_SIGNAL, (long)m->r.work);
	m->r.work &= ~(W_SIG | W_NSIG);
	m->r.work |= m->raise_in_signal;
	m->raise_in_signal = 0;
}

/* The handler: records the NMI depth, then takes the nested NMIs. */
static void m_nmi_vector(struct model *m, int depth);

static void m_handler(struct model *m, enum test_ev ev, long arg)
{
	m_ev(m, ev, ev == EV_HANDLER ? (long)m->nmi_depth : arg);
	m_nmi_vector(m, m->in->nmi);
}

static void m_nmi_enter(struct model *m)
{
	m->nmi_depth++;
	m_ev(m, EV_NMI_ENTER, 0);
}

static void m_nmi_exit(struct model *m)
{
	m_ev(m, EV_NMI_EXIT, 0);
	m->nmi_depth--;
}

/* A nested NMI: trap, the arch's NMI-class vector, return. */
static void m_nmi_vector(struct model *m, int depth)
{
	unsigned long interrupted = m->st;

	if (depth <= 0)
		return;
#if IRQENTRY_ARCH_ARM64
	/* el1_nmi: D opened (SError context), all masked again on exit. */
	m->st = M_ALL;
	m_write(m, M_A | M_I | M_F);
	m_nmi_enter(m);
	m_ev(m, EV_HANDLER, (long)m->nmi_depth);
	m_nmi_vector(m, depth - 1);
	m_nmi_exit(m);
	m_write(m, M_ALL);
#else
	m->st = 0;
	m_nmi_enter(m);
	m_ev(m, EV_HANDLER, (long)m->nmi_depth);
	m_nmi_vector(m, depth - 1);
	m_nmi_exit(m);
#endif
	m->st = interrupted;
}

static void m_enter_kernel(struct model *m)
{
	m_ev(m, m->in->idle ? EV_ENTER_IDLE : EV_ENTER_KERNEL, 0);
}

static bool m_preempt_due(struct model *m)
{
	const struct input *in = m->in;

	return IRQENTRY_PREEMPTION && !in->idle && m_saved_irqs_on(in) &&
	       in->pc == 0 && (m->r.work & W_NR) && !in->veto;
}

/* Preempt while due (the preempt step); the live state is unchanged. */
static void m_preempt(struct model *m)
{
	while (m_preempt_due(m))
		m_schedule(m, EV_PREEMPT);
}

static void m_exit_kernel(struct model *m)
{
	m_ev(m, m->in->idle ? EV_EXIT_IDLE : EV_EXIT_KERNEL, 0);
}

/* Return-to-user work; returns whether the loop ran. */
static bool m_user_work(struct model *m)
{
	unsigned long work = m->r.work & W_USER;
	bool looped = work != 0;

	while (work) {
		m_irq_on(m);
		if (work & (W_NR | W_LAZY))
			m_schedule(m, EV_SCHEDULE);
		if (work & (W_SIG | W_NSIG))
			m_signal(m);
		if (work & W_RESUME) {
			m_ev(m, EV_NOTIFY, 1);
			m->r.work &= ~W_RESUME;
		}
		if (work & W_OS) {
			m_ev(m, EV_OS_WORK, (long)(work & W_OS));
			m->r.work &= ~(work & W_OS);
		}
		m_irq_off(m);
		work = m->r.work & W_USER;
	}
	m_ev(m, EV_PREPARE, 0);
	return looped;
}

/* Syscall entry work: returns the number to run, or -1. */
static long m_syscall_enter_work(struct model *m, long nr)
{
	const struct input *in = m->in;
	unsigned long w = in->scwork;

	if (!(w &
	      (SC_TRACE | SC_EMU | SC_FILTER | SC_TP | SC_AUDIT | SC_UDISP)))
		return nr;
	if (w & SC_UDISP) {
		m_ev(m, EV_SC_DISPATCH, 0);
		if (in->skips & 1)
			return -1;
	}
	if (w & (SC_TRACE | SC_EMU)) {
		m_ev(m, EV_SC_TRACE_ENTER, 0);
		if (in->rewrite == 1) /* the tracer stores its number */
			nr = NR_TRACER;
		if ((in->skips & 2) || (w & SC_EMU))
			return -1;
	}
	if (w & SC_FILTER) {
		m_ev(m, EV_SC_FILTER, 0);
		if (in->skips & 4)
			return -1;
	}
	m_ev(m, EV_SC_GET_NR, nr); /* what the tracer left */
	if (w & SC_TP) {
		/* A tracepoint probe may rewrite the number: read again. */
		m_ev(m, EV_SC_TP_ENTER, nr);
		if (in->rewrite == 2)
			nr = NR_TP;
		m_ev(m, EV_SC_GET_NR, nr);
	}
	if (w & SC_AUDIT)
		m_ev(m, EV_SC_AUDIT_ENTER, nr);
	return nr;
}

/* Linux's rule: a syscall user dispatch redirected has no exit work. */
static bool m_dispatched(const struct input *in)
{
	return (in->scwork & SC_UDISP) && (in->skips & 1);
}

static void m_syscall_exit_work(struct model *m)
{
	unsigned long w = m->in->scwork;
	bool step = (w & SC_STEP) && !(w & SC_EMU);

	if (m_dispatched(m->in))
		return;
	if (w & SC_AUDIT)
		m_ev(m, EV_SC_AUDIT_EXIT, 0);
	if (w & SC_TP)
		m_ev(m, EV_SC_TP_EXIT, 0);
	if (step || (w & SC_TRACE))
		m_ev(m, EV_SC_TRACE_EXIT, step);
}

/*
 * The injected interrupt: taken from kernel mode with interrupts on, so a
 * kernel-mode entry, the handler raising its bit, preemption while due
 * (the interrupted syscall context is preemptible: preempt count 0, not
 * idle, no veto), the kernel-mode exit; the hardware restores the mask.
 */
static void m_interrupt(struct model *m)
{
	unsigned long interrupted = m->st;
	unsigned long bit = (m->in->irq & 1) ? W_NR : W_SIG;

#if IRQENTRY_ARCH_ARM64
	m->st = M_ALL;         /* the exception masks everything */
	m_write(m, M_I | M_F); /* el1_irq: D and A open */
#else
	m->st = 0;
#endif
	m_ev(m, EV_ENTER_KERNEL, 0);
	m_ev(m, EV_IRQ_BEGIN, (long)bit);
	m->r.work |= bit;
	while (IRQENTRY_PREEMPTION && m->in->pc == 0 && (m->r.work & W_NR))
		m_schedule(m, EV_PREEMPT);
#if IRQENTRY_ARCH_ARM64
	m_write(m, M_ALL);
#endif
	m_ev(m, EV_EXIT_KERNEL, 0);
	m->st = interrupted;
}

/* Dispatch: runs the syscall for a number in range. */
static void m_dispatch(struct model *m, long nr)
{
	if (nr >= 0 && nr < 64) {
		m_ev(m, EV_SYSCALL, nr);
		m->r.regs_ret = nr * 10;
		m_nmi_vector(m, m->in->nmi);
	}
}

/* The generic syscall path (its dispatch included). */
static long m_generic_syscall(struct model *m, long nr)
{
	m_ev(m, EV_ENTER_USER, 0);
	m_ev(m, EV_SC_ENTER_MASKED, 0); /* before IRQs are enabled */
	m_irq_on(m);
	nr = m_syscall_enter_work(m, nr);
	m_dispatch(m, nr);
	m_syscall_exit_work(m);
	m_irq_off(m);
	(void)m_user_work(m);
	m_ev(m, EV_SC_EXIT_MASKED, 0); /* after the work, still masked */
	m_ev(m, EV_EXIT_USER, 0);
	return nr;
}

/*
 * A new thread's first return: the syscall exit as for any syscall (a
 * traced child gets its exit stop; the copied parent's dispatch marker
 * does not swallow it), the work loop, the return. Debug builds start the
 * thread's own bookkeeping (nesting depth 0); release builds keep none,
 * so the depth the previous thread left stays as it was.
 */
static void m_new_thread(struct model *m)
{
	m_syscall_exit_work(m);
	m_irq_off(m);
	(void)m_user_work(m);
	m_ev(m, EV_SC_EXIT_MASKED, 0);
	m_ev(m, EV_EXIT_USER, 0);
	m->r.depth = IRQENTRY_DEBUG ? 0 : 1;
}

/* The single-call path (riscv, x86; the generic entry on every arch). */
static void m_single_call(struct model *m, bool exc)
{
	bool on = exc && m_saved_irqs_on(m->in);

	if (m->in->user)
		m_ev(m, EV_ENTER_USER, 0);
	else
		m_enter_kernel(m);
	if (on)
		m_irq_on(m);
	m_handler(m, EV_HANDLER, 0);
	if (on)
		m_irq_off(m);
	if (m->in->user) {
		(void)m_user_work(m);
		m_ev(m, EV_EXIT_USER, 0);
	} else {
		m_preempt(m);
		m_exit_kernel(m);
	}
}

static void m_plain_nmi(struct model *m)
{
	m_nmi_enter(m);
	m_handler(m, EV_HANDLER, 0);
	m_nmi_exit(m);
}

static long m_guest(struct model *m)
{
	unsigned long work = m->r.work & W_GUESTM;

	while (work) {
		if (work & (W_NR | W_LAZY))
			m_schedule(m, EV_SCHEDULE);
		if (work & (W_SIG | W_NSIG)) {
			m_ev(m, EV_GUEST_SIGNAL, 3);
			return -1003;
		}
		if (work & W_RESUME) {
			m_ev(m, EV_NOTIFY, 0);
			m->r.work &= ~W_RESUME;
		}
		if (work & W_GUEST) {
			m_ev(m, EV_GUEST_WORK, (long)(work & W_GUEST));
			m->r.work &= ~W_GUEST;
			if (m->in->guest_ret)
				return m->in->guest_ret;
		}
		work = m->r.work & W_GUESTM;
	}
	return 0;
}

#if IRQENTRY_ARCH_ARM64
/* Return to EL1: all masked; preempt at I|F only when due. */
static void m_arm64_exit_el1(struct model *m)
{
	m_write(m, M_ALL);
	if (m_preempt_due(m)) {
		m_write(m, M_I | M_F);
		m_preempt(m);
		m_write(m, M_ALL);
	}
	m_exit_kernel(m);
}

/* Return to EL0: all masked, work (at I|F) only when pending; a syscall's
 * last masked step with everything masked, before the state management. */
static void m_arm64_exit_el0_sc(struct model *m, bool syscall)
{
	m_write(m, M_ALL);
	if (m_user_work(m))
		m_write(m, M_ALL);
	if (syscall)
		m_ev(m, EV_SC_EXIT_MASKED, 0);
	m_ev(m, EV_EXIT_USER, 0);
}

static void m_arm64_exit_el0(struct model *m)
{
	m_arm64_exit_el0_sc(m, false);
}

static long m_arch(struct model *m)
{
	const struct input *in = m->in;
	long nr;

	switch (in->w) {
	case W_EL1_SYNC: /* inherit the interrupted DAIF for the handler */
		m_enter_kernel(m);
		m_write(m, in->saved);
		m_handler(m, EV_HANDLER, 0);
		m_arm64_exit_el1(m);
		return 0;
	case W_EL1_IRQ: /* D and A open, I and F stay masked */
		m_write(m, M_I | M_F);
		m_enter_kernel(m);
		m_handler(m, EV_HANDLER, 0);
		m_preempt(m);
		m_write(m, M_ALL);
		m_exit_kernel(m);
		return 0;
	case W_EL1_NMI: /* only D open while handling an SError */
		m_write(m, M_A | M_I | M_F);
		m_plain_nmi(m);
		m_write(m, M_ALL);
		return 0;
	case W_EL1_DBG: /* no write at all */
		m_plain_nmi(m);
		return 0;
	case W_EL0_SYNC:
		m_ev(m, EV_ENTER_USER, 0);
		m_write(m, 0);
		m_handler(m, EV_HANDLER, 0);
		m_arm64_exit_el0(m);
		return 0;
	case W_EL0_IRQ:
		m_ev(m, EV_ENTER_USER, 0);
		m_write(m, M_I | M_F);
		m_handler(m, EV_HANDLER, 0);
		m_arm64_exit_el0(m);
		return 0;
	case W_EL0_SVC: /* x0 saved (orig_x0), then preset to -ENOSYS */
		m_ev(m, EV_ENTER_USER, 0);
		m_ev(m, EV_SC_GET_NR, in->nr_ok ? NR_VALID : NR_BAD);
		m->r.orig = m->r.regs_ret;
		m->r.regs_ret = ENOSYS_V;
		m_ev(m, EV_SC_ENTER_MASKED, 0); /* all of DAIF still masked */
		m_write(m, 0);
		nr = m_syscall_enter_work(m, in->nr_ok ? NR_VALID : NR_BAD);
		m_dispatch(m, nr);
		m_syscall_exit_work(m);
		m_arm64_exit_el0_sc(m, true);
		return in->split ? nr : 0;
	case W_EL0_SERROR:
		m_ev(m, EV_ENTER_USER, 0);
		m_write(m, M_A | M_I | M_F);
		m_plain_nmi(m);
		m_arm64_exit_el0(m);
		return 0;
	case W_EL0_DBG: /* no write unless there is work */
		m_ev(m, EV_ENTER_USER, 0);
		m_handler(m, EV_HANDLER, 0);
		if (m_user_work(m))
			m_write(m, M_ALL);
		m_ev(m, EV_EXIT_USER, 0);
		return 0;
	}
	return -999;
}
#elif IRQENTRY_ARCH_RISCV
static long m_arch(struct model *m)
{
	const struct input *in = m->in;
	long nr = in->nr_ok ? NR_VALID : NR_BAD;

	switch (in->w) {
	case W_IRQ:
		m_single_call(m, false);
		return 0;
	case W_EXC:
		m_single_call(m, true);
		return 0;
	case W_KTRAP:
		m_plain_nmi(m);
		return 0;
	case W_ECALL: /* sepc past the ecall, a0 saved, preset to -ENOSYS */
		m->r.pc += 4;
		m->r.orig = m->r.regs_ret;
		m->r.regs_ret = ENOSYS_V;
		m_ev(m, EV_SC_GET_NR, nr);
		nr = m_generic_syscall(m, nr);
		return in->split ? (nr >= 0 && nr < 64 ? nr : -1) : 0;
	}
	return -999;
}
#else
/*
 * SYSRET loads RIP from RCX and RFLAGS from R11 and cannot restore RF, and
 * after it a TF trap comes before the first user instruction; Intel CPUs
 * fault in ring 0 on a non-canonical RIP (CVE-2012-0217), and a SYSCALL in
 * the last page below the hole would return to the first non-canonical
 * address. So: to ring 3, RCX == RIP, R11 == RFLAGS, RIP below 2^47 - 4096,
 * neither TF nor RF, CS/SS the selectors SYSRET loads. Read from the frame.
 */
static bool m_sysret_ok(const struct input *in)
{
	struct test_regs r = make_frame(in->user, in->saved);

	x86_frame_apply(&r, in->frame);
	return (r.cs & 3) == 3 && r.cx == r.pc && r.r11 == r.status &&
	       r.pc < 0x7ffffffff000UL && !(r.status & (M_TF | M_RF)) &&
	       r.cs == M_USER_CS && r.ss == M_USER_SS;
}

static long m_arch(struct model *m)
{
	const struct input *in = m->in;
	long nr = in->nr_ok ? NR_VALID : NR_BAD;
	bool sysret;

	switch (in->w) {
	case W_IDT:
		m_single_call(m, true);
		return 0;
	case W_IDT_IRQ:
		m_single_call(m, false);
		return 0;
	case W_IDT_RAW: /* from kernel mode: NMI class */
		if (in->user)
			m_single_call(m, true);
		else
			m_plain_nmi(m);
		return 0;
	case W_NMI:
		m_plain_nmi(m);
		return 0;
	case W_SYSCALL64:
		m->r.regs_ret = ENOSYS_V;
		m_ev(m, EV_SC_GET_NR, nr);
		nr = m_generic_syscall(m, nr);
		nr = nr >= 0 && nr < 64 ? nr : -1;
		sysret = m_sysret_ok(in);
		if (!in->split)
			return sysret;
		return sysret ? 1000 + nr : nr;
	}
	return -999;
}
#endif

static void run_model(const struct input *in, struct result *out)
{
	struct model m;

	memset(&m, 0, sizeof(m));
	m.in = in;
	m.r.work = in->work;
	m.r.regs_ret = 77;
	m.r.pc = 0x400000;
#if IRQENTRY_ARCH_X86
	m.r.pc = (long)x86_frames[in->frame].rip;
#endif
	m.st = (in->w == W_GEN_NEW_THREAD ? on_status()
		: is_generic(in->w)       ? gen_trap_status()
					  : M_HW_TRAP) &
	       M_MASK;
	if (in->raise == 1)
		m.reraise = 1;
	else if (in->raise == 2)
		m.raise_in_signal = W_RESUME | W_OS;

	switch (in->w) {
	case W_GEN_ENTRY:
		m_single_call(&m, false);
		break;
	case W_GEN_SYSCALL:
		m.r.ret = m_generic_syscall(&m, in->nr_ok ? NR_VALID : NR_BAD);
		break;
	case W_GEN_NEW_THREAD:
		m_new_thread(&m);
		break;
	case W_GEN_NMI:
		m_plain_nmi(&m);
		break;
	case W_GUEST_LOOP:
		m.r.ret = m_guest(&m);
		break;
	default:
		m.r.ret = m_arch(&m);
		break;
	}
	m.r.status = m.st;
	*out = m.r;
}

/* ---- Enumeration and comparison --------------------------------------- */

static unsigned long n_cases, n_mismatch;

static void print_input(const struct input *in)
{
	fprintf(stderr,
		"  input: %s %s saved=%#lx idle=%d pc=%d veto=%d work=%#lx "
		"raise=%d nmi=%d split=%d scwork=%#lx skips=%u nr_ok=%d "
		"frame=%d rewrite=%d irq=%d guest_ret=%d\n",
		wrappers[in->w].name, in->user ? "user" : "kernel", in->saved,
		in->idle, in->pc, in->veto, in->work, in->raise, in->nmi,
		in->split, in->scwork, in->skips, in->nr_ok, in->frame,
		in->rewrite, in->irq, in->guest_ret);
}

static void print_trace(const char *what, const struct result *r)
{
	unsigned int i;

	fprintf(stderr, "  %s (%u):", what, r->n);
	for (i = 0; i < r->n && i < M_TRACE; i++)
		fprintf(stderr, " %d@%#lx/%ld", (int)r->ev[i].ev,
			r->ev[i].status, r->ev[i].arg);
	fprintf(stderr,
		"\n    status=%#lx writes=%lu work=%#lx ret=%ld regs_ret=%ld "
		"pc=%#lx orig=%ld nmi_depth=%u reports=%u depth=%u\n",
		r->status, r->writes, r->work, r->ret, r->regs_ret,
		(unsigned long)r->pc, r->orig, r->nmi_depth, r->reports,
		r->depth);
}

static bool same(const struct result *a, const struct result *b)
{
	unsigned int i;

	if (a->n != b->n || a->status != b->status || a->writes != b->writes ||
	    (a->work & ~W_PRIV) != (b->work & ~W_PRIV) || a->ret != b->ret ||
	    a->regs_ret != b->regs_ret || a->pc != b->pc ||
	    a->orig != b->orig || a->nmi_depth != b->nmi_depth ||
	    a->reports != b->reports || a->depth != b->depth)
		return false;
	for (i = 0; i < a->n && i < M_TRACE; i++) {
		long mask =
			(a->ev[i].ev == EV_SCHEDULE ||
			 a->ev[i].ev == EV_PREEMPT || a->ev[i].ev == EV_SIGNAL)
				? ~(long)W_PRIV
				: ~0L;

		if (a->ev[i].ev != b->ev[i].ev ||
		    a->ev[i].status != b->ev[i].status ||
		    (a->ev[i].arg & mask) != (b->ev[i].arg & mask))
			return false;
	}
	return true;
}

static void check(const struct input *in)
{
	static struct result lib, model;

	run_library(in, &lib);
	run_model(in, &model);
	n_cases++;
	if (!same(&lib, &model)) {
		if (++n_mismatch <= 5) {
			fprintf(stderr, "model: MISMATCH\n");
			print_input(in);
			print_trace("library", &lib);
			print_trace("model  ", &model);
		}
	}
}

/*
 * Every input of one wrapper, as a mixed-radix number over the dimensions
 * that wrapper reads. A skip decision is enumerated only for a hook the
 * syscall work makes the library call (the return value of a hook that is
 * not called cannot be observed; a wrong call shows in the trace).
 */
enum dim {
	D_MODE,
	D_SAVED,
	D_IDLE,
	D_PC,
	D_VETO,
	D_WORK,
	D_RAISE,
	D_NMI,
	D_SPLIT,
	D_SCWORK,
	D_SKIPS,
	D_NR,
	D_FRAME,
	D_REWRITE,
	D_IRQ,
	D_GUESTRET,
	D_COUNT
};

/*
 * The passes over a wrapper's space: the full product, then one pass per
 * sparse dimension (its values other than 0 only, over the reduced work
 * and mask space).
 */
enum pass { P_FULL, P_REWRITE, P_IRQ, P_FRAME, P_COUNT };

/* The reduced work space: none, NEED_RESCHED, SIGPENDING, and three. */
static const unsigned int reduced_work[] = {0x00, 0x01, 0x04, 0x15};

static unsigned long stride = 1; /* 1: every case; n: every n-th */

static bool skips_relevant(unsigned long scw, unsigned int skips)
{
	if ((skips & 1) && !(scw & SC_UDISP))
		return false;
	if ((skips & 2) && !(scw & (SC_TRACE | SC_EMU)))
		return false;
	return !((skips & 4) && !(scw & SC_FILTER));
}

static void enum_wrapper(unsigned int w, enum pass pass)
{
	const struct wrapper *wr = &wrappers[w];
	enum kind kind = wrapper_kind(w);
	bool sc = kind == K_SYSCALL || kind == K_NEWTHREAD;
	unsigned int size[D_COUNT], v[D_COUNT], d;
	unsigned long total = 1, i;
	struct input in;

	for (d = 0; d < D_COUNT; d++)
		size[d] = 1;
	size[D_MODE] = wr->modes == MODE_BOTH ? 2 : 1;
	size[D_WORK] = 64;
	size[D_RAISE] = 3;
	size[D_SPLIT] = wr->split ? 2 : 1;
	if (kind == K_GUEST) {
		size[D_WORK] = 128; /* the six bits and the guest OS bit */
		size[D_GUESTRET] = 2;
	} else {
		size[D_SAVED] = kind == K_NEWTHREAD ? 1 : M_NSAVED;
#if IRQENTRY_ARCH_ARM64
		/* A syscall frame is EL0's: its PSTATE.DAIF is 0 unless the
		 * kernel lets EL0 mask (SCTLR_EL1.UMA). Four patterns show
		 * the wrappers ignore it; all 16 multiplied the largest space
		 * by 4 for nothing (the time went to the sparse passes). */
		if (kind == K_SYSCALL)
			size[D_SAVED] = 4;
#endif
		size[D_NMI] = sc ? 1 : 4;
		if (wr->modes & MODE_KERNEL) {
			size[D_IDLE] = 2;
			size[D_VETO] = 2;
		}
		if (!sc)
			size[D_PC] = 2;
	}
	if (sc)
		size[D_SCWORK] = 128;
	if (kind == K_SYSCALL) {
		size[D_SKIPS] = 8;
		size[D_NR] = 2;
	}
	if (pass != P_FULL) {
		if (pass == P_REWRITE && kind == K_SYSCALL)
			size[D_REWRITE] = 3;
		else if (pass == P_IRQ && sc)
			size[D_IRQ] = 7;
		else if (pass == P_FRAME && kind == K_SYSCALL && !is_generic(w))
			size[D_FRAME] = M_NSYSRET;
		else
			return;
		if (kind == K_SYSCALL) {
			size[D_SAVED] = 1;
			size[D_WORK] = 4;
		}
	}
	for (d = 0; d < D_COUNT; d++)
		total *= size[d];

	memset(&in, 0, sizeof(in));
	in.w = w;
	for (i = 0; i < total; i += stride) {
		unsigned long x = i;

		for (d = 0; d < D_COUNT; d++) {
			v[d] = (unsigned int)(x % size[d]);
			x /= size[d];
		}
		in.user = wr->modes == MODE_USER ||
			  (wr->modes == MODE_BOTH && v[D_MODE]);
		if (in.user && (v[D_IDLE] || v[D_VETO]))
			continue; /* kernel-entry inputs, not read from user */
		if (pass != P_FULL && !(v[D_REWRITE] || v[D_IRQ] || v[D_FRAME]))
			continue; /* the full pass has it */
		in.scwork = v[D_SCWORK];
		in.skips = v[D_SKIPS];
		if (!skips_relevant(in.scwork, in.skips))
			continue;
		in.rewrite = (int)v[D_REWRITE];
		if ((in.rewrite == 1 && !(in.scwork & (SC_TRACE | SC_EMU))) ||
		    (in.rewrite == 2 && !(in.scwork & SC_TP)))
			continue; /* the hook that would rewrite is not called */
#if IRQENTRY_ARCH_ARM64
		if (kind == K_SYSCALL) /* none, I|F, D|A, all */
			v[D_SAVED] = (v[D_SAVED] & 1 ? 0x3 : 0) |
				     (v[D_SAVED] & 2 ? 0xc : 0);
		in.saved = (unsigned long)v[D_SAVED] << 6;
#else
		in.saved = v[D_SAVED];
#endif
		in.idle = v[D_IDLE];
		in.pc = (int)v[D_PC];
		in.veto = v[D_VETO];
		if (size[D_WORK] == 4)
			v[D_WORK] = reduced_work[v[D_WORK]];
		in.work = (v[D_WORK] & 0x1fUL) |
			  ((v[D_WORK] & 0x20) ? W_OS : 0) |
			  ((v[D_WORK] & 0x40) ? W_GUEST : 0);
		in.raise = (int)v[D_RAISE];
		in.nmi = (int)v[D_NMI];
		in.split = v[D_SPLIT];
		in.nr_ok = !v[D_NR];
		in.frame = (int)v[D_FRAME];
		in.irq = (int)v[D_IRQ];
		in.guest_ret = v[D_GUESTRET] ? 5 : 0;
		check(&in);
	}
}

int main(int argc, char **argv)
{
	unsigned int w;

	/* An optional stride samples every n-th case (slow emulators). */
	if (argc > 1)
		stride = strtoul(argv[1], NULL, 0);
	if (stride == 0)
		stride = 1;

	for (w = 0; w < W_COUNT; w++) {
		unsigned long before = n_cases, bad = n_mismatch;

		enum pass p;

		for (p = P_FULL; p < P_COUNT; p++)
			enum_wrapper(w, p);
		printf("model: %s %-22s %9lu cases, %lu mismatches\n",
		       IRQENTRY_ARCH_NAME, wrappers[w].name, n_cases - before,
		       n_mismatch - bad);
	}
	printf("model: %s backend, IRQENTRY_DEBUG=%d%s: %lu cases, %lu mismatches\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG,
	       stride > 1 ? " (sampled)" : "", n_cases, n_mismatch);
	return n_mismatch ? EXIT_FAILURE : EXIT_SUCCESS;
}
