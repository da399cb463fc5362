/* SPDX-License-Identifier: MIT */
/*
 * The default report hook (an OS header without irqentry_os_report(), in a
 * debug build): a broken rule stores the rule, its name, the message and
 * the frame in irqentry_last_report, then traps (hosted: SIGILL or
 * SIGTRAP). The signal handler checks what a debugger would see there.
 */
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <irqentry/irqentry.h>

unsigned long work_word;

void os_schedule(void)
{
}

void os_preempt(void)
{
}

void os_signal(struct frame *r)
{
	(void)r;
}

static struct frame frame; /* a kernel-mode frame (CS 0) */

static void say(const char *s)
{
	(void)!write(1, s, strlen(s));
}

static void on_trap(int sig)
{
	const struct irqentry_report *r = &irqentry_last_report;
	int ok = r->rule == IRQENTRY_RULE_ENTER_IRQS_ENABLED && r->name &&
		 strcmp(r->name, "IRQENTRY_RULE_ENTER_IRQS_ENABLED") == 0 &&
		 r->message && strstr(r->message, "IRQs enabled") &&
		 r->regs == &frame;

	say(sig == SIGILL ? "default report: SIGILL, "
			  : "default report: SIGTRAP, ");
	say(r->name ? r->name : "(no name)");
	say(": ");
	say(r->message ? r->message : "(no message)");
	say(ok ? "\nsummary: default report: the trap came with the rule's name, message and frame\n"
	       : "\ndefault report: FAILED: irqentry_last_report does not describe the report\n");
	_exit(ok ? 0 : 1);
}

int main(void)
{
	signal(SIGILL, on_trap);
	signal(SIGTRAP, on_trap);
	irqentry_hosted_reset(0);
	irqentry_arch_local_irq_enable();
	/* Broken: an enter with IRQs enabled. */
	(void)irqentry_enter_from_kernel_mode(&frame);
	say("default report: FAILED: the broken rule did not trap\n");
	return 1;
}
