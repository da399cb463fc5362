/* SPDX-License-Identifier: MIT */
/*
 * The demo's OS: one thread's work word, a preempt count, and hooks that
 * narrate themselves with the live (simulated) DAIF.
 */
#ifndef DEMO_OS_H
#define DEMO_OS_H

struct demo_regs {
	unsigned long pstate; /* saved SPSR_EL1 */
	unsigned long x0, x8, orig_x0;
};
typedef struct demo_regs irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

extern unsigned long demo_work;
extern int demo_preempt_count;
void demo_say(const char *what);

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->pstate;
}
#define irqentry_os_regs_status irqentry_os_regs_status

static inline unsigned long *irqentry_os_work(void)
{
	return &demo_work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return demo_preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void irqentry_os_schedule(void)
{
	demo_say("schedule(): switch to another thread and back");
	irqentry_work_clear(&demo_work,
			    IRQENTRY_WORK_NEED_RESCHED |
				    IRQENTRY_WORK_NEED_RESCHED_LAZY);
}
#define irqentry_os_schedule irqentry_os_schedule

static inline void irqentry_os_preempt_schedule_irq(void)
{
	demo_say("preempt_schedule_irq(): involuntary switch and back");
	irqentry_work_clear(&demo_work, IRQENTRY_WORK_NEED_RESCHED);
}
#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq

static inline void irqentry_os_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	demo_say("handle_signal(): set up the user's signal frame");
	irqentry_work_clear(&demo_work, IRQENTRY_WORK_SIGPENDING |
						IRQENTRY_WORK_NOTIFY_SIGNAL);
}
#define irqentry_os_handle_signal irqentry_os_handle_signal

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return (long)regs->x8;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->x0 = (unsigned long)value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return

/* x0 is the first argument too: keep it before the -ENOSYS preset. */
static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
{
	regs->orig_x0 = regs->x0;
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

#define DEMO_HOOK(name, text)                                                  \
	static inline void name(irqentry_regs_t *regs)                         \
	{                                                                      \
		(void)regs;                                                    \
		demo_say(text);                                                \
	}
DEMO_HOOK(irqentry_os_enter_from_kernel, "enter_from_kernel: state tracking")
DEMO_HOOK(irqentry_os_exit_to_kernel,
	  "after_preempt: state management, then ERET")
DEMO_HOOK(irqentry_os_enter_from_user,
	  "enter_from_user: context tracking -> kernel")
DEMO_HOOK(irqentry_os_exit_to_user,
	  "after_prepare: context tracking -> user, then ERET")
#undef DEMO_HOOK
#define irqentry_os_enter_from_kernel irqentry_os_enter_from_kernel
#define irqentry_os_exit_to_kernel    irqentry_os_exit_to_kernel
#define irqentry_os_enter_from_user   irqentry_os_enter_from_user
#define irqentry_os_exit_to_user      irqentry_os_exit_to_user

/* Debug mode: say which rule broke instead of trapping silently. */
void demo_report(int rule, const char *message);
static inline void irqentry_os_report(enum irqentry_rule rule,
				      const char *message,
				      irqentry_regs_t *regs)
{
	(void)regs;
	demo_report((int)rule, message);
}
#define irqentry_os_report irqentry_os_report

#endif /* DEMO_OS_H */
