/* SPDX-License-Identifier: MIT */
/*
 * x86_64 C entry points (entry.S): pick the irqentry_x86_* wrapper for the
 * vector's class and hand it the core's handler, return to entry.S with IF
 * clear for the IRETQ/SYSRETQ.
 *
 *	timer (PIC IRQ0), spurious   irqentry_x86_idtentry_irq
 *	exceptions (#PF, #GP, ...)   irqentry_x86_idtentry
 *	#DB, #BP, #MC                irqentry_x86_idtentry_raw
 *	NMI (local APIC self-IPI)    irqentry_x86_nmi
 *	SYSCALL                      irqentry_x86_syscall_64
 */
#include "kernel.h"
#include "x86_64.h"

/* BASELINE=1 (benchmarks): the same calls into the hand-written baseline. */
#if KERNEL_BASELINE
#include "baseline/x86.h"
#define ENTRY(class)      baseline_x86_##class
#define exit_to_user_mode baseline_x86_exit_to_user_mode
#else
#define ENTRY(class)      irqentry_x86_##class
#define exit_to_user_mode irqentry_exit_to_user_mode
#endif

struct x86_stats x86_stats;

static const struct {
	const char *tag;  /* narration: the vector column */
	const char *what; /* messages */
} exceptions[32] = {
	[0] = {"#DE", "divide error"},
	[1] = {"#DB", "debug exception"},
	[2] = {"nmi", "NMI"},
	[3] = {"#BP", "breakpoint"},
	[4] = {"#OF", "overflow"},
	[5] = {"#BR", "bound range exceeded"},
	[6] = {"#UD", "invalid opcode"},
	[7] = {"#NM", "device not available"},
	[8] = {"#DF", "double fault"},
	[10] = {"#TS", "invalid TSS"},
	[11] = {"#NP", "segment not present"},
	[12] = {"#SS", "stack-segment fault"},
	[13] = {"#GP", "general protection fault"},
	[14] = {"#PF", "page fault"},
	[16] = {"#MF", "x87 floating-point error"},
	[17] = {"#AC", "alignment check"},
	[18] = {"#MC", "machine check"},
	[19] = {"#XM", "SIMD floating-point exception"},
	[21] = {"#CP", "control-protection exception"},
};

static const char *exc_tag(unsigned long v)
{
	return exceptions[v].tag ? exceptions[v].tag : "#exc";
}

static const char *exc_what(unsigned long v)
{
	return exceptions[v].what ? exceptions[v].what : "reserved exception";
}

static bool from_user(irqentry_regs_t *regs)
{
	return (regs->cs & 3) == 3;
}

/* PIC IRQ0, the PIT: IF clear. The EOI comes before the wrapper's exit,
 * which may switch threads for a long while. */
static void timer_irq(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	kernel_tick(regs);
	pic_eoi();
}

/* No EOI for a spurious interrupt (PIC IRQ7 not in service, APIC 0xff). */
static void spurious_irq(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	if (regs->vector == VEC_PIC_SPURIOUS && !pic_irq7_spurious())
		pic_eoi();
}

/*
 * Exceptions through irqentry_x86_idtentry (IF as the interrupted context
 * had it): a kernel #PF or #GP at an instruction in the exception table
 * resumes at its fixup; anything else in the kernel is fatal; a user fault
 * kills the thread.
 */
static void exception(irqentry_regs_t *regs, void *arg)
{
	unsigned long v = regs->vector;

	(void)arg;
	if (from_user(regs)) {
		kernel_user_fault(regs, exc_what(v));
		return;
	}
	if ((v == VEC_PF || v == VEC_GP) && kernel_fixup_exception(regs))
		return;
	kprintf("kernel %s: error code 0x%lx, cr2 0x%lx\n", exc_what(v),
		regs->error, regs->cr2);
	kernel_panic(regs, exc_what(v));
}

/* #DB, #BP, #MC: NMI-class from kernel mode (irqentry_x86_idtentry_raw);
 * this kernel uses none of them, so only a user thread survives one. */
static void raw_exception(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	if (from_user(regs))
		kernel_user_fault(regs, exc_what(regs->vector));
	else
		kernel_panic(regs, exc_what(regs->vector));
}

/* The self-IPI NMI: never schedules (kernel_nmi() checks). Counted last,
 * port_nmi_trigger() waits for the count to move. */
static void nmi(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	kernel_nmi(regs);
	if (!(regs->rflags & RFLAGS_IF))
		x86_stats.nmi_if_off++;
	__atomic_store_n(&x86_stats.nmi, x86_stats.nmi + 1, __ATOMIC_RELAXED);
}

static unsigned long read_cr2(void)
{
	unsigned long cr2;

	__asm__ __volatile__("movq %%cr2, %0" : "=r"(cr2));
	return cr2;
}

void x86_trap(irqentry_regs_t *regs)
{
	unsigned long v = regs->vector;

	switch (v) {
	case VEC_TIMER:
		narrate_entry(regs, from_user(regs) ? PORT_VEC_USER_IRQ
						    : PORT_VEC_KERNEL_IRQ);
		ENTRY(idtentry_irq)(regs, timer_irq, NULL);
		break;
	case VEC_PIC_SPURIOUS:
	case VEC_APIC_SPURIOUS:
		narrate_entry(regs, "spurious");
		ENTRY(idtentry_irq)(regs, spurious_irq, NULL);
		break;
	case VEC_NMI:
		narrate_entry(regs, PORT_VEC_NMI);
		ENTRY(nmi)(regs, nmi, NULL);
		break;
	case VEC_DB:
	case VEC_BP:
	case VEC_MC:
		narrate_entry(regs, exc_tag(v));
		ENTRY(idtentry_raw)(regs, raw_exception, NULL);
		break;
	case VEC_DF:
		kernel_panic(regs, "double fault");
	default:
		if (v >= 32)
			kernel_panic(regs,
				     "interrupt through an unused vector");
		/* Before the wrapper may enable IRQs: a #PF taken meanwhile
		 * (by a handler that sleeps) would overwrite CR2. */
		if (v == VEC_PF)
			regs->cr2 = read_cr2();
		narrate_entry(regs, exc_tag(v));
		ENTRY(idtentry)(regs, exception, NULL);
		break;
	}
	narrate_exit(regs);
}

/*
 * SYSCALL: the wrapper runs the syscall and the exit work, then says
 * whether SYSRET may return: not when the frame no longer has RIP in RCX
 * and RFLAGS in R11 (a signal frame was set up, sigreturn restored an
 * interrupted state), nor for a non-canonical RIP. IRET restores all.
 */
bool x86_syscall(irqentry_regs_t *regs)
{
	bool sysret;

	narrate_entry(regs, PORT_VEC_SYSCALL);
	sysret = ENTRY(syscall_64)(regs, kernel_syscall, NULL);
	if (sysret) {
		x86_stats.sysret++;
		narrate("SYSRET allowed: RCX == RIP, R11 == RFLAGS, canonical RIP, no TF/RF, user CS/SS");
	} else {
		x86_stats.iret++;
		narrate("SYSRET not safe (%s): IRET",
			regs->rcx != regs->rip || regs->r11 != regs->rflags
				? "RCX/R11 no longer hold RIP/RFLAGS"
				: "RIP, RFLAGS or selectors");
	}
	narrate_exit(regs);
	return sysret;
}

/*
 * A new user thread's first return to ring 3 (from entry.S): the frame says
 * ring 3 with IF set, and the library's exit runs the work loop and the
 * state tracking before the IRETQ, exactly as on every later return. The
 * entry function sees RSP = 8 mod 16, as after a call (it never returns).
 */
void x86_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			   unsigned long user_sp, unsigned long arg)
{
	kernel_switch_finish(); /* the switch that started this thread */
	memset(regs, 0, sizeof(*regs));
	user_sp -= 8;
	*(unsigned long *)user_sp = 0;
	regs->rip = entry;
	regs->cs = USER_CS;
	regs->rflags = RFLAGS_IF | RFLAGS_FIXED;
	regs->rsp = user_sp;
	regs->ss = USER_DS;
	regs->rdi = arg;
	regs->orig_rax = (unsigned long)-1;
	exit_to_user_mode(regs);
}
