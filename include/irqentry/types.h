/* SPDX-License-Identifier: MIT */
/*
 * Types shared by the OS header and the library: the per-entry state, the
 * per-CPU block, the debug rule names. Pulled in by <irqentry/irqentry.h>
 * before the OS header, so the OS's hook prototypes may name them.
 */
#ifndef IRQENTRY_TYPES_H
#define IRQENTRY_TYPES_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/types.h>"
#endif

/**
 * irqentry_state_t - what an enter found, handed by value to the matching exit
 *
 * Opaque to callers: keep it, pass it back, do not interpret it. Declared
 * here so the OS header may name it; defined in <irqentry/hooks.h>, after
 * the OS header, because the OS may add a field of its own
 * (IRQENTRY_OS_STATE_TYPE).
 */
typedef struct irqentry_state irqentry_state_t;

/**
 * struct irqentry_thread - the debug bookkeeping of one thread
 *
 * Debug builds only. One per thread, reached through irqentry_os_thread():
 * the kernel-mode entries a thread holds are on its own stack, so their
 * count goes where the thread goes, and a thread that sleeps on one CPU and
 * resumes on another finds its own count there. Zero it when the thread is
 * created (irqentry_syscall_new_thread() does for a user thread). Only the
 * library writes it.
 */
struct irqentry_thread {
	unsigned int depth;    /* kernel-mode entries in flight */
	unsigned int no_sched; /* inside a step that must not schedule */
	unsigned int in_user;  /* 1 after exit to user, until re-entry */
};

/**
 * struct irqentry_cpu - the library's per-CPU bookkeeping
 *
 * One per CPU, reached through irqentry_os_cpu(). The default serves a
 * uniprocessor kernel; an SMP kernel returns its CPU's instance. Only the
 * library writes it; the OS may read it (irqentry_in_nmi()).
 */
struct irqentry_cpu {
	unsigned int nmi_depth; /* NMI-class entries in flight */
	/* Debug: the running thread's bookkeeping, for a kernel that keeps
	 * no per-thread block (irqentry_os_thread()'s default: uniprocessor
	 * only). The library saves and restores it around every schedule it
	 * makes, since the thread switched to has its own. */
	struct irqentry_thread thread;
};

/**
 * enum irqentry_rule - the rules debug mode checks, one name per rule
 *
 * Reported through irqentry_os_report(). Values are stable: append only.
 */
enum irqentry_rule {
	IRQENTRY_RULE_NONE = 0,
	/* An exit path (or guest entry check) was entered with IRQs enabled. */
	IRQENTRY_RULE_EXIT_IRQS_ENABLED = 1,
	/* Something tried to schedule inside an NMI-class context. */
	IRQENTRY_RULE_SCHEDULE_IN_NMI = 2,
	/* Something tried to schedule from after_preempt / after_prepare. */
	IRQENTRY_RULE_SCHEDULE_AFTER_PREPARE = 3,
	/* Schedule with the CPU in a masking state that forbids it (arm64:
	 * D, A, or F without I masked). */
	IRQENTRY_RULE_SCHEDULE_MASKED = 4,
	/* The exit-to-user prepare step was about to return with IRQs on. */
	IRQENTRY_RULE_LOOP_IRQS_ENABLED = 5,
	/* A work loop saw the same bit after IRQENTRY_WORK_LOOP_LIMIT passes:
	 * the hook for it does not clear it. */
	IRQENTRY_RULE_NO_PROGRESS = 6,
	/* An exit without a matching enter, or an enter entered twice. */
	IRQENTRY_RULE_UNBALANCED = 7,
	/* NMI exit does not match the innermost NMI enter. */
	IRQENTRY_RULE_NMI_UNBALANCED = 8,
	/* The handler returned with a different preempt count. */
	IRQENTRY_RULE_PREEMPT_COUNT_LEAK = 9,
	/* User-mode exit work run for a frame that returns to kernel mode. */
	IRQENTRY_RULE_USER_WORK_ON_KERNEL_RETURN = 10,
	/* Syscall exit work run twice (or without a syscall entry). */
	IRQENTRY_RULE_SYSCALL_EXIT_TWICE = 11,
	/* The frame's mode does not match the path (a user frame on a
	 * kernel-mode path, or the reverse). */
	IRQENTRY_RULE_WRONG_MODE = 12,
	/* Syscall exit work found IRQs disabled (the syscall left them so). */
	IRQENTRY_RULE_SYSCALL_IRQS_DISABLED = 13,
	/* An enter path was entered with IRQs enabled. */
	IRQENTRY_RULE_ENTER_IRQS_ENABLED = 14,
	/* A preemptible kernel-mode exit ran off the thread's stack (an IRQ
	 * stack): a context switch there would resume another thread on a
	 * stack that is not its own. */
	IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK = 15,
	IRQENTRY_RULE_COUNT
};

/* What irqentry_rule_name() returns for a value that names no rule. */
#define IRQENTRY_RULE_NAME_UNKNOWN "IRQENTRY_RULE_(unknown)"

/**
 * irqentry_rule_name - the name of a debug rule, for a report to print
 * @rule: the rule a report names
 *
 * The switch has no default, so a rule added to the enum without a name
 * here is a -Wswitch warning (an error in the library's own tests).
 *
 * Context: any, including NMI; freestanding (a string literal, no I/O).
 * Return: the enumerator's name ("IRQENTRY_RULE_NO_PROGRESS"), or
 * IRQENTRY_RULE_NAME_UNKNOWN for a value that is no rule (also
 * IRQENTRY_RULE_COUNT).
 */
static inline const char *irqentry_rule_name(enum irqentry_rule rule)
{
	switch (rule) {
	case IRQENTRY_RULE_NONE:
		return "IRQENTRY_RULE_NONE";
	case IRQENTRY_RULE_EXIT_IRQS_ENABLED:
		return "IRQENTRY_RULE_EXIT_IRQS_ENABLED";
	case IRQENTRY_RULE_SCHEDULE_IN_NMI:
		return "IRQENTRY_RULE_SCHEDULE_IN_NMI";
	case IRQENTRY_RULE_SCHEDULE_AFTER_PREPARE:
		return "IRQENTRY_RULE_SCHEDULE_AFTER_PREPARE";
	case IRQENTRY_RULE_SCHEDULE_MASKED:
		return "IRQENTRY_RULE_SCHEDULE_MASKED";
	case IRQENTRY_RULE_LOOP_IRQS_ENABLED:
		return "IRQENTRY_RULE_LOOP_IRQS_ENABLED";
	case IRQENTRY_RULE_NO_PROGRESS:
		return "IRQENTRY_RULE_NO_PROGRESS";
	case IRQENTRY_RULE_UNBALANCED:
		return "IRQENTRY_RULE_UNBALANCED";
	case IRQENTRY_RULE_NMI_UNBALANCED:
		return "IRQENTRY_RULE_NMI_UNBALANCED";
	case IRQENTRY_RULE_PREEMPT_COUNT_LEAK:
		return "IRQENTRY_RULE_PREEMPT_COUNT_LEAK";
	case IRQENTRY_RULE_USER_WORK_ON_KERNEL_RETURN:
		return "IRQENTRY_RULE_USER_WORK_ON_KERNEL_RETURN";
	case IRQENTRY_RULE_SYSCALL_EXIT_TWICE:
		return "IRQENTRY_RULE_SYSCALL_EXIT_TWICE";
	case IRQENTRY_RULE_WRONG_MODE:
		return "IRQENTRY_RULE_WRONG_MODE";
	case IRQENTRY_RULE_SYSCALL_IRQS_DISABLED:
		return "IRQENTRY_RULE_SYSCALL_IRQS_DISABLED";
	case IRQENTRY_RULE_ENTER_IRQS_ENABLED:
		return "IRQENTRY_RULE_ENTER_IRQS_ENABLED";
	case IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK:
		return "IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK";
	case IRQENTRY_RULE_COUNT:
		break;
	}
	return IRQENTRY_RULE_NAME_UNKNOWN;
}

#endif /* IRQENTRY_TYPES_H */
