/* SPDX-License-Identifier: MIT */
/*
 * The riscv64 C entry point (entry.S): decode scause and the frame's mode,
 * call the matching irqentry_riscv_* wrapper with the core's handler, and
 * return to entry.S with SIE clear for the sret.
 *
 *	interrupt                  irqentry_riscv_irq          "irq"
 *	ecall from U-mode          irqentry_riscv_ecall_u      "ecall_u"
 *	other trap from U-mode     irqentry_riscv_exception    "ufault"
 *	page fault from S-mode     irqentry_riscv_exception    "kfault"
 *	other trap from S-mode     irqentry_riscv_kernel_trap  "ktrap"
 */
#include "kernel.h"
#include "riscv64.h"

/* BASELINE=1 (benchmarks): the same calls into the hand-written baseline. */
#if KERNEL_BASELINE
#include "baseline/riscv.h"
#define ENTRY(class)      baseline_riscv_##class
#define exit_to_user_mode baseline_riscv_exit_to_user_mode
#else
#define ENTRY(class)      irqentry_riscv_##class
#define exit_to_user_mode irqentry_exit_to_user_mode
#endif

/* The timer tick and the kick, the interrupts sie enables. Runs with SIE
 * clear. */
KERNEL_HANDLER void irq_handler(irqentry_regs_t *regs, void *arg)
{
	unsigned long irq = regs->cause & ~SCAUSE_INTERRUPT;

	(void)arg;
	if (irq == IRQ_S_TIMER) {
		timer_rearm(); /* a new deadline also clears sip.STIP */
		kernel_tick(regs);
	} else if (irq == IRQ_S_SOFT) {
		riscv_ipi_ack(); /* before the body: a later kick re-pends */
		kernel_ipi(regs);
	} else {
		kernel_panic(regs, "unexpected interrupt");
	}
}

/* A page fault in S-mode: only an exception-table fixup survives it.
 * Runs with the faulting context's SIE (the wrapper's doing). */
static void kernel_page_fault(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	if (!kernel_fixup_exception(regs))
		kernel_panic(regs, "kernel page fault without a fixup");
}

/*
 * Any other S-mode trap, NMI-class: the ebreak of port_nmi_trigger() (the
 * NMI scenarios; resume after it), or an access fault, which the
 * exception table may fix up as Linux's do_trap_load_fault() does.
 */
static void kernel_trap(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	switch (regs->cause) {
	case EXC_BREAKPOINT:
		if (regs->pc != (unsigned long)riscv_nmi_ebreak)
			kernel_panic(regs, "unexpected kernel ebreak");
		kernel_nmi(regs);
		regs->pc += 4; /* the 4-byte encoding, see boot.S */
		break;
	case EXC_LOAD_ACCESS:
	case EXC_STORE_ACCESS:
		if (!kernel_fixup_exception(regs))
			kernel_panic(regs,
				     "kernel access fault without a fixup");
		break;
	default:
		kernel_panic(regs, "unexpected synchronous trap in S-mode");
	}
}

static void user_fault(irqentry_regs_t *regs, void *arg)
{
	kernel_user_fault(regs, arg);
}

static const char *user_fault_name(unsigned long cause)
{
	switch (cause) {
	case EXC_INSN_ACCESS:
	case EXC_INSN_PAGE:
		return "instruction fetch fault";
	case EXC_ILLEGAL:
		return "illegal instruction";
	case EXC_BREAKPOINT:
		return "breakpoint";
	case EXC_LOAD_ACCESS:
	case EXC_LOAD_PAGE:
		return "load fault";
	case EXC_STORE_ACCESS:
	case EXC_STORE_PAGE:
		return "store fault";
	default:
		return "exception";
	}
}

static bool page_fault(unsigned long cause)
{
	return cause == EXC_INSN_PAGE || cause == EXC_LOAD_PAGE ||
	       cause == EXC_STORE_PAGE;
}

void riscv_trap(irqentry_regs_t *regs)
{
	unsigned long cause = regs->cause;

	if (cause & SCAUSE_INTERRUPT) {
		bench_mark_irq();
		narrate_entry(regs, PORT_VEC_KERNEL_IRQ);
		ENTRY(irq)(regs, irq_handler, NULL);
	} else if (irqentry_arch_user_mode(regs)) {
		if (cause == EXC_ECALL_U) {
			narrate_entry(regs, PORT_VEC_SYSCALL);
			ENTRY(ecall_u)(regs, kernel_syscall, NULL);
		} else {
			narrate_entry(regs, PORT_VEC_USER_FAULT);
			ENTRY(exception)
			(regs, user_fault, (void *)user_fault_name(cause));
		}
	} else if (page_fault(cause)) {
		narrate_entry(regs, PORT_VEC_KERNEL_FAULT);
		ENTRY(exception)(regs, kernel_page_fault, NULL);
	} else {
		narrate_entry(regs, PORT_VEC_NMI);
		ENTRY(kernel_trap)(regs, kernel_trap, NULL);
	}
	narrate_exit(regs);
}

/*
 * A new user thread's first return to U-mode (from entry.S): the frame
 * says U-mode with SPIE set, and the library's exit to user mode runs the
 * work loop and the state tracking before the sret, exactly as on every
 * later return.
 */
void riscv_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			     unsigned long user_sp, unsigned long arg)
{
	unsigned long gp;

	kernel_switch_finish(); /* the switch that started this thread */
	__asm__("mv %0, gp" : "=r"(gp));
	memset(regs, 0, sizeof(*regs));
	regs->pc = entry;
	regs->sp = user_sp;
	regs->gp = gp; /* the image's small data, shared with user code */
	regs->a0 = arg;
	regs->status = port_user_status();
	exit_to_user_mode(regs);
}
