/* SPDX-License-Identifier: MIT */
/*
 * Consumer (a): the C side of a freestanding kernel's vectors, built
 * against a vendored copy of irqentry in real mode and linked with
 * -nostdlib: whatever the library needs must be in these headers. The
 * vector assembly (not here) would call vector_irq(), vector_syscall()
 * and vector_nmi() with the saved frame.
 */
#include <irqentry/irqentry.h>

static struct thread boot_thread;
struct thread *current = &boot_thread;
static unsigned long ticks;

void schedule(void)
{
	irqentry_work_clear(&current->work, IRQENTRY_WORK_RESCHED_MASK);
}

void preempt_schedule_irq(void)
{
	irqentry_work_clear(&current->work, IRQENTRY_WORK_NEED_RESCHED);
}

void do_signal(irqentry_regs_t *regs)
{
	(void)regs;
	irqentry_work_clear(&current->work, IRQENTRY_WORK_SIGNAL_MASK);
}

static void timer(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	ticks++;
	irqentry_work_set(&current->work, IRQENTRY_WORK_NEED_RESCHED);
}

static void syscall_dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	irqentry_os_syscall_set_return(regs, nr == 0 ? (long)ticks : -1);
}

static void nmi(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
}

#if defined(__aarch64__)
void vector_irq(struct trapframe *regs)
{
	irqentry_arm64_el1_irq(regs, timer, NULL);
}

void vector_syscall(struct trapframe *regs)
{
	irqentry_arm64_el0_svc(regs, syscall_dispatch, NULL);
}

void vector_nmi(struct trapframe *regs)
{
	irqentry_arm64_el1_nmi(regs, nmi, NULL);
}
#elif defined(__riscv)
void vector_irq(struct trapframe *regs)
{
	irqentry_riscv_irq(regs, timer, NULL);
}

void vector_syscall(struct trapframe *regs)
{
	irqentry_riscv_ecall_u(regs, syscall_dispatch, NULL);
}

void vector_nmi(struct trapframe *regs)
{
	irqentry_riscv_kernel_trap(regs, nmi, NULL);
}
#else
void vector_irq(struct trapframe *regs)
{
	irqentry_x86_idtentry_irq(regs, timer, NULL);
}

/* Returns nonzero when the stub may leave with SYSRET. */
int vector_syscall(struct trapframe *regs)
{
	return irqentry_x86_syscall_64(regs, syscall_dispatch, NULL);
}

void vector_nmi(struct trapframe *regs)
{
	irqentry_x86_nmi(regs, nmi, NULL);
}
#endif

/* The ELF entry: a real kernel sets up a stack and its vectors first. */
void kernel_entry(void)
{
	for (;;)
		;
}
