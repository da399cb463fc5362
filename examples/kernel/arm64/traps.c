/* SPDX-License-Identifier: MIT */
/*
 * arm64 C entry points, one per vector (entry.S): decode the class, call
 * the matching irqentry_arm64_* wrapper with the core's handler, and
 * return to entry.S with all of DAIF masked for the ERET.
 */
#include "kernel.h"
#include "arm64.h"

/* BASELINE=1 (benchmarks): the same calls into the hand-written baseline. */
#if KERNEL_BASELINE
#include "baseline/arm64.h"
#define ENTRY(class) baseline_arm64_##class
#else
#define ENTRY(class) irqentry_arm64_##class
#endif

#define ESR_EC(esr)   ((esr) >> 26)
#define EC_SVC64      0x15 /* SVC from AArch64 */
#define EC_DABT_LOW   0x24 /* data abort from EL0 */
#define EC_DABT_CUR   0x25 /* data abort from EL1 */
#define EC_BRK64      0x3c /* BRK */
#define ESR_ISS16(es) ((es)&0xffffUL)

/*
 * The GIC interrupt: this CPU's timer tick, the kick SGI, or a spurious
 * one. Runs at I|F. An SGI's IAR value carries its source CPU and goes back
 * to EOIR whole. The DMB after the acknowledge orders the reads of what
 * the sender published before its SGI after the IAR read (Linux:
 * gic_handle_irq(), drivers/irqchip/irq-gic.c, smp_rmb() for SGIs).
 */
KERNEL_HANDLER void irq_handler(irqentry_regs_t *regs, void *arg)
{
	unsigned int iar = gic_ack(), id = GIC_IAR_ID(iar);

	(void)arg;
	if (id == GIC_SPURIOUS)
		return;
	if (id == TIMER_PPI) {
		timer_rearm();
		kernel_tick(regs);
	} else if (id == IPI_SGI) {
		__asm__ __volatile__("dmb ish" : : : "memory");
		kernel_ipi(regs);
	} else {
		kprintf("unexpected interrupt %u\n", id);
	}
	gic_eoi(iar);
}

static void el1_abort(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	if (!kernel_fixup_exception(regs))
		kernel_panic(regs, "kernel data abort without a fixup");
}

/* The kernel BRK: an NMI-class exception; resume after the BRK. */
static void el1_brk(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	kernel_nmi(regs);
	regs->pc += 4;
}

static void serror(irqentry_regs_t *regs, void *arg)
{
	(void)arg;
	kernel_nmi(regs);
}

void arm64_el1_sync(irqentry_regs_t *regs)
{
	switch (ESR_EC(regs->esr)) {
	case EC_DABT_CUR:
		narrate_entry(regs, PORT_VEC_KERNEL_FAULT);
		ENTRY(el1_sync)(regs, el1_abort, NULL);
		break;
	case EC_BRK64:
		if (ESR_ISS16(regs->esr) != BRK_NMI_IMM)
			kernel_panic(regs, "unexpected kernel BRK");
		narrate_entry(regs, PORT_VEC_NMI);
		ENTRY(el1_dbg)(regs, el1_brk, NULL);
		break;
	default:
		kernel_panic(regs, "unexpected synchronous exception at EL1");
	}
	narrate_exit(regs);
}

void arm64_el1_irq(irqentry_regs_t *regs)
{
	narrate_entry(regs, PORT_VEC_KERNEL_IRQ);
	ENTRY(el1_irq)(regs, irq_handler, NULL);
	narrate_exit(regs);
}

void arm64_el1_serror(irqentry_regs_t *regs)
{
	narrate_entry(regs, PORT_VEC_NMI);
	ENTRY(el1_nmi)(regs, serror, NULL);
	narrate_exit(regs);
}

static void el0_fault(irqentry_regs_t *regs, void *arg)
{
	kernel_user_fault(regs, arg);
}

void arm64_el0_sync(irqentry_regs_t *regs)
{
	if (ESR_EC(regs->esr) == EC_SVC64) {
		narrate_entry(regs, PORT_VEC_SYSCALL);
		ENTRY(el0_svc)(regs, kernel_syscall, NULL);
	} else {
		narrate_entry(regs, "el0_sync");
		ENTRY(el0_sync)
		(regs, el0_fault,
		 ESR_EC(regs->esr) == EC_DABT_LOW ? (void *)"data abort"
						  : (void *)"exception");
	}
	narrate_exit(regs);
}

void arm64_el0_irq(irqentry_regs_t *regs)
{
	bench_mark_irq();
	narrate_entry(regs, PORT_VEC_USER_IRQ);
	ENTRY(el0_irq)(regs, irq_handler, NULL);
	narrate_exit(regs);
}

void arm64_el0_serror(irqentry_regs_t *regs)
{
	narrate_entry(regs, "el0_serr");
	ENTRY(el0_serror)(regs, serror, NULL);
	narrate_exit(regs);
}

_Noreturn void arm64_bad_vector(irqentry_regs_t *regs)
{
	kernel_panic(regs, "exception through an unused vector");
}

/*
 * A new user thread's first return to EL0 (from entry.S): the frame says
 * EL0t with DAIF clear, and the library's EL0 exit runs the work loop and
 * the state tracking before the ERET, exactly as on every later return.
 */
void arm64_user_first_return(irqentry_regs_t *regs, unsigned long entry,
			     unsigned long user_sp, unsigned long arg)
{
	kernel_switch_finish(); /* the switch that started this thread */
	memset(regs, 0, sizeof(*regs));
	regs->pc = entry;
	regs->sp = user_sp;
	regs->x[0] = arg;
	regs->pstate = 0; /* EL0t, DAIF clear */
	ENTRY(el0_sync_exit)(regs);
}
