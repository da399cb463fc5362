/* SPDX-License-Identifier: MIT */
/*
 * Signals: raised by any thread (a pending bit plus the SIGPENDING work
 * bit), delivered by the library's user work loop on the target's next
 * return to user mode, whatever brought it into the kernel (a syscall or
 * just the timer), through a frame on the user stack and a sigreturn
 * syscall that restores the interrupted state.
 */
#include "kernel.h"

#define SIGFRAME_MAGIC 0x5349474652414d45UL /* "SIGFRAME" */

struct sigframe {
	unsigned long magic;
	long sig;
	irqentry_regs_t regs; /* the interrupted user state */
};

/*
 * With the MMU off nothing stops user code from pointing the kernel
 * anywhere: signal frames must lie inside the thread's own user stack, or
 * a runaway signal loop would write frames over kernel memory.
 */
/* Room for the frame at @sp, and below it for what port_signal_setup()
 * may push (x86: the handler's return address). */
#define SIGFRAME_BELOW 16UL

static bool frame_ok(struct thread *t, unsigned long sp)
{
	return sp >= t->ustack_lo + SIGFRAME_BELOW &&
	       sp + sizeof(struct sigframe) <= t->ustack_hi;
}

long kernel_kill(int tid, int sig)
{
	struct thread *t = thread_find(tid);

	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (!t || !t->user || t->state == THREAD_DEAD)
		return -ESRCH;
	/* Pending bit first: the work bit promises there is something. */
	(void)__atomic_fetch_or(&t->sig_pending, 1UL << sig, __ATOMIC_RELAXED);
	/* On another CPU: the remote set publishes the pending bit with the
	 * work bit, and the kick makes it look now, not at its next tick. */
	kick_thread(t, IRQENTRY_WORK_SIGPENDING);
	if (narrating()) {
		narrate_note(
			"%s: kill(%s, %d): pending bit and SIGPENDING set; %s is off the CPU, inside its %s",
			current->name, t->name, sig, t->name,
			t->vector ? t->vector : "entry");
		narrate_watch(t, NULL);
	}
	return 0;
}

/*
 * Hook: SIGPENDING in the user work loop (IRQs enabled). Delivers one
 * signal per call; if more are pending the bit stays set and the loop calls
 * again, stacking one frame per signal as Linux does. The bit is cleared
 * before the pending set is read, so a kill racing with this (from a thread
 * the tick switches to) sets it again and is not lost.
 */
void irqentry_os_handle_signal(irqentry_regs_t *regs)
{
	struct thread *t = current;
	unsigned long pending, sp;
	struct sigframe *frame;
	int sig;

	if (__atomic_load_n(&t->killed, __ATOMIC_RELAXED))
		thread_exit(128 + 9);
	irqentry_work_clear(&t->work, IRQENTRY_WORK_SIGNAL_MASK);
	pending = __atomic_load_n(&t->sig_pending, __ATOMIC_RELAXED);
	if (!pending)
		return;
	sig = __builtin_ctzl(pending);
	pending = __atomic_and_fetch(&t->sig_pending, ~(1UL << sig),
				     __ATOMIC_RELAXED);
	if (pending)
		irqentry_work_set(&t->work, IRQENTRY_WORK_SIGPENDING);
	if (!t->sig_handler) {
		kprintf("thread %s killed by signal %d\n", t->name, sig);
		thread_exit(128 + sig);
	}
	/* The frame goes below the interrupted SP (and its red zone). This
	 * kernel trusts user pointers: with the MMU off there is nothing to
	 * protect. */
	sp = port_regs_user_sp(regs) - PORT_SIGNAL_REDZONE;
	sp = (sp - sizeof(*frame)) & ~15UL;
	if (!frame_ok(t, sp)) {
		kprintf("thread %s: no room for a signal frame at sp 0x%lx: killed\n",
			t->name, sp);
		thread_exit(128 + 11);
	}
	frame = (struct sigframe *)sp;
	frame->magic = SIGFRAME_MAGIC;
	frame->sig = sig;
	memcpy(&frame->regs, regs, sizeof(*regs));
	port_signal_setup(regs, t->sig_handler, sig, sp,
			  (unsigned long)port_user_sigreturn);
	t->signals_delivered++;
	{
		/* Masked: the CPU this thread is on cannot change under us. */
		unsigned long flags = port_irq_save();

		if (cpus[this_cpu()].last_irq_ipi)
			t->sig_on_kick++;
		port_irq_restore(flags);
	}
	STAT_INC(signals);
	narrate("handle_signal: signal %d, frame at sp 0x%lx, pc -> handler 0x%lx",
		sig, sp, t->sig_handler);
	narrate_watch(t, PORT_VEC_SYSCALL); /* and follow its sigreturn */
}

/*
 * SYS_SIGRETURN: the trampoline calls it with the user SP at the frame.
 * Returns the restored return register, so the dispatcher's store of the
 * "result" leaves the interrupted state intact.
 */
long sys_sigreturn(irqentry_regs_t *regs)
{
	struct sigframe *frame = (struct sigframe *)port_regs_user_sp(regs);

	if (!frame_ok(current, (unsigned long)frame) ||
	    frame->magic != SIGFRAME_MAGIC) {
		kprintf("thread %s: bad signal frame at 0x%lx\n", current->name,
			(unsigned long)frame);
		thread_exit(128 + 11);
	}
	frame->magic = 0;
	if (KERNEL_BREAK != 4)
		memcpy(regs, &frame->regs, sizeof(*regs));
	port_sigreturn_sanitize(regs);
	current->sigreturns++;
	STAT_INC(sigreturns);
	narrate("sigreturn: interrupted state restored, pc 0x%lx",
		port_regs_pc(regs));
	return port_regs_return(regs);
}
