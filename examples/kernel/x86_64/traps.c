/* SPDX-License-Identifier: MIT */
/*
 * x86_64 C entry points (entry.S): pick the irqentry_x86_* wrapper for the
 * vector's class and hand it the core's handler, return to entry.S with IF
 * clear for the IRETQ/SYSRETQ.
 *
 *	timer (LAPIC), kick IPI,     irqentry_x86_idtentry_irq
 *	spurious
 *	exceptions (#PF, #GP, ...)   irqentry_x86_idtentry
 *	#DB, #BP, #MC                irqentry_x86_idtentry_raw
 *	NMI (LAPIC self or other     irqentry_x86_nmi
 *	CPU's IPI, LINT1)
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

/* This CPU's APIC timer (and, hypervisor builds, the self-IPI on its
 * vector of port_hv_timer_pend()): IF clear. The EOI comes before the
 * wrapper's exit, which may switch threads for a long while. */
KERNEL_HANDLER void timer_irq(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	kernel_tick(regs);
	lapic_eoi();
}

/* The kick from another CPU (port_send_ipi()): IF clear. EOI first, so a
 * kick sent while this one runs is latched again, not merged into it; the
 * work it stands for is the wrapper exit's (the core's kernel_ipi() adds
 * its own checks). */
static void ipi_irq(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	lapic_eoi();
	x86_this_cpu()->ipi++;
	(void)__atomic_fetch_add(&x86_stats.ipi, 1, __ATOMIC_RELAXED);
	kernel_ipi(regs);
}

/* No EOI for a spurious interrupt: APIC 0xff by definition; the 8259s'
 * IRQ7 cannot even reach the CPU now (LINT0 masked), it only has a gate
 * of its own. */
static void spurious_irq(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
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

/*
 * An NMI (this CPU's or another's IPI): never schedules (kernel_nmi()
 * checks). It may have come between the two ICR writes of an IPI the
 * interrupted code was sending (lapic_icr_send()), so the ICR's high word
 * is put back for that code's final write. Counted last, on this CPU:
 * port_nmi_trigger() waits for the count to move.
 */
static void nmi(irqentry_regs_t *regs, void *arg)
{
	struct x86_cpu *c = x86_this_cpu();
	uint32_t icr_hi = lapic_read(LAPIC_ICR_HI);

	(void)arg;
	kernel_nmi(regs);
	if (!(regs->rflags & RFLAGS_IF))
		(void)__atomic_fetch_add(&x86_stats.nmi_if_off, 1,
					 __ATOMIC_RELAXED);
	(void)__atomic_fetch_add(&x86_stats.nmi, 1, __ATOMIC_RELAXED);
	lapic_write(LAPIC_ICR_HI, icr_hi);
	__atomic_store_n(&c->nmi, c->nmi + 1, __ATOMIC_RELEASE);
}

static unsigned long read_cr2(void)
{
	unsigned long cr2;

	__asm__ __volatile__("movq %%cr2, %0" : "=r"(cr2));
	return cr2;
}

static void write_cr2(unsigned long cr2)
{
	__asm__ __volatile__("movq %0, %%cr2" : : "r"(cr2) : "memory");
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
	case VEC_IPI:
		bench_mark_irq();
		narrate_entry(regs, "ipi");
		ENTRY(idtentry_irq)(regs, ipi_irq, NULL);
		break;
	case VEC_PIC_SPURIOUS:
	case VEC_APIC_SPURIOUS:
		narrate_entry(regs, "spurious");
		ENTRY(idtentry_irq)(regs, spurious_irq, NULL);
		break;
	case VEC_NMI: {
		/* It may have hit a #PF before the vector read CR2 (below); a
		 * fault inside the handler would overwrite it (Linux: nmi_cr2
		 * in exc_nmi(), arch/x86/kernel/nmi.c). */
		unsigned long cr2 = read_cr2();

		narrate_entry(regs, PORT_VEC_NMI);
		ENTRY(nmi)(regs, nmi, NULL);
		if (read_cr2() != cr2)
			write_cr2(cr2);
		break;
	}
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
		(void)__atomic_fetch_add(&x86_stats.sysret, 1,
					 __ATOMIC_RELAXED);
		narrate("SYSRET allowed: RCX == RIP, R11 == RFLAGS, canonical RIP, no TF/RF, user CS/SS");
	} else {
		(void)__atomic_fetch_add(&x86_stats.iret, 1, __ATOMIC_RELAXED);
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
