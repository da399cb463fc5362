/* SPDX-License-Identifier: MIT */
/*
 * A kernel of one file around a template OS header: the myos_* functions
 * the template declares, and the main wrappers of the backend.
 * tests/templates/run.sh compiles it in real mode for each target and runs
 * it hosted; TEMPLATE_MAIN adds a main() that makes a new thread's first
 * return to user mode, then takes one interrupt from user mode with a
 * reschedule and a signal pending, and checks both were done.
 */
#include <irqentry/irqentry.h>

static unsigned long work;
static int switches, signals;

unsigned long *myos_current_work(void)
{
	return &work;
}

int myos_preempt_count(void)
{
	return 0;
}

void myos_schedule(void)
{
	irqentry_work_clear(&work, IRQENTRY_WORK_RESCHED_MASK);
	switches++;
}

void myos_preempt_schedule_irq(void)
{
	irqentry_work_clear(&work, IRQENTRY_WORK_NEED_RESCHED);
	switches++;
}

void myos_do_signal(struct myos_trapframe *regs)
{
	(void)regs;
	irqentry_work_clear(&work, IRQENTRY_WORK_SIGNAL_MASK);
	signals++;
}

static void handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
}

static void dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	irqentry_os_syscall_set_return(regs, nr);
}

/* The vectors' C halves, as a kernel would write them. */
void vector_irq(irqentry_regs_t *regs, bool user);
void vector_sync(irqentry_regs_t *regs, bool user);
void vector_syscall(irqentry_regs_t *regs);
void new_thread_return(irqentry_regs_t *regs);

void vector_irq(irqentry_regs_t *regs, bool user)
{
#if IRQENTRY_ARCH_ARM64
	if (user)
		irqentry_arm64_el0_irq(regs, handler, NULL);
	else
		irqentry_arm64_el1_irq(regs, handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	(void)user;
	irqentry_riscv_irq(regs, handler, NULL);
#else
	(void)user;
	irqentry_x86_idtentry_irq(regs, handler, NULL);
#endif
}

void vector_sync(irqentry_regs_t *regs, bool user)
{
#if IRQENTRY_ARCH_ARM64
	if (user)
		irqentry_arm64_el0_sync(regs, handler, NULL);
	else
		irqentry_arm64_el1_sync(regs, handler, NULL);
#elif IRQENTRY_ARCH_RISCV
	if (user)
		irqentry_riscv_exception(regs, handler, NULL);
	else
		irqentry_riscv_kernel_trap(regs, handler, NULL);
#else
	if (user)
		irqentry_x86_idtentry(regs, handler, NULL);
	else
		irqentry_x86_nmi(regs, handler, NULL);
#endif
}

void vector_syscall(irqentry_regs_t *regs)
{
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el0_svc(regs, dispatch, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_ecall_u(regs, dispatch, NULL);
#else
	(void)irqentry_x86_syscall_64(regs, dispatch, NULL);
#endif
}

/* A new thread's first return to user mode, IRQs enabled on the way. */
void new_thread_return(irqentry_regs_t *regs)
{
	irqentry_syscall_new_thread(regs);
	irqentry_arch_local_irq_enable();
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el0_svc_exit(regs);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_ecall_u_exit(regs);
#else
	(void)irqentry_x86_syscall_64_exit(regs);
#endif
}

#ifdef TEMPLATE_MAIN
int main(void)
{
	irqentry_regs_t regs = {0};

#if IRQENTRY_ARCH_ARM64
	irqentry_hosted_reset(IRQENTRY_ARM64_DAIF_MASK); /* as an exception */
	regs.pstate = 0;                                 /* EL0t, DAIF open */
#elif IRQENTRY_ARCH_RISCV
	irqentry_hosted_reset(0); /* SIE cleared by the trap */
	regs.sstatus =
		IRQENTRY_RISCV_SSTATUS_SPIE; /* from U-mode, SIE was on */
#else
	irqentry_hosted_reset(0); /* IF cleared by the gate */
	regs.cs = IRQENTRY_OS_X86_USER_CS;
	regs.ss = IRQENTRY_OS_X86_USER_SS;
	regs.rflags = IRQENTRY_X86_RFLAGS_IF;
#endif
	new_thread_return(&regs);
	irqentry_work_set(&work, IRQENTRY_WORK_NEED_RESCHED |
					 IRQENTRY_WORK_SIGPENDING);
	vector_irq(&regs, true);
	return (switches == 1 && signals == 1 && irqentry_work_read(&work) == 0)
		       ? 0
		       : 1;
}
#endif
